import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeStartCycle } from '../../functions/admin/start-cycle';
import type { HttpResponse } from '../../functions/http/page';
import { makePublishMinutes } from '../../functions/publish-minutes/publish-minutes';
import { approvedMinutesKey, publicMinutesKey, publicMinutesPdfKey } from '../../functions/shared/table/object-keys';
import { parseMembersCsv } from '../../functions/shared/domain/members-csv';
import { extractLines } from '../support/pdf-parse';
import { exemptItemLine } from '../../functions/shared/domain/public-minutes';
import type { AgendaItem, Cycle } from '../../functions/shared/domain/types';
import { DEMO_BOARD_ID, DEMO_MEMBERS_CSV, demoBoard } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const STATE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-public-minutes-')), 'local-cloud.json');
const cloud = useLocalCloud({ writeStateFile: true, env: { MEETING_CYCLE_LOCAL_STATE: STATE } });
const OPEN_BOARD = 'open-board';
const HOSTILE = '<script>alert(1)</script>';
const SECRETS = ['Staff restructure', 'twelve posts', 'Redundancy terms', 'affected staff'];

const ITEMS: Omit<AgendaItem, 'cycleId'>[] = [
  { number: 1, title: 'Welcome and apologies', purpose: 'information', source: 'standing', paperExpected: false, confidential: false },
  { number: 2, title: 'Finance report', purpose: 'decision', source: 'standing', paperExpected: true, confidential: false },
  { number: 3, title: 'Staff restructure', purpose: 'decision', source: 'proposal', paperExpected: true, confidential: true },
  { number: 4, title: 'Any other business', purpose: 'discussion', source: 'standing', paperExpected: false, confidential: false },
];

const MINUTES = `Riverside Community Safety Board

Minutes of Meeting

Wednesday 20 January 2027, 10:00 Committee Room 1, Riverside Town Hall

Present

Alex Morgan\tChair
Priya Shah\tPolicing and Crime Office

ITEM 1. Welcome and apologies

1.1 The Chair welcomed members.

ITEM 2. Finance report

2.1 The Board noted the budget position for the quarter. ${HOSTILE}

Action 1: Priya Shah to circulate the revised budget by 1 March 2027.

ITEM 3. Staff restructure

3.1 The Board discussed the proposal to remove twelve posts from the community safety team.
3.2 Redundancy terms were agreed in private. ${HOSTILE}

Action 2: Tom Okafor to write to the affected staff by 5 February 2027.

ITEM 4. Any other business

4.1 None was raised.

Summary of actions

Action 1: Priya Shah to circulate the revised budget by 1 March 2027.
Action 2: Tom Okafor to write to the affected staff by 5 February 2027.

Date of next meeting: 21 April 2027, 10:00
`;

// Real HTTP through the local server, which hands /public/ to the Http handler as API Gateway would.
const get = async (urlPath: string): Promise<HttpResponse> => {
  const res = await fetch(`${cloud().appUrl}${urlPath}`, { redirect: 'manual' });
  return { statusCode: res.status, headers: Object.fromEntries(res.headers.entries()), body: await res.text() };
};

/** Follows a 302 to its presigned URL and returns the file. */
const download = async (res: HttpResponse): Promise<Uint8Array> => {
  expect(res.statusCode).toBe(302);
  const file = await fetch(res.headers.location ?? '');
  expect(file.status).toBe(200);
  return new Uint8Array(await file.arrayBuffer());
};

/** The text a PDF reader extracts from a minutes PDF (its font is an embedded subset: read through /ToUnicode), one line each. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await extractLines(bytes)).join('\n');
}

/** A cycle with the agenda above and an approved minutes version holding `text`, as the chair left it. */
async function approvedCycle(boardId: string, meetingDate: string, text: string): Promise<Cycle> {
  const d = cloud().deps;
  const { cycle } = await makeStartCycle(d)({ boardId, meetingDate });
  await d.cycles.putItems(
    cycle.cycleId,
    ITEMS.map((i) => ({ ...i, cycleId: cycle.cycleId })),
  );
  const chair = (await d.boards.listMembers(boardId)).find((m) => m.roles.includes('chair'));
  const s3Key = `minutes/${cycle.cycleId}/approved-text.md`;
  await d.documents.putText(s3Key, text, 'text/markdown; charset=utf-8');
  const at = d.clock.now().toISOString();
  await d.cycles.addMinutes({
    cycleId: cycle.cycleId,
    s3Key,
    status: 'approved',
    savedBy: 'secretariat',
    savedAt: at,
    approval: { by: chair!.memberId, at, via: 'link' },
  });
  return cycle;
}

const publish = (cycle: Cycle) => makePublishMinutes(cloud().deps)({ boardId: cycle.boardId, cycleId: cycle.cycleId, minutesVersion: 1 });

let opted: Cycle;
let base: string;

beforeAll(async () => {
  // Arrange: a board that opted in to public minutes (and not to a public agenda), with the demo members.
  const d = cloud().deps;
  await d.boards.putBoard({ ...demoBoard(), boardId: OPEN_BOARD, name: 'Open Board', publicMinutes: true });
  const { members, errors } = parseMembersCsv(OPEN_BOARD, DEMO_MEMBERS_CSV);
  expect(errors).toEqual([]);
  await d.boards.addMembers(members);
  opted = await approvedCycle(OPEN_BOARD, '2027-01-20', MINUTES);
  base = `/public/${OPEN_BOARD}/${opted.cycleId}`;
  await expect(publish(opted)).resolves.toMatchObject({ public: true, sent: members.length });
});

describe('the approved minutes of a board that opted in', () => {
  it('stores a public copy under its own keys, with the exempt item withheld, and records it on the cycle', async () => {
    const d = cloud().deps;
    const cycle = await d.cycles.getCycle(OPEN_BOARD, opted.cycleId);
    expect(cycle?.publicMinutes).toMatchObject({
      version: 1,
      htmlKey: `minutes/${opted.cycleId}/v1-public.html`,
      pdfKey: `minutes/${opted.cycleId}/v1-public.pdf`,
    });
    const stored = await d.documents.getText(publicMinutesKey(opted.cycleId, 1));
    expect(stored).toContain(exemptItemLine('3'));
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    // The members' copy is whole.
    expect(await d.documents.getText(approvedMinutesKey(opted.cycleId, 1))).toContain('twelve posts');
  });

  it('links the meeting’s public page to the approved minutes, as a page and a PDF', async () => {
    const res = await get(base);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<a href="${base}/minutes">Approved minutes</a>`);
    expect(res.body).toContain(`<a href="${base}/minutes.pdf">PDF, `);
    expect(res.body).toContain('exempt items are withheld');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });

  it('serves the public copy with the approval statement, without the exempt item, escaped, with the public page headers', async () => {
    const res = await get(`${base}/minutes`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`${exemptItemLine('3')}\n\nITEM 4. Any other business`);
    expect(res.body).toContain('2.1 The Board noted the budget position for the quarter.');
    expect(res.body).toContain('Action 1: Priya Shah to circulate the revised budget by 1 March 2027.');
    expect(res.body).toMatch(/Approved by Alex Morgan on \w+ \d+ \w+ \d{4} \(version 1\)\./);
    for (const secret of [...SECRETS, 'Action 2', '<script>']) expect(res.body).not.toContain(secret);
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('serves the public PDF, with the approval statement and without the exempt item', async () => {
    const res = await get(`${base}/minutes.pdf`);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = await pdfText(await download(res));
    expect(text).toContain('ITEM 3. Exempt item: not for publication');
    expect(text).toContain('2.1 The Board noted the budget position for the quarter.');
    expect(text).toMatch(/Approved by Alex Morgan on .+ \(version 1\)\./);
    for (const secret of [...SECRETS, 'Action 2']) expect(text).not.toContain(secret);
    const members = await pdfText(await cloud().deps.documents.getBytes(`minutes/${opted.cycleId}/v1-approved.pdf`));
    expect(members).toContain('twelve posts');
  });

  it('writes the same objects and record on a retry, and sends nothing twice', async () => {
    const d = cloud().deps;
    const before = await d.cycles.getCycle(OPEN_BOARD, opted.cycleId);
    const html = await d.documents.getText(publicMinutesKey(opted.cycleId, 1));
    const sentBefore = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'minutes-published').length;
    await cloud().sfn.advanceTo(new Date(d.clock.now().getTime() + 60_000));
    await expect(publish(opted)).resolves.toMatchObject({ public: true, sent: 0 });
    const after = await d.cycles.getCycle(OPEN_BOARD, opted.cycleId);
    expect(after?.publicMinutes).toEqual(before?.publicMinutes);
    expect(await d.documents.getText(publicMinutesKey(opted.cycleId, 1))).toBe(html);
    expect(
      cloud()
        .mail.emails()
        .filter((e) => e.kind === 'minutes-published'),
    ).toHaveLength(sentBefore);
  });

  it('is gone as soon as the board opts out', async () => {
    const d = cloud().deps;
    const board = (await d.boards.getBoard(OPEN_BOARD))!;
    await d.boards.putBoard({ ...board, publicMinutes: false }, board.version);
    try {
      for (const route of ['', '/minutes', '/minutes.pdf']) expect((await get(`${base}${route}`)).statusCode).toBe(404);
    } finally {
      const now = (await d.boards.getBoard(OPEN_BOARD))!;
      await d.boards.putBoard({ ...now, publicMinutes: true }, now.version);
    }
    expect((await get(`${base}/minutes`)).statusCode).toBe(200);
  });
});

describe('minutes whose exempt item cannot be found', () => {
  it('go to the members, but nothing public is written, the secretariat is told why, and the cycle carries on', async () => {
    const d = cloud().deps;
    const text = MINUTES.replace('ITEM 3. Staff restructure', 'Staff restructure (taken in private)');
    const cycle = await approvedCycle(OPEN_BOARD, '2027-02-17', text);

    await expect(publish(cycle)).resolves.toMatchObject({ public: false });
    await expect(publish(cycle)).resolves.toMatchObject({ public: false });

    const reason = /Item 3 \("Staff restructure"\) is exempt, but the minutes have no heading for item 3/;
    expect((await d.cycles.getCycle(OPEN_BOARD, cycle.cycleId))?.publicMinutesWithheld).toMatchObject({ version: 1, reason: expect.stringMatching(reason) });
    const told = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'public-minutes-withheld');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ to: ['secretariat@example.org'], subject: expect.stringContaining('Public minutes not published') });
    expect(told[0]?.text).toMatch(reason);
    expect(await d.documents.head(publicMinutesKey(cycle.cycleId, 1))).toBeUndefined();
    expect(await d.documents.head(publicMinutesPdfKey(cycle.cycleId, 1))).toBeUndefined();
    expect((await d.cycles.getCycle(OPEN_BOARD, cycle.cycleId))?.publicMinutes).toBeUndefined();
    expect(await d.documents.head(approvedMinutesKey(cycle.cycleId, 1))).toBeDefined();
    expect((await get(`/public/${OPEN_BOARD}/${cycle.cycleId}/minutes`)).statusCode).toBe(404);
  });
});

describe('a board that did not opt in', () => {
  it('publishes to members only: nothing public is written, and the minutes routes are 404', async () => {
    const d = cloud().deps;
    const cycle = await approvedCycle(DEMO_BOARD_ID, '2027-01-20', MINUTES);

    await expect(publish(cycle)).resolves.toMatchObject({ public: false });

    expect(await d.documents.head(approvedMinutesKey(cycle.cycleId, 1))).toBeDefined();
    expect(await d.documents.head(publicMinutesKey(cycle.cycleId, 1))).toBeUndefined();
    expect(await d.documents.head(publicMinutesPdfKey(cycle.cycleId, 1))).toBeUndefined();
    expect((await d.cycles.getCycle(DEMO_BOARD_ID, cycle.cycleId))?.publicMinutes).toBeUndefined();
    const answers = await Promise.all(['', '/minutes', '/minutes.pdf'].map((route) => get(`/public/${DEMO_BOARD_ID}/${cycle.cycleId}${route}`)));
    const unknown = await get(`/public/no-such-board/${cycle.cycleId}/minutes`);
    for (const res of [...answers, unknown]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(unknown.body);
    }
  });
});

describe('cycle boards create --public-minutes', () => {
  it('creates a board that publishes its minutes, and says so', async () => {
    cloud();
    const bin = path.join(__dirname, '..', '..', 'bin', 'cycle.cjs');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, 'boards', 'create', '--id', 'open-committee', '--name', 'Open Committee', '--public-minutes'],
      { env: { ...process.env, MEETING_CYCLE_LOCAL_STATE: STATE } },
    );
    expect(stdout).toContain('Approved minutes will be published, exempt items withheld, at /public/open-committee/<cycle>.');
    expect(await cloud().deps.boards.getBoard('open-committee')).toMatchObject({ publicMinutes: true });
    const { stdout: plain } = await promisify(execFile)(process.execPath, [bin, 'boards', 'create', '--id', 'closed-committee', '--name', 'Closed Committee'], {
      env: { ...process.env, MEETING_CYCLE_LOCAL_STATE: STATE },
    });
    expect(plain).not.toContain('Approved minutes will be published');
    expect((await cloud().deps.boards.getBoard('closed-committee'))?.publicMinutes).toBeUndefined();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { makeStartCycle } from '../../functions/admin/start-cycle';
import { hashEntry, type AuditEntry } from '../../functions/shared/domain/audit';
import type { Cycle } from '../../functions/shared/domain/types';
import { dynamo } from '../../functions/shared/runtime/clients';
import { keys } from '../../functions/shared/table/keys';
import { TABLE_NAME } from '../../local/cloud';
import { appLinks, follow, submit } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { cycleCommand } from '../support/cli';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const STATE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-audit-')), 'local-cloud.json');
const cloud = useLocalCloud({ writeStateFile: true, env: { MEETING_CYCLE_LOCAL_STATE: STATE } });
const cycle = cycleCommand(STATE);
let started: Cycle;

const entryKey = (seq: number) => keys.auditEntry(DEMO_BOARD_ID, seq);
const readEntry = async (seq: number) => (await dynamo().send(new GetCommand({ TableName: TABLE_NAME, Key: entryKey(seq) }))).Item!;
const writeEntry = (item: Record<string, unknown>) => dynamo().send(new PutCommand({ TableName: TABLE_NAME, Item: item }));
const verify = () => cycle('audit', '--board', DEMO_BOARD_ID, '--verify');

/** Runs a tampering, checks `--verify` names it, and puts the table back as it was. */
async function detects(tamper: () => Promise<() => Promise<void>>, expected: RegExp): Promise<void> {
  const restore = await tamper();
  try {
    const out = await verify();
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(expected);
  } finally {
    await restore();
  }
  expect((await verify()).code).toBe(0);
}

beforeAll(async () => {
  ({ cycle: started } = await makeStartCycle(cloud().deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' }));
  await cloud().sfn.advanceTo(new Date(Date.parse(started.timeline.itemDeadline) + 60_000));
  const request = cloud()
    .mail.emails()
    .find((e) => e.kind === 'agenda-confirmation-request');
  const page = await follow(appLinks(request!.text, cloud().appUrl)[0]!);
  expect((await submit(page, 'Confirm the agenda', {})).title).toBe('Agenda confirmed');
});

describe('the audit trail of a cycle', () => {
  it('records the cycle’s changes and every email, in order, each linked to the one before', async () => {
    const entries = await cloud().deps.audit.list(DEMO_BOARD_ID, { cycleId: started.cycleId });
    const types = entries.map((e) => (e.what.type === 'email-sent' ? `email:${e.what.kind}` : e.what.type));
    expect(types[0]).toBe('cycle-started');
    expect(types.filter((t) => t === 'email:agenda-call')).toHaveLength(9);
    const confirmed = types.indexOf('agenda-confirmed');
    expect(confirmed).toBeGreaterThan(types.lastIndexOf('email:agenda-call'));
    expect(confirmed).toBeGreaterThan(types.indexOf('email:agenda-confirmation-request'));
    const call = entries.find((e) => e.what.type === 'email-sent' && e.what.kind === 'agenda-call')!;
    expect(call).toMatchObject({ who: { kind: 'system' }, what: { to: [expect.stringContaining('@')], messageId: expect.stringMatching(/@meeting-cycle$/) } });
    const mailed = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'agenda-call');
    expect(mailed.map((m) => m.subject)).toContain((call.what as { subject: string }).subject);
    expect(entries.find((e) => e.what.type === 'agenda-confirmed')?.who).toMatchObject({ kind: 'secretariat' });
    const all = await cloud().deps.audit.list(DEMO_BOARD_ID);
    all.forEach((e, i) => expect({ seq: e.seq, prevHash: e.prevHash }).toEqual({ seq: i + 1, prevHash: i === 0 ? '0'.repeat(64) : all[i - 1]!.hash }));
  });

  it('lists the trail and verifies the chain with the real command', async () => {
    const listed = await cycle('audit', '--board', DEMO_BOARD_ID, '--cycle', started.cycleId);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/cycle started for the meeting on 2027-01-20/);
    expect(listed.stdout).toMatch(/agenda confirmed/);
    const verified = await verify();
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/Chain verified: \d+ entries, intact\./);
  });

  it('names an entry changed in the table', async () => {
    await detects(async () => {
      const item = await readEntry(2);
      await writeEntry({ ...item, what: { ...(item.what as object), subject: 'Something else' } });
      return async () => void (await writeEntry(item));
    }, /Entry 2 \(.*\) was changed after it was written/);
  });

  it('names an entry deleted from the table, and the last one deleted too', async () => {
    await detects(async () => {
      const item = await readEntry(3);
      await dynamo().send(new DeleteCommand({ TableName: TABLE_NAME, Key: entryKey(3) }));
      return async () => void (await writeEntry(item));
    }, /Entry 3 is missing: deleted after being written/);
    const last = (await cloud().deps.audit.head(DEMO_BOARD_ID))!.seq;
    await detects(
      async () => {
        const item = await readEntry(last);
        await dynamo().send(new DeleteCommand({ TableName: TABLE_NAME, Key: entryKey(last) }));
        return async () => void (await writeEntry(item));
      },
      new RegExp(`Entry ${last} is missing`),
    );
  });

  it('names two entries swapped in the table', async () => {
    await detects(async () => {
      const [four, five] = [await readEntry(4), await readEntry(5)];
      await writeEntry({ ...five, ...entryKey(4) });
      await writeEntry({ ...four, ...entryKey(5) });
      return async () => {
        await writeEntry(four);
        await writeEntry(five);
      };
    }, /Entry 5 \(.*\) is stored before entry 4 .*: the entries were reordered/);
  });

  it('names an entry rewritten with a fresh hash by the link the next one holds', async () => {
    await detects(async () => {
      const item = await readEntry(6);
      const forged = { ...(item as unknown as AuditEntry), at: '2026-12-01T00:00:00.000Z' };
      await writeEntry({ ...item, at: forged.at, hash: hashEntry(forged) });
      return async () => void (await writeEntry(item));
    }, /Entry 6 \(2026-12-01 00:00 UTC, .*\) was changed after it was written \(the next entry's link to it does not match\)/);
  });
});

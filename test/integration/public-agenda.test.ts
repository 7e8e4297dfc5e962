import { makeStartCycle } from '../../functions/admin/start-cycle';
import { makeBuildBoardPack } from '../../functions/build-board-pack/build-board-pack';
import type { HttpResponse } from '../../functions/http/page';
import { makePublishMinutes } from '../../functions/publish-minutes/publish-minutes';
import { approvedMinutesKey } from '../../functions/shared/table/object-keys';
import { EXEMPT_ITEM_TEXT } from '../../functions/shared/domain/agenda';
import { inspectPdf } from '../../functions/shared/documents/pdf-check';
import { exemptItemLine } from '../../functions/shared/domain/public-minutes';
import type { AgendaItem, Board, Cycle } from '../../functions/shared/domain/types';
import { driveCycle } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';

let cycle: Cycle;
let exempt: AgendaItem;
let open: AgendaItem;
let base: string;

// Real HTTP through the local server, which hands /public/ to the Http handler as API Gateway would.
const get = async (path: string, method = 'GET'): Promise<HttpResponse> => {
  const res = await fetch(`${cloud().appUrl}${path}`, { method, redirect: 'manual' });
  return { statusCode: res.status, headers: Object.fromEntries(res.headers.entries()), body: method === 'HEAD' ? '' : await res.text() };
};

const setBoard = async (change: Partial<Pick<Board, 'publicAgenda' | 'publicMinutes'>>): Promise<void> => {
  const board = await cloud().deps.boards.getBoard(DEMO_BOARD_ID);
  if (!board) throw new Error('The demo board is not seeded');
  await cloud().deps.boards.putBoard({ ...board, ...change }, board.version);
};
const setPublicAgenda = (value: boolean): Promise<void> => setBoard({ publicAgenda: value });

/** Follows a 302 to its presigned URL and returns the file. */
const download = async (res: HttpResponse): Promise<Uint8Array> => {
  expect(res.statusCode).toBe(302);
  const file = await fetch(res.headers.location ?? '');
  expect(file.status).toBe(200);
  return new Uint8Array(await file.arrayBuffer());
};

beforeAll(async () => {
  // Arrange: an opted-in board, a whole cycle run, then one item with a paper made exempt and the packs
  // rebuilt, as if the secretariat had marked it confidential before circulation.
  await setPublicAgenda(true);
  const result = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', meetingTime: '15:30' });
  expect(result.status).toBe('SUCCEEDED');
  const { cycleId } = result.cycle;
  const [items, papers] = await Promise.all([cloud().deps.cycles.listItems(cycleId), cloud().deps.cycles.listPapers(cycleId)]);
  const withPapers = items.filter((i) => papers.some((p) => p.itemNumber === i.number));
  expect(withPapers.length).toBeGreaterThanOrEqual(2);
  exempt = { ...withPapers[0]!, confidential: true };
  open = { ...withPapers[1]!, title: HOSTILE, confidential: false };
  await cloud().deps.cycles.putItems(
    cycleId,
    items.map((i) => (i.number === exempt.number ? exempt : i.number === open.number ? open : i)),
  );
  await makeBuildBoardPack(cloud().deps)({ boardId: DEMO_BOARD_ID, cycleId });
  cycle = (await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, cycleId))!;
  base = `/public/${DEMO_BOARD_ID}/${cycleId}`;
});

describe('the public agenda of an opted-in board after circulation', () => {
  it('lists the agenda with the meeting, and shows an exempt item only as exempt', async () => {
    const res = await get(base);
    expect(res.statusCode).toBe(200);
    const items = await cloud().deps.cycles.listItems(cycle.cycleId);
    for (const item of items.filter((i) => !i.confidential && i.title !== HOSTILE)) expect(res.body).toContain(item.title);
    expect(res.body).toContain(cycle.meeting.venue);
    expect(res.body).toContain('15:30');
    // Number and the exempt line, and nothing else: no title, no presenter, no paper link.
    expect(res.body).toContain(`<tr><td>${exempt.number}</td><td colspan="3">${EXEMPT_ITEM_TEXT}</td></tr>`);
    expect(res.body).not.toContain(exempt.title);
    expect(res.body).not.toContain(`/paper/${exempt.number}"`);
    expect(res.body).toContain(`${base}/paper/${open.number}"`);
    expect(res.body).toContain(`${base}/pack"`);
  });

  it('escapes hostile text in a title', async () => {
    const res = await get(base);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
  });

  it('may be cached briefly, and keeps the other security headers of the link pages', async () => {
    const { headers } = await get(base);
    expect(headers['cache-control']).toBe('public, max-age=300');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('redirects to the public pack, which has the pages recorded and fewer than the members’ pack', async () => {
    const res = await get(`${base}/pack`);
    // The redirect holds a five-minute URL: no cache may keep it longer than that.
    expect(res.headers['cache-control']).toBe('no-store');
    const { pages } = await inspectPdf(await download(res));
    expect(pages).toBe(cycle.packs!.public.pages);
    expect(pages).toBeLessThan(cycle.packs!.members.pages);
  });

  it('serves the paper of a public item and never the paper of an exempt one', async () => {
    const paper = await download(await get(`${base}/paper/${open.number}`));
    expect((await inspectPdf(paper)).pages).toBeGreaterThan(0);
    expect((await get(`${base}/paper/${exempt.number}`)).statusCode).toBe(404);
    expect((await get(`${base}/paper/999`)).statusCode).toBe(404);
    expect((await get(`${base}/papers`)).statusCode).toBe(404);
  });

  it('answers HEAD like GET and refuses other methods', async () => {
    expect((await get(base, 'HEAD')).statusCode).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE']) expect((await get(base, method)).statusCode).toBe(405);
  });
});

describe('the approved minutes on the public page of a board that opted in to both', () => {
  let minutesVersion: number;
  let membersCopy: string;

  beforeAll(async () => {
    // The workflow published the minutes before the board opted in; publishing again (as a retry would)
    // adds the public copy, with the item made exempt above withheld.
    const minutes = await cloud().deps.cycles.latestMinutes(cycle.cycleId);
    expect(minutes?.status).toBe('approved');
    minutesVersion = minutes!.version;
    membersCopy = await cloud().deps.documents.getText(approvedMinutesKey(cycle.cycleId, minutesVersion));
    expect(membersCopy).toContain(`ITEM ${exempt.number}. ${exempt.title}`);
    await setBoard({ publicMinutes: true });
    await makePublishMinutes(cloud().deps)({ boardId: DEMO_BOARD_ID, cycleId: cycle.cycleId, minutesVersion });
  });

  it('links the agenda page to the approved minutes', async () => {
    const res = await get(base);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<a href="${base}/minutes">Approved minutes</a>`);
    expect(res.body).toContain(`<a href="${base}/minutes.pdf">PDF, `);
    expect(res.body).toContain(`${base}/pack"`);
  });

  it('serves the public copy only: the exempt item is withheld, the rest is as approved', async () => {
    const res = await get(`${base}/minutes`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toBe(membersCopy);
    expect(res.body).toContain(exemptItemLine(String(exempt.number)));
    expect(res.body).not.toContain(exempt.title);
    expect(res.body).toContain('Approved by Alex Morgan');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const pdf = await download(await get(`${base}/minutes.pdf`));
    expect((await inspectPdf(pdf)).pages).toBeGreaterThan(0);
  });
});

describe('what is not published', () => {
  it('gives the same 404 for a board without the opt-in, a cycle not circulated, an unknown board and a malformed id', async () => {
    const { cycle: upcoming } = await makeStartCycle(cloud().deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-06-16' });
    const answers = [
      await get(`/public/${DEMO_BOARD_ID}/${upcoming.cycleId}`),
      await get(`/public/no-such-board/${cycle.cycleId}`),
      await get(`/public/${DEMO_BOARD_ID}/no-such-cycle`),
      await get(`/public/Demo_Board/${cycle.cycleId}`),
      await get(`/public/${DEMO_BOARD_ID}/${encodeURIComponent('<x>')}`),
      await get(`/public/${DEMO_BOARD_ID}`),
    ];
    await setBoard({ publicAgenda: false, publicMinutes: false });
    try {
      answers.push(
        await get(base),
        await get(`${base}/pack`),
        await get(`${base}/paper/${open.number}`),
        await get(`${base}/minutes`),
        await get(`${base}/minutes.pdf`),
      );
    } finally {
      await setBoard({ publicAgenda: true, publicMinutes: true });
    }
    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(res.headers['cache-control']).toBe('no-store');
      // Not a word more for one reason than another.
      expect(res.body).toBe(answers[0]!.body);
    }
    expect(answers[0]!.body).toContain('Not published');
    expect(answers[0]!.body).not.toContain(DEMO_BOARD_ID);
  });
});

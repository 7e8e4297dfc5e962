import { updateBoard } from '../../functions/admin/boards';
import { makeStartCycle } from '../../functions/admin/start-cycle';
import type { HttpResponse } from '../../functions/http/page';
import type { Cycle } from '../../functions/shared/domain/types';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const INDEX = `/public/${DEMO_BOARD_ID}`;

// Real HTTP through the local server, which hands /public/ to the Http handler as API Gateway would.
const get = async (path: string): Promise<HttpResponse> => {
  const res = await fetch(`${cloud().appUrl}${path}`, { redirect: 'manual' });
  return { statusCode: res.status, headers: Object.fromEntries(res.headers.entries()), body: await res.text() };
};
const setBoard = (patch: { publicIndex?: boolean; publicAgenda?: boolean; publicMinutes?: boolean }) => updateBoard(cloud().deps, DEMO_BOARD_ID, patch);

let january: Cycle;
let february: Cycle;
let march: Cycle;

const pack = (cycleId: string) => ({ s3Key: `packs/${cycleId}.pdf`, pages: 12, size: 204_800 });

beforeAll(async () => {
  // Three meetings: January circulated and its minutes published, February circulated, March not yet circulated.
  const start = makeStartCycle(cloud().deps);
  for (const meetingDate of ['2027-01-20', '2027-02-17', '2027-03-17']) {
    const { cycle } = await start({ boardId: DEMO_BOARD_ID, meetingDate });
    const circulated = meetingDate < '2027-03-01';
    const published = meetingDate < '2027-02-01';
    const updated = await cloud().deps.cycles.updateCycle(DEMO_BOARD_ID, cycle.cycleId, (c) => ({
      meeting: { ...c.meeting, venue: meetingDate === '2027-02-17' ? HOSTILE : c.meeting.venue },
      ...(circulated ? { packs: { members: pack(c.cycleId), public: pack(c.cycleId), builtAt: c.timeline.circulation } } : {}),
      ...(published ? { publicMinutes: { version: 2, htmlKey: 'm.html', pdfKey: 'm.pdf', pdfSize: 51_200, publishedAt: '2027-02-03T10:00:00.000Z' } } : {}),
    }));
    if (meetingDate === '2027-01-20') january = updated;
    else if (meetingDate === '2027-02-17') february = updated;
    else march = updated;
  }
});

describe('the public index of a board', () => {
  it('answers 404 until the board opts in, the same as for a board that does not exist', async () => {
    await setBoard({ publicAgenda: true, publicMinutes: true });
    const before = await get(INDEX);
    const unknown = await get('/public/no-such-board');
    const malformed = await get('/public/%3Cscript%3E');
    expect([before.statusCode, unknown.statusCode, malformed.statusCode]).toEqual([404, 404, 404]);
    expect(before.body).toBe(unknown.body);
    expect(before.body).toContain('There is no published agenda at this address.');
  });

  it('lists the published meetings newest first, with agenda, public pack and approved minutes, escaping every title', async () => {
    await setBoard({ publicIndex: true });
    const res = await get(INDEX);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const at = (c: Cycle) => res.body.indexOf(`/public/${DEMO_BOARD_ID}/${c.cycleId}"`);
    expect(at(february)).toBeGreaterThan(0);
    expect(at(january)).toBeGreaterThan(at(february));
    expect(res.body).toContain(`/public/${DEMO_BOARD_ID}/${january.cycleId}/pack"`);
    expect(res.body).toContain(`/public/${DEMO_BOARD_ID}/${january.cycleId}/minutes"`);
    expect(res.body).toContain(`/public/${DEMO_BOARD_ID}/${january.cycleId}/minutes.pdf"`);
    expect(res.body).not.toContain(`/public/${DEMO_BOARD_ID}/${february.cycleId}/minutes"`);
    expect(res.body).toContain('Wednesday 17 February 2027');
    // Not circulated: not listed at all, so the index tells no more than the meetings' own pages.
    expect(res.body).not.toContain(march.cycleId);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The trailing slash is the same page.
    expect((await get(`${INDEX}/`)).statusCode).toBe(200);
  });

  it('lists only what each opt-in publishes: no minutes when the board stops publishing them', async () => {
    await setBoard({ publicIndex: true, publicMinutes: false });
    const res = await get(INDEX);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('/minutes"');
    expect(res.body).toContain(`/public/${DEMO_BOARD_ID}/${january.cycleId}/pack"`);
    await setBoard({ publicIndex: false });
    expect((await get(INDEX)).statusCode).toBe(404);
  });
});

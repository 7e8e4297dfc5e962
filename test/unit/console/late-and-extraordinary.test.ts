import { CYCLE_ROUTES } from '../../../functions/console/cycles/routes';
import type { ConsoleResponse, RouteContext } from '../../../functions/console/types';
import type { Board, Cycle } from '../../../functions/shared/domain/types';
import { item } from '../../support/builders';
import { principal, routeContext } from '../../support/console';
import type { FakeDeps } from '../../support/fakes';
import { scenario } from '../cores/scenario';

const SECRETARIAT = principal('sam@example.org', { b: 'secretariat' });
const REASON = 'The chief executive resigned; an interim must be appointed this month.';

async function run(
  d: FakeDeps,
  method: 'GET' | 'POST',
  path: string,
  form?: Record<string, string>,
  cycleId?: string,
): Promise<ConsoleResponse & { text: string }> {
  const board = (await d.boards.getBoard('b')) as Board;
  const cycle = cycleId ? await d.cycles.getCycle('b', cycleId) : undefined;
  const ctx: RouteContext = routeContext(d, {
    principal: SECRETARIAT,
    board,
    ...(cycle ? { cycle } : {}),
    params: { board: 'b', ...(cycleId ? { cycle: cycleId } : {}) },
    ...(form ? { form: { csrf: 'test-csrf', ...form } } : {}),
  });
  const found = CYCLE_ROUTES.find((r) => r.method === method && r.path === path);
  if (!found) throw new Error(`no route ${method} ${path}`);
  const res = await found.handle(ctx);
  return {
    ...res,
    text: String(res.body)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' '),
  };
}

const CIRCULATED: Partial<Cycle> = {
  packs: { members: { s3Key: 'm.pdf', pages: 2, size: 10 }, public: { s3Key: 'p.pdf', pages: 2, size: 10 }, builtAt: '2027-03-02T09:00:00.000Z' },
};

describe('starting an extraordinary meeting from the board page', () => {
  it('refuses one without a reason, 422, naming the field and starting nothing', async () => {
    const { d } = await scenario();
    const res = await run(d, 'POST', '/console/boards/:board/cycles', { meetingDate: '2027-01-22', extraordinary: 'yes' });
    expect(res.statusCode).toBe(422);
    expect(res.text).toContain('give the reason for calling an extraordinary meeting');
    expect(res.body).toContain('<details open><summary>Extraordinary meeting at short notice</summary>');
    expect((await d.cycles.listCycles('b')).map((c) => c.cycleId)).toEqual(['c']);
  });

  it('starts one whose usual lead time has passed, and shows its reason on the cycle page', async () => {
    const { d } = await scenario();
    const usual = await run(d, 'POST', '/console/boards/:board/cycles', { meetingDate: '2027-01-22' });
    expect(usual.statusCode).toBe(422);
    const res = await run(d, 'POST', '/console/boards/:board/cycles', { meetingDate: '2027-01-22', extraordinary: 'yes', extraordinaryReason: REASON });
    expect(res.statusCode).toBe(303);
    const cycle = await d.cycles.getCycle('b', 'b-2027-01-22');
    expect(cycle?.extraordinary).toMatchObject({ reason: REASON, by: SECRETARIAT.name });
    const page = await run(d, 'GET', '/console/boards/:board/cycles/:cycle', undefined, 'b-2027-01-22');
    expect(page.text).toContain(`Extraordinary meeting Called at short notice by ${SECRETARIAT.name}: ${REASON}`);
  });
});

describe('an extraordinary meeting held online', () => {
  const JOIN = 'https://meet.example.org/j/123';
  const DIAL_IN = '020 7946 0000\nPIN 4321#';

  it('starts with both the reason and the joining details, and the cycle page shows both', async () => {
    const { d } = await scenario();
    const fields = { meetingDate: '2027-01-22', extraordinary: 'yes', extraordinaryReason: REASON, joinUrl: JOIN, dialIn: DIAL_IN };

    const res = await run(d, 'POST', '/console/boards/:board/cycles', fields);

    expect(res.statusCode).toBe(303);
    const cycle = await d.cycles.getCycle('b', 'b-2027-01-22');
    expect(cycle?.extraordinary).toMatchObject({ reason: REASON });
    expect(cycle?.online).toEqual({ joinUrl: JOIN, dialIn: DIAL_IN });
    const page = await run(d, 'GET', '/console/boards/:board/cycles/:cycle', undefined, 'b-2027-01-22');
    expect(page.text).toContain(`Joining link ${JOIN}`);
    expect(page.text).toContain('Dial-in 020 7946 0000');
    expect(page.text).toContain(`Called at short notice by ${SECRETARIAT.name}: ${REASON}`);
  });

  it('refuses a joining link that is not https, 422, keeping the reason and both sections open, starting nothing', async () => {
    const { d } = await scenario();
    const fields = { meetingDate: '2027-01-22', extraordinary: 'yes', extraordinaryReason: REASON, joinUrl: 'http://meet.example.org/j/1' };

    const res = await run(d, 'POST', '/console/boards/:board/cycles', fields);

    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<details open><summary>Extraordinary meeting at short notice</summary>');
    expect(res.body).toContain('<details open><summary>Online or hybrid meeting</summary>');
    expect(res.body).toContain(REASON);
    expect((await d.cycles.listCycles('b')).map((c) => c.cycleId)).toEqual(['c']);
  });
});

describe('adding a late item from the cycle page', () => {
  it('offers the form after circulation, asks the chair, and lists the item as waiting', async () => {
    const { d } = await scenario({ cycle: CIRCULATED, now: '2027-03-03T10:00:00.000Z' });
    await d.cycles.putItems('c', [item(1, 'Apologies')]);
    expect((await run(d, 'GET', '/console/boards/:board/cycles/:cycle', undefined, 'c')).text).toContain('Add a late item');
    const res = await run(d, 'POST', '/console/boards/:board/cycles/:cycle/late-items', { title: 'Roof repairs', reason: REASON }, 'c');
    expect(res.statusCode).toBe(303);
    const page = await run(d, 'GET', '/console/boards/:board/cycles/:cycle', undefined, 'c');
    expect(page.text).toContain('Late items');
    expect(page.text).toContain('Waiting for the chair');
    expect(d.mailer.sent.filter((e) => e.kind === 'late-item-request')).toHaveLength(1);
  });

  it('refuses one with no reason, or before circulation, 422, storing nothing', async () => {
    const { d } = await scenario({ cycle: CIRCULATED, now: '2027-03-03T10:00:00.000Z' });
    const short = await run(d, 'POST', '/console/boards/:board/cycles/:cycle/late-items', { title: 'Roof repairs', reason: '' }, 'c');
    expect(short.statusCode).toBe(422);
    expect(short.text).toContain('say why it cannot wait');
    const early = await scenario();
    const res = await run(early.d, 'POST', '/console/boards/:board/cycles/:cycle/late-items', { title: 'Roof repairs', reason: REASON }, 'c');
    expect(res.statusCode).toBe(422);
    expect(res.text).toContain('The papers have not gone out yet');
    for (const { d: deps } of [{ d }, early]) expect((await deps.cycles.getCycle('b', 'c'))?.lateItems).toBeUndefined();
  });
});

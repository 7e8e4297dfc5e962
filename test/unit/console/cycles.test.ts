import { CYCLE_ROUTES } from '../../../functions/console/cycles/routes';
import type { ConsoleResponse, Principal, RouteContext } from '../../../functions/console/types';
import { DEFAULT_RULES } from '../../../functions/shared/domain/board-defaults';
import { STATES } from '../../../functions/shared/domain/states';
import type { Board } from '../../../functions/shared/domain/types';
import { principal, routeContext } from '../../support/console';
import type { FakeDeps } from '../../support/fakes';
import { scenario } from '../cores/scenario';

const SECRETARIAT = principal('sam@example.org', { b: 'secretariat' });
const CHAIR = principal('cara@example.org', { b: 'chair' });
/** A rule no Friday meeting keeps: 5 clear calendar days, papers out 4 working days before. */
const STRICT_RULES = { ...DEFAULT_RULES, circulationDays: 4, clearDays: 5, clearDayCount: 'calendar' as const };
const STATE_NAME = new RegExp(`\\b(${Object.keys(STATES).join('|')})\\b`);

function route(method: 'GET' | 'POST', path: string) {
  const found = CYCLE_ROUTES.find((r) => r.method === method && r.path === path);
  if (!found) throw new Error(`no route ${method} ${path}`);
  return found;
}

async function run(
  d: FakeDeps,
  method: 'GET' | 'POST',
  path: string,
  input: { who?: Principal; form?: Record<string, string>; cycleId?: string; query?: Record<string, string> } = {},
): Promise<ConsoleResponse & { text: string }> {
  const board = (await d.boards.getBoard('b')) as Board;
  const cycle = input.cycleId ? await d.cycles.getCycle('b', input.cycleId) : undefined;
  const ctx: RouteContext = routeContext(d, {
    principal: input.who ?? SECRETARIAT,
    board,
    ...(cycle ? { cycle } : {}),
    params: { board: 'b', ...(input.cycleId ? { cycle: input.cycleId } : {}) },
    ...(input.form ? { form: { csrf: 'test-csrf', ...input.form } } : {}),
    ...(input.query ? { query: input.query } : {}),
  });
  const res = await route(method, path).handle(ctx);
  return {
    ...res,
    text: String(res.body)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' '),
  };
}

const boardPage = (d: FakeDeps, who?: Principal) => run(d, 'GET', '/console/boards/:board', who ? { who } : {});
const start = (d: FakeDeps, form: Record<string, string>) => run(d, 'POST', '/console/boards/:board/cycles', { form });

describe("the board's page", () => {
  it('lists the cycles newest first in words, highlights a failed one, and gives the secretariat the start form', async () => {
    const { d } = await scenario({ cycle: { status: 'failed', phase: STATES.CirculatePapers } });
    await start(d, { meetingDate: '2027-04-21', meetingTime: '14:00' });

    const res = await boardPage(d);

    expect(res.statusCode).toBe(200);
    expect(res.text.indexOf('Wednesday 21 April 2027')).toBeLessThan(res.text.indexOf('Wednesday 10 March 2027'));
    expect(res.body).toContain('<tr class="failed">');
    expect(res.text).toContain('Needs attention. Stopped while sending the papers to members');
    for (const link of ['/console/boards/b/settings', '/console/boards/b/members', '/console/boards/b/actions', '/console/boards/b/cycles/c'])
      expect(res.body).toContain(`href="${link}"`);
    expect(res.body).toContain('<button type="submit">Start a cycle</button>');
    for (const label of ['Meeting date', 'Time', 'Reason for going ahead despite the notice rule'])
      expect(res.body).toMatch(new RegExp(`<label for="[^"]+">${label}</label>`));
    expect(res.body).toContain('<details><summary>');
    expect(res.body).toContain('name="csrf" value="test-csrf"');
    expect(res.text).not.toMatch(STATE_NAME);
  });

  it('shows a chair the cycles but no form', async () => {
    const { d } = await scenario();

    const res = await boardPage(d, CHAIR);

    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/console/boards/b/cycles/c"');
    expect(res.body).not.toContain('<form method="post" action="/console/boards/b/cycles"');
    expect(res.text).toContain('only the secretariat can start one');
  });
});

describe('starting a cycle', () => {
  it('starts it with the CLI core and goes to its page', async () => {
    const { d } = await scenario();

    const res = await start(d, { meetingDate: '2027-04-21', meetingTime: '14:00' });

    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/boards/b/cycles/b-2027-04-21?done=started');
    const cycle = await d.cycles.getCycle('b', 'b-2027-04-21');
    expect(cycle).toMatchObject({ meeting: { date: '2027-04-21', time: '14:00', venue: 'Committee Room 1' }, executionArn: expect.any(String) });
    expect(d.workflow.started.map((e) => e.name)).toEqual(['b-2027-04-21']);
  });

  it('explains a refusal under the notice rule with the earliest meeting that keeps it, keeping the values and opening the reason', async () => {
    const { d } = await scenario({ board: { rules: STRICT_RULES } });

    const res = await start(d, { meetingDate: '2027-04-23', meetingTime: '14:00' });

    expect(res.statusCode).toBe(422);
    expect(res.text).toContain('The agenda and papers must be published 5 clear days before the meeting');
    expect(res.text).toContain('The earliest meeting that allows it is Monday 26 April 2027. To go ahead anyway, give a reason.');
    expect(res.body).toContain('value="2027-04-23"');
    expect(res.body).toContain('<details open>');
    expect(await d.cycles.getCycle('b', 'b-2027-04-23')).toBeUndefined();
    expect(d.workflow.started).toEqual([]);
  });

  it('goes ahead despite the notice rule with a reason, and keeps the reason with the cycle', async () => {
    const { d } = await scenario({ board: { rules: STRICT_RULES } });

    const res = await start(d, { meetingDate: '2027-04-23', meetingTime: '14:00', overrideReason: 'Budget must be set before the end of April.' });

    expect(res.statusCode).toBe(303);
    expect((await d.cycles.getCycle('b', 'b-2027-04-23'))?.noticeOverride?.reason).toBe('Budget must be set before the end of April.');
  });

  it('refuses bad input field by field, changing nothing', async () => {
    const { d } = await scenario();

    const res = await start(d, { meetingDate: '10/03/2027', meetingTime: '25:00', overrideReason: 'short' });

    expect(res.statusCode).toBe(422);
    expect(res.text).toContain('use YYYY-MM-DD');
    expect(res.text).toContain('use 24-hour HH:MM');
    expect(res.text).toContain('give a reason of at least 10 characters');
    expect(res.body).toContain('value="10/03/2027"');
    expect(await d.cycles.listCycles('b')).toHaveLength(1);
  });

  it('starts one cycle for a date started twice, and tells the second where the first is', async () => {
    const { d } = await scenario();
    const form = { meetingDate: '2027-04-21', meetingTime: '14:00' };

    const [first, second] = await Promise.all([start(d, form), start(d, form)]);
    const third = await start(d, form);

    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(third.statusCode).toBe(409);
    expect(third.text).toContain('already has a cycle for the meeting on Wednesday 21 April 2027');
    expect(third.body).toContain('href="/console/boards/b/cycles/b-2027-04-21"');
    expect((await d.cycles.listCycles('b')).filter((c) => c.cycleId === 'b-2027-04-21')).toHaveLength(1);
    expect(d.workflow.started).toHaveLength(1);
  });
});

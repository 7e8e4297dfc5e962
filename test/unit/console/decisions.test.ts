import { loadDecisionRegister } from '../../../functions/admin/decision-register';
import { DECISION_ROUTES } from '../../../functions/console/decisions/routes';
import type { ConsoleRoute } from '../../../functions/console/types';
import { meetingDecisions } from '../../../functions/shared/domain/decisions';
import { NotFoundError } from '../../../functions/shared/domain/errors';
import { principal, routeContext, routeIn } from '../../support/console';
import type { FakeDeps } from '../../support/fakes';
import { BOARD, scenario } from '../cores/scenario';

const clerk = principal('sam@example.org', { b: 'secretariat' });
const route = (path: string): ConsoleRoute => routeIn(DECISION_ROUTES, 'GET', path);
const page = route('/console/boards/:board/decisions');
const csv = route('/console/boards/:board/decisions.csv');
const json = route('/console/boards/:board/decisions.json');

async function withDecisions(): Promise<{ d: FakeDeps; cycleId: string }> {
  const { d, cycle } = await scenario({ now: '2027-04-10T12:00:00.000Z' });
  await d.actions.putDecisions(
    'b',
    meetingDecisions({ boardId: 'b', cycleId: cycle.cycleId, meetingAt: cycle.timeline.meeting }, [
      { text: 'RESOLVED that the budget be approved.', item: '2' },
      { text: 'It was agreed that <script>alert(1)</script> =HYPERLINK("x") be booked.', item: '3' },
    ]),
  );
  return { d, cycleId: cycle.cycleId };
}

const get = (d: FakeDeps, r: ConsoleRoute, query: Record<string, string> = {}) =>
  r.handle(routeContext(d, { principal: clerk, board: BOARD, params: { board: 'b' }, query }));

describe('the decisions register in the console', () => {
  it('lists each decision with its meeting and item, escaped, with exports that keep the filter', async () => {
    const { d, cycleId } = await withDecisions();
    const res = await get(d, page, { meeting: cycleId });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('RESOLVED that the budget be approved.');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain(`/console/boards/b/decisions.csv?meeting=${cycleId}`);
    expect(res.body).toContain('2 decisions, read from the approved minutes.');
  });

  it('exports CSV with a header, and JSON', async () => {
    const { d } = await withDecisions();
    const file = await get(d, csv);
    expect(file.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.body.split('\r\n')[0]).toBe('meetingDate,meeting,number,item,text');
    expect(file.body).toContain('It was agreed that <script>');
    const rows = JSON.parse((await get(d, json)).body) as { number: number; item: string }[];
    expect(rows.map((r) => [r.number, r.item])).toEqual([
      [1, '2'],
      [2, '3'],
    ]);
  });

  it('refuses a filter it does not have, and a meeting that is not the board’s, saying so', async () => {
    const { d } = await withDecisions();
    const unknown = await get(d, csv, { status: 'open' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('The decisions register has no filter &quot;status&quot;');
    const stranger = await get(d, page, { meeting: 'elsewhere-2027' });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.body).toContain('has no meeting &quot;elsewhere-2027&quot;');
  });

  it('answers that a board does not exist rather than listing nothing', async () => {
    const { d } = await withDecisions();
    await expect(loadDecisionRegister(d, 'no-such-board', {})).rejects.toThrow(NotFoundError);
  });
});

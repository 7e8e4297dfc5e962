import { ACTION_ROUTES } from '../../../functions/console/actions/routes';
import type { ConsoleRoute, Principal } from '../../../functions/console/types';
import type { Action, Cycle } from '../../../functions/shared/domain/types';
import { principal, routeContext, routeIn } from '../../support/console';
import type { FakeDeps } from '../../support/fakes';
import { beforeNextCall, BOARD, people, recipients, scenario } from '../cores/scenario';

const clerk = principal('sam@example.org', { b: 'secretariat' });
const chair = principal('cara@example.org', { b: 'chair' });

const route = (method: ConsoleRoute['method'], path: string): ConsoleRoute => routeIn(ACTION_ROUTES, method, path);
const register = route('GET', '/console/boards/:board/actions');
const csv = route('GET', '/console/boards/:board/actions.csv');
const json = route('GET', '/console/boards/:board/actions.json');
const assignForm = route('GET', '/console/boards/:board/actions/:action/assign');
const assign = route('POST', '/console/boards/:board/actions/:action/assign');

/**
 * 23:30 UTC on Saturday 10 April 2027 is already Sunday 11 April in London (summer time): an action due
 * on the 10th is overdue there, though not yet by UTC's date.
 */
const NOW = '2027-04-10T23:30:00.000Z';

/** Board "b" with meetings "c0" (January) and "c" (March), and five actions between them. */
async function withActions(): Promise<{ d: FakeDeps; actions: Action[] }> {
  const { d, cycle } = await scenario({ now: NOW });
  const earlier: Cycle = {
    ...cycle,
    cycleId: 'c0',
    meeting: { ...cycle.meeting, date: '2027-01-13' },
    timeline: { ...cycle.timeline, meeting: '2027-01-13T15:30:00.000Z' },
  };
  await d.cycles.createCycle(earlier);
  const base = { ownersAsWritten: ['Ann Able'], status: 'open' as const };
  const fromJanuary = await d.actions.createActions('b', 'c0#minutes', [
    { ...base, cycleId: 'c0', ownerMemberIds: ['bob'], text: 'Review the budget.', due: '2027-02-01', status: 'in-progress' },
    { ...base, cycleId: 'c0', ownerMemberIds: ['ann'], text: 'Book the hall.', due: '2027-02-01', status: 'done' },
  ]);
  const fromMarch = await d.actions.createActions('b', 'c#minutes', [
    { ...base, cycleId: 'c', itemNumber: 4, ownerMemberIds: ['ann'], text: 'Circulate the plan.', due: '2027-04-10' },
    { ...base, cycleId: 'c', ownerMemberIds: ['ann', 'bob'], text: '=HYPERLINK("http://evil.example","Report")', due: '2027-05-01' },
    { ...base, cycleId: 'c', ownerMemberIds: [], ownersAsWritten: ['Highways'], text: 'Fix the road.', due: 'next meeting' },
  ]);
  const plan = fromMarch[0]!;
  await d.actions.recordUpdate('b', plan.actionId, plan.version, {
    actionId: plan.actionId,
    at: '2027-04-02T08:00:00.000Z',
    by: 'ann',
    status: 'in-progress',
    note: 'Draft with the printers',
  });
  return { d, actions: [...fromJanuary, ...fromMarch] };
}

const get = (d: FakeDeps, r: ConsoleRoute, query: Record<string, string> = {}, who: Principal = clerk) =>
  r.handle(routeContext(d, { principal: who, board: BOARD, params: { board: 'b' }, query }));

/** The action numbers in the register table, in order. */
const rowNumbers = (body: string): number[] => [...body.matchAll(/<tr[^>]*><th scope="row">(\d+)<\/th>/g)].map((m) => Number(m[1]));

describe('the action register', () => {
  it('lists every action with its owners, due date in words, status, meeting and latest update', async () => {
    const { d } = await withActions();

    const res = await get(d, register);

    expect(res.statusCode).toBe(200);
    expect(rowNumbers(res.body)).toEqual([1, 2, 3, 4, 5]);
    expect(res.body).toContain('<strong>5 actions, 2 overdue</strong>, as of Sunday 11 April 2027.');
    expect(res.body).toContain('<caption>Actions of Riverside Safety Board, by number</caption>');
    expect(res.body).toContain('<div class="table-wrap">');
    expect(res.body).toContain('Saturday 10 April 2027, 1 day overdue');
    expect(res.body).toContain('Monday 1 February 2027, 69 days overdue');
    expect(res.body).toContain('Friday 2 April 2027: in progress. Draft with the printers');
    expect(res.body).toContain('Unassigned (Highways)');
    expect(res.body).toContain('Ann Able; Bob Baker');
    expect(res.body).toContain('<a href="/console/boards/b/cycles/c0">Wednesday 13 January 2027</a>');
    expect(res.body).toContain('item 4');
  });

  it('offers "Assign" on open actions to the secretariat, and not to a chair', async () => {
    const { d, actions } = await withActions();

    const asClerk = await get(d, register);
    const asChair = await get(d, register, {}, chair);

    expect(asClerk.body).toContain(`/console/boards/b/actions/${actions[0]!.actionId}/assign`);
    expect(asClerk.body).not.toContain(`/actions/${actions[1]!.actionId}/assign`); // done
    expect(asChair.statusCode).toBe(200);
    expect(asChair.body).not.toContain('/assign');
    expect(asChair.body).not.toContain('Change owners');
  });

  it.each([
    [{ status: 'open' }, [4, 5], '2 actions, 0 overdue'],
    [{ status: 'overdue' }, [1, 3], '2 actions, 2 overdue'],
    [{ status: 'in-progress' }, [1, 3], '2 actions, 2 overdue'],
    [{ owner: 'bob' }, [1, 4], '2 actions, 1 overdue'],
    [{ meeting: 'c0' }, [1, 2], '2 actions, 1 overdue'],
    [{ status: 'overdue', meeting: 'c' }, [3], '1 action, 1 overdue'],
    [{ status: 'done', owner: 'bob' }, [], '0 actions, 0 overdue'],
  ])('filters by %j', async (query, shown, count) => {
    const { d } = await withActions();

    const res = await get(d, register, query);

    expect(res.statusCode).toBe(200);
    expect(rowNumbers(res.body)).toEqual(shown);
    expect(res.body).toContain(`<strong>${count}</strong>`);
  });

  it('keeps the filter in the form and in the export links', async () => {
    const { d } = await withActions();
    const res = await get(d, register, { status: 'overdue', owner: 'bob' });
    expect(res.body).toContain('<option value="overdue" selected>');
    expect(res.body).toContain('<option value="bob" selected>Bob Baker (Health)</option>');
    expect(res.body).toContain('href="/console/boards/b/actions.csv?status=overdue&amp;owner=bob"');
    expect(res.body).toContain('href="/console/boards/b/actions.json?status=overdue&amp;owner=bob"');
    expect(res.body).toContain('(overdue, owned by Bob Baker)');
  });

  it.each<Record<string, string>>([{ status: 'late' }, { owner: 'nobody' }, { meeting: 'c9' }])('refuses the filter %j with 422', async (query) => {
    const { d } = await withActions();
    for (const r of [register, csv, json]) {
      const res = await get(d, r, query);
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-disposition']).toBeUndefined();
    }
  });
});

describe('the action register exports', () => {
  it('writes the filtered actions as CSV, guarded against formulas, named by the filter', async () => {
    const { d } = await withActions();

    const res = await get(d, csv, { status: 'open' });

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment; filename="b-actions-open.csv"');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('number,status,owners,text,due,meeting,item,latestUpdate');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['4', '5']);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"",""Report"")"`);
  });

  it('names the overdue export and an unfiltered one', async () => {
    const { d } = await withActions();
    expect((await get(d, csv, { status: 'overdue' })).headers['content-disposition']).toContain('filename="b-actions-overdue.csv"');
    expect((await get(d, csv)).headers['content-disposition']).toContain('filename="b-actions.csv"');
  });

  it('writes the filtered actions as JSON', async () => {
    const { d } = await withActions();

    const res = await get(d, json, { owner: 'bob', meeting: 'c' }, chair);

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('filename="b-actions-bob-c.json"');
    expect(JSON.parse(res.body)).toEqual([expect.objectContaining({ number: 4, owners: 'Ann Able; Bob Baker', meeting: 'c' })]);
  });
});

describe('assigning an action', () => {
  const params = (action: Action) => ({ board: 'b', action: action.actionId });
  const post = (d: FakeDeps, action: Action, form: Record<string, string>) =>
    assign.handle(routeContext(d, { principal: clerk, board: BOARD, params: params(action), form: { csrf: 'test-csrf', ...form } }));

  it('shows the action and a checkbox per member, its owners ticked, with its version', async () => {
    const { d, actions } = await withActions();
    const action = (await d.actions.getAction('b', actions[2]!.actionId))!;

    const res = await assignForm.handle(routeContext(d, { principal: clerk, board: BOARD, params: params(action) }));

    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Assign action 3</h1>');
    expect(res.body).toContain(`<input type="hidden" name="version" value="${action.version}">`);
    expect(res.body).toMatch(/name="owner:ann" value="yes" checked> Ann Able \(Police\)/);
    expect(res.body).toMatch(/name="owner:bob" value="yes"> Bob Baker/);
    expect(res.body).toContain('<input type="hidden" name="csrf" value="test-csrf">');
  });

  it("answers 404 for an action that is not this board's", async () => {
    const { d } = await withActions();
    await d.boards.putBoard({ ...BOARD, boardId: 'x', name: 'Other Board' });
    const [theirs] = await d.actions.createActions('x', 'x#1', [{ cycleId: 'cx', ownerMemberIds: [], ownersAsWritten: [], text: 'Theirs', status: 'open' }]);

    const shown = await assignForm.handle(routeContext(d, { principal: clerk, board: BOARD, params: params(theirs!) }));
    const posted = await post(d, theirs!, { version: String(theirs!.version), 'owner:ann': 'yes' });

    expect(shown.statusCode).toBe(404);
    expect(posted.statusCode).toBe(404);
    expect((await d.actions.getAction('x', theirs!.actionId))!.ownerMemberIds).toEqual([]);
  });

  it('gives the action its new owners, each of whom gets it with an update link', async () => {
    const { d, actions } = await withActions();
    const action = actions[4]!;

    const res = await post(d, action, { version: String(action.version), 'owner:bob': 'yes', 'owner:ann': 'no' });

    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Action 5 is now owned by Bob Baker.');
    expect((await d.actions.getAction('b', action.actionId))!.ownerMemberIds).toEqual(['bob']);
    expect(recipients(d.emails('action-update-request'))).toEqual([people.bob.email]);
    expect((await d.actions.listEvents(action.actionId)).map((e) => e.kind)).toEqual(['reassigned']);
  });

  it('does nothing more on a second submit of the same form', async () => {
    const { d, actions } = await withActions();
    const action = actions[4]!;
    const form = { version: String(action.version), 'owner:bob': 'yes' };

    await post(d, action, form);
    const again = await post(d, action, form);

    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Action 5 is already owned by Bob Baker. Nothing more was done.');
    expect(d.emails('action-update-request')).toHaveLength(1);
    expect(await d.actions.listEvents(action.actionId)).toHaveLength(1);
  });

  it('overwrites nothing when someone else changed the action since the form was shown', async () => {
    const { d, actions } = await withActions();
    const action = actions[4]!;
    await post(d, action, { version: String(action.version), 'owner:ann': 'yes' });
    const meanwhile = (await d.actions.getAction('b', action.actionId))!;

    const res = await post(d, action, { version: String(action.version), 'owner:bob': 'yes' });

    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Someone else changed this action; here it is now.');
    expect(res.body).toContain(`name="version" value="${meanwhile.version}"`);
    expect(res.body).toMatch(/name="owner:ann" value="yes" checked>/);
    expect(await d.actions.getAction('b', action.actionId)).toEqual(meanwhile);
    expect(recipients(d.emails('action-update-request'))).toEqual([people.ann.email]);
  });

  it('overwrites nothing when the change lands between reading the action and writing it', async () => {
    const { d, actions } = await withActions();
    const action = actions[4]!;
    beforeNextCall(d.actions, 'recordChange', () =>
      d.actions.recordChange('b', action.actionId, action.version, { ownerMemberIds: ['ann'] }, [
        { actionId: action.actionId, at: NOW, by: 'secretariat', status: 'open', note: 'Given to Ann.', kind: 'reassigned' },
      ]),
    );

    const res = await post(d, action, { version: String(action.version), 'owner:bob': 'yes' });

    expect(res.statusCode).toBe(409);
    expect((await d.actions.getAction('b', action.actionId))!.ownerMemberIds).toEqual(['ann']);
    expect(d.emails()).toHaveLength(0);
  });

  it.each([
    [{ 'owner:ann': 'yes' }, 'The form was incomplete'],
    [{ version: '1' }, 'Choose at least one new owner.'],
    [{ version: '1', 'owner:zed': 'yes' }, 'zed is not a member of this board.'],
  ])('refuses %j with 422 and changes nothing', async (form, message) => {
    const { d, actions } = await withActions();
    const action = actions[4]!;

    const res = await post(d, action, form);

    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(message);
    expect(await d.actions.getAction('b', action.actionId)).toEqual(action);
    expect(d.emails()).toHaveLength(0);
  });

  it('offers no form for a closed action, and refuses to assign it', async () => {
    const { d, actions } = await withActions();
    const done = actions[1]!;

    const shown = await assignForm.handle(routeContext(d, { principal: clerk, board: BOARD, params: params(done) }));
    const posted = await post(d, done, { version: String(done.version), 'owner:bob': 'yes' });

    expect(shown.body).toContain('Action 2 is done; it needs no owner.');
    expect(shown.body).not.toContain('<form method="post" action="/console/boards/b/actions');
    expect(posted.statusCode).toBe(422);
    expect((await d.actions.getAction('b', done.actionId))!.ownerMemberIds).toEqual(['ann']);
  });
});

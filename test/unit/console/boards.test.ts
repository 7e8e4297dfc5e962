import { updateBoard } from '../../../functions/admin/boards';
import { BOARD_ROUTES } from '../../../functions/console/boards/routes';
import type { ConsoleResponse, ConsoleRoute, RouteContext } from '../../../functions/console/types';
import { StaleVersionError } from '../../../functions/shared/domain/errors';
import { html } from '../../../functions/shared/domain/html';
import type { Board } from '../../../functions/shared/domain/types';
import { CONSOLE_OPTIONS, principal, routeContext, pageText, routeIn } from '../../support/console';
import type { FakeDeps } from '../../support/fakes';
import { BOARD, scenario } from '../cores/scenario';

const route = (method: ConsoleRoute['method'], path: string): ConsoleRoute => routeIn(BOARD_ROUTES, method, path);

const text = pageText;

const clerk = principal('sam@example.org', { b: 'secretariat' });
const chair = principal('cara@example.org', { b: 'chair' });
const admin = principal('admin@example.org', {}, true);

async function board(d: FakeDeps): Promise<Board> {
  const found = await d.boards.getBoard('b');
  if (!found) throw new Error('no board');
  return found;
}

/** The settings form's values as a browser posts them: every field as the page showed it. */
async function settingsFormOf(d: FakeDeps, who = clerk): Promise<Record<string, string>> {
  const res = await route('GET', '/console/boards/:board/settings').handle(routeContext(d, { principal: who, board: await board(d), params: { board: 'b' } }));
  return formOf(res);
}

/** The fields of a page's form as a browser would post them untouched. */
function formOf(res: ConsoleResponse): Record<string, string> {
  const body = String(res.body);
  const form: Record<string, string> = {};
  for (const m of body.matchAll(/<input type="(?:text|hidden)"[^>]*?name="([^"]+)" value="([^"]*)"/g)) form[m[1]!] = m[2]!.replace(/&amp;/g, '&');
  for (const m of body.matchAll(/<input type="checkbox" id="[^"]+" name="([^"]+)" checked/g)) form[m[1]!] = 'on';
  for (const m of body.matchAll(/<select id="[^"]+" name="([^"]+)"[^>]*>(.*?)<\/select>/g))
    form[m[1]!] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? '';
  for (const m of body.matchAll(/<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) form[m[1]!] = m[2]!;
  return form;
}

async function save(d: FakeDeps, form: Record<string, string>, who = clerk): Promise<ConsoleResponse> {
  return route('POST', '/console/boards/:board/settings').handle(routeContext(d, { principal: who, board: await board(d), params: { board: 'b' }, form }));
}

describe('the console home', () => {
  it("lists a secretariat member's boards with their role and next meeting, and a chair's as read only", async () => {
    const { d } = await scenario();
    const home = route('GET', '/console');
    const mine = text(await home.handle(routeContext(d, { principal: clerk })));
    expect(mine).toContain('Riverside Safety Board');
    expect(mine).toContain('Your role: secretariat');
    expect(mine).toContain('Next meeting: Wednesday 10 March 2027, 15:30');
    expect(mine).not.toContain('Create a board');
    expect(String((await home.handle(routeContext(d, { principal: clerk }))).body)).toContain('href="/console/boards/b"');
    expect(text(await home.handle(routeContext(d, { principal: chair })))).toContain('Your role: chair — read only');
  });

  it('shows an admin every board and "Create a board", and a person with no boards a sentence', async () => {
    const { d } = await scenario();
    await d.boards.putBoard({ ...BOARD, boardId: 'other', name: 'Other Board' });
    const home = route('GET', '/console');
    const adminView = text(await home.handle(routeContext(d, { principal: admin })));
    expect(adminView).toContain('Create a board');
    expect(adminView).toContain('Other Board');
    expect(adminView).toContain('Riverside Safety Board');
    expect(text(await home.handle(routeContext(d, { principal: clerk })))).not.toContain('Other Board');
    const nobody = await home.handle(routeContext(d, { principal: principal('nobody@example.org') }));
    expect(nobody.statusCode).toBe(200);
    expect(text(nobody)).toContain('You are not secretariat or chair of any board');
  });

  it('renders the local clock panel first when the local cloud gives one', async () => {
    const { d } = await scenario();
    const ctx: RouteContext = {
      ...routeContext(d, { principal: clerk }),
      options: { ...CONSOLE_OPTIONS, local: { nav: () => html``, routes: [], people: async () => [], homePanel: async () => html`<p>Virtual clock</p>` } },
    };
    const body = String((await route('GET', '/console').handle(ctx)).body);
    expect(body.indexOf('Virtual clock')).toBeGreaterThan(-1);
    expect(body.indexOf('Virtual clock')).toBeLessThan(body.indexOf('Riverside Safety Board'));
  });
});

describe('creating a board', () => {
  it('creates a board with the defaults and what the form changed, as the CLI does', async () => {
    const { d } = await scenario();
    const page = await route('GET', '/console/boards/new').handle(routeContext(d, { principal: admin }));
    expect(page.statusCode).toBe(200);
    expect(text(page)).toContain('Board id');
    const form = { ...formOf(page), boardId: 'audit', name: 'Audit Committee', quorum: '4' };
    const res = await route('POST', '/console/boards/new').handle(routeContext(d, { principal: admin, form }));
    expect(res.statusCode).toBe(201);
    expect(text(res)).toContain('Audit Committee was created');
    const created = await d.boards.getBoard('audit');
    expect(created).toMatchObject({ name: 'Audit Committee', quorum: 4, timeZone: 'Europe/London', version: 1 });
    expect(created?.actionReminders).toBeUndefined();

    const again = await route('POST', '/console/boards/new').handle(routeContext(d, { principal: admin, form: { ...form, name: 'Second' } }));
    expect(again.statusCode).toBe(409);
    expect(text(again)).toContain('A board with the id audit already exists');
    expect((await d.boards.getBoard('audit'))?.name).toBe('Audit Committee');
  });

  it('refuses a bad id and an empty name with 422, creating nothing and keeping what was typed', async () => {
    const { d } = await scenario();
    const res = await route('POST', '/console/boards/new').handle(
      routeContext(d, {
        principal: admin,
        form: {
          ...formOf(await route('GET', '/console/boards/new').handle(routeContext(d, { principal: admin }))),
          boardId: 'Bad Id!',
          name: '',
          quorum: 'lots',
        },
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(text(res)).toContain('Board id: must be lower-case letters');
    expect(text(res)).toContain('Quorum: must be a whole number of members from 1 to 500, not "lots"');
    expect(String(res.body)).toContain('value="Bad Id!"');
    expect(await d.boards.listBoards()).toHaveLength(1);
  });
});

describe('board settings', () => {
  it('shows every setting grouped, says where changes apply before saving, and saves what changed', async () => {
    const { d } = await scenario();
    const page = await route('GET', '/console/boards/:board/settings').handle(
      routeContext(d, { principal: clerk, board: await board(d), params: { board: 'b' } }),
    );
    expect(text(page)).toContain('Changes apply to cycles started from now on; running cycles keep their dates');
    for (const legend of ['Timeline and notice rules', 'Publication', 'Action reminders']) expect(text(page)).toContain(legend);
    expect(String(page.body)).toContain('<button type="submit">Save settings</button>');

    const form = await settingsFormOf(d);
    const res = await save(d, { ...form, quorum: '5', publicMinutes: 'on', standingItems: 'Apologies\nMinutes of the last meeting\nFinance report' });
    expect(res.statusCode).toBe(200);
    expect(text(res)).toContain('Quorum: 2 → 5');
    expect(text(res)).toContain('Quorum: the next quorum check on apologies');
    expect(text(res)).toContain('Changes apply to cycles started from now on');
    const saved = await board(d);
    expect(saved).toMatchObject({ quorum: 5, publicMinutes: true, standingItems: ['Apologies', 'Minutes of the last meeting', 'Finance report'], version: 2 });
    // Defaults the board never set stay defaults: saving the form as shown changes nothing.
    expect(saved.actionReminders).toBeUndefined();
    const unchanged = await save(d, await settingsFormOf(d));
    expect(text(unchanged)).toContain('Nothing changed');
    expect((await board(d)).version).toBe(2);
  });

  it('refuses a form filled in before someone else saved (409): both values shown, theirs kept', async () => {
    const { d } = await scenario();
    const first = await settingsFormOf(d);
    const second = await settingsFormOf(d);
    expect((await save(d, { ...first, quorum: '3' })).statusCode).toBe(200);
    const res = await save(d, { ...second, quorum: '7', defaultVenue: 'Town Hall' });
    expect(res.statusCode).toBe(409);
    expect(text(res)).toContain('Someone else changed these settings since you opened the page');
    expect(text(res)).toMatch(/Quorum \(members\) 3 7/);
    expect(String(res.body)).toContain('value="7"');
    expect(String(res.body)).toContain('value="Town Hall"');
    expect(await board(d)).toMatchObject({ quorum: 3, defaultVenue: 'Committee Room 1', version: 2 });
  });

  it('refuses invalid values (422) with a message by each field, saving nothing and keeping the values', async () => {
    const { d } = await scenario();
    const form = await settingsFormOf(d);
    const res = await save(d, { ...form, quorum: '0', 'rules.clearDays': 'five', timeZone: 'Mars/Olympus' });
    expect(res.statusCode).toBe(422);
    expect(text(res)).toContain('Nothing was saved');
    expect(String(res.body)).toMatch(/id="s-quorum-error">must be a whole number of members from 1 to 500, not 0/);
    expect(String(res.body)).toContain('id="s-rules-clearDays-error"');
    expect(text(res)).toContain('Time zone: must be an IANA time zone');
    expect(String(res.body)).toContain('value="five"');
    expect(await board(d)).toMatchObject({ quorum: 2, timeZone: 'Europe/London', version: 1 });
  });

  it('shows a chair the settings read-only, with no form', async () => {
    const { d } = await scenario();
    const page = await route('GET', '/console/boards/:board/settings').handle(
      routeContext(d, { principal: chair, board: await board(d), params: { board: 'b' } }),
    );
    expect(page.statusCode).toBe(200);
    expect(text(page)).toContain('Only the secretariat can change these settings');
    expect(String(page.body)).not.toContain('Save settings');
  });
});

describe('updateBoard with the version a form was filled in against', () => {
  it('refuses a stale version and writes nothing; without one it behaves as the CLI always has', async () => {
    const { d } = await scenario();
    await updateBoard(d, 'b', { quorum: 4 });
    await expect(updateBoard(d, 'b', { quorum: 6 }, { expectedVersion: 1 })).rejects.toThrow(StaleVersionError);
    expect(await board(d)).toMatchObject({ quorum: 4, version: 2 });
    expect((await updateBoard(d, 'b', { quorum: 6 }, { expectedVersion: 2 })).changes).toEqual([{ field: 'quorum', from: 4, to: 6 }]);
  });
});

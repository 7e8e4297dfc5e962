import { makeAssignAction } from '../../admin/member-leaves';
import { displayDue, isClosed, statusLabel } from '../../shared/domain/action-changes';
import { formatCalendarDate } from '../../shared/domain/calendar';
import { StaleVersionError, ValidationError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import type { Action, Member } from '../../shared/domain/types';
import { notice } from '../../http/page';
import type { ConsoleResponse, RouteContext } from '../types';
import { registerPath } from './register-data';

/** A checkbox per member: `owner:<member id>`, since the router reads one value per field name. */
const OWNER_FIELD = 'owner:';

const VERSION = /^(0|[1-9][0-9]{0,8})$/;

const names = (ids: readonly string[], members: readonly Member[]): string =>
  ids.map((id) => members.find((m) => m.memberId === id)?.name ?? id).join(', ') || 'nobody';

const sameOwners = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id) => b.includes(id));

interface Loaded {
  action: Action;
  members: Member[];
  meeting: string;
}

/** The action in the URL if it is this board's (404 otherwise, whoever's it is), with the board's members. */
async function load(ctx: RouteContext): Promise<Loaded | undefined> {
  const board = ctx.board!;
  const action = await ctx.d.actions.getAction(board.boardId, ctx.params.action ?? '');
  if (!action || action.boardId !== board.boardId) return undefined;
  const [members, cycle] = await Promise.all([ctx.d.boards.listMembers(board.boardId), ctx.d.cycles.getCycle(board.boardId, action.cycleId)]);
  const sorted = [...members].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return { action, members: sorted, meeting: cycle ? formatCalendarDate(cycle.meeting.date) : action.cycleId };
}

const notFound = (ctx: RouteContext): ConsoleResponse =>
  ctx.page(404, 'Not found', html`${notice('There is no such action on this board.')}<p><a href="${registerPath(ctx.board!)}">See the action register</a></p>`);

function details({ action, members, meeting }: Loaded): SafeHtml {
  return html`<dl><dt>Action</dt><dd>${action.text}</dd><dt>Owners now</dt><dd>${names(action.ownerMemberIds, members)}${
    action.ownerMemberIds.length ? '' : ` (the minutes say: ${action.ownersAsWritten.join(', ') || 'no owner named'})`
  }</dd><dt>Due</dt><dd>${displayDue(action.due)}</dd><dt>Status</dt><dd>${statusLabel(action.status)}</dd><dt>Agreed at</dt><dd>the meeting of ${meeting}</dd></dl>`;
}

/** The page: the action, and the form (unless the action is closed or the person is a chair, who only reads). */
function assignPage(ctx: RouteContext, loaded: Loaded, status: number, message?: SafeHtml, chosen?: readonly string[]): ConsoleResponse {
  const { action, members } = loaded;
  const back = html`<p><a href="${registerPath(ctx.board!)}">Back to the action register</a></p>`;
  const secretariat = ctx.principal?.admin === true || ctx.principal?.boards.get(ctx.board!.boardId) === 'secretariat';
  let form: SafeHtml;
  if (isClosed(action)) form = notice(`Action ${action.number} is ${statusLabel(action.status)}; it needs no owner.`);
  else if (!secretariat) form = notice('Only the secretariat can change who owns an action.');
  else {
    const ticked = chosen ?? action.ownerMemberIds;
    const boxes = members.map(
      (m, i) =>
        html`<label class="inline" for="owner-${i}"><input type="checkbox" id="owner-${i}" name="${OWNER_FIELD}${m.memberId}" value="yes"${
          ticked.includes(m.memberId) ? html` checked` : ''
        }> ${m.name} (${m.organisation})</label>`,
    );
    form = html`<form method="post" action="${registerPath(ctx.board!)}/${encodeURIComponent(action.actionId)}/assign">
<input type="hidden" name="csrf" value="${ctx.csrf}"><input type="hidden" name="version" value="${action.version}">
<fieldset><legend>New owners</legend>${boxes}<small>Each new owner gets an email with the action and a link to update it.</small></fieldset>
<button type="submit">Assign the action</button></form>`;
  }
  return ctx.page(status, `Assign action ${action.number}`, html`${message ?? ''}${details(loaded)}${form}${back}`);
}

/** GET: the action and who may own it. */
export async function assignForm(ctx: RouteContext): Promise<ConsoleResponse> {
  const loaded = await load(ctx);
  return loaded ? assignPage(ctx, loaded, 200) : notFound(ctx);
}

/**
 * POST: gives the action the members ticked, through the CLI's own core (`npx cycle actions assign`), so
 * each new owner gets it with an update link. The version in the form guards the change: when someone
 * else changed the action since the form was shown, nothing is written and the action is shown as it is
 * now (409). A second submit of the same choice finds those owners already there and does nothing more.
 */
export async function assignSubmit(ctx: RouteContext): Promise<ConsoleResponse> {
  const loaded = await load(ctx);
  if (!loaded) return notFound(ctx);
  const { action, members } = loaded;
  const chosen = Object.keys(ctx.form)
    .filter((field) => field.startsWith(OWNER_FIELD) && ctx.form[field] === 'yes')
    .map((field) => field.slice(OWNER_FIELD.length));
  const refuse = (message: string) => assignPage(ctx, loaded, 422, html`<p class="error">${message} Nothing was changed.</p>`, chosen);
  const version = ctx.form.version ?? '';
  if (!VERSION.test(version)) return refuse('The form was incomplete: please reload the page and try again.');
  if (!chosen.length) return refuse('Choose at least one new owner.');
  const strangers = chosen.filter((id) => !members.some((m) => m.memberId === id));
  if (strangers.length) return refuse(`${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not a member of this board.`);
  const already = (now: Action) =>
    assignPage(
      ctx,
      { ...loaded, action: now },
      200,
      html`<p class="ok">Action ${now.number} is already owned by ${names(now.ownerMemberIds, members)}. Nothing more was done.</p>`,
    );
  if (!isClosed(action) && sameOwners(action.ownerMemberIds, chosen)) return already(action);
  try {
    await makeAssignAction(ctx.d)({ boardId: action.boardId, action: action.number, to: chosen, expectedVersion: Number(version) });
  } catch (err) {
    if (err instanceof ValidationError) return refuse(err.message);
    if (!(err instanceof StaleVersionError)) throw err;
    const now = (await ctx.d.actions.getAction(action.boardId, action.actionId)) ?? action;
    if (!isClosed(now) && sameOwners(now.ownerMemberIds, chosen)) return already(now);
    return assignPage(
      ctx,
      { ...loaded, action: now },
      409,
      html`<p class="error">Someone else changed this action; here it is now. Nothing was changed: choose the new owners again.</p>`,
    );
  }
  const done = await load(ctx);
  const now = done?.action ?? action;
  return assignPage(
    ctx,
    done ?? loaded,
    200,
    html`<p class="ok">Action ${now.number} is now owned by ${names(now.ownerMemberIds, members)}. Each of them was sent an email with the action and a link to update it.</p>`,
  );
}

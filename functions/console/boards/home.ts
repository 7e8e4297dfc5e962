import { formatBoardDateTime } from '../../shared/domain/calendar';
import { html, type SafeHtml } from '../../shared/domain/html';
import type { Board, Cycle } from '../../shared/domain/types';
import type { ConsoleResponse, RouteContext } from '../types';
import { boardPath } from './view';

const UNDER_WAY: readonly Cycle['status'][] = ['scheduled', 'running', 'failed'];

/** The next meeting of a board still to come, from the cycles not finished or cancelled. */
export function nextMeeting(cycles: readonly Cycle[], now: Date): Cycle | undefined {
  return cycles
    .filter((c) => UNDER_WAY.includes(c.status) && Date.parse(c.timeline.meeting) > now.getTime())
    .sort((a, b) => Date.parse(a.timeline.meeting) - Date.parse(b.timeline.meeting))[0];
}

async function boardCard(ctx: RouteContext, board: Board, role: string): Promise<SafeHtml> {
  const next = nextMeeting(await ctx.d.cycles.listCycles(board.boardId), ctx.now);
  const meeting = next
    ? html`Next meeting: ${formatBoardDateTime(next.timeline.meeting, board.timeZone)}, ${next.meeting.venue}`
    : html`<span class="muted">No meeting planned yet.</span>`;
  return html`<section class="card" aria-labelledby="board-${board.boardId}"><h2 id="board-${board.boardId}"><a href="${boardPath(board.boardId)}">${board.name}</a></h2>
<p>Your role: ${role}</p><p>${meeting}</p>
<p><a href="${boardPath(board.boardId, '/members')}">Members</a> · <a href="${boardPath(board.boardId, '/settings')}">Settings</a></p></section>`;
}

/** GET /console: the boards this person may see, each with their role on it and its next meeting. */
export async function homePage(ctx: RouteContext): Promise<ConsoleResponse> {
  const principal = ctx.principal;
  if (!principal) throw new Error('The home page needs a signed-in person');
  const panel = ctx.options.local?.homePanel ? await ctx.options.local.homePanel(ctx) : html``;
  const boards = principal.admin
    ? await ctx.d.boards.listBoards()
    : (await Promise.all([...principal.boards.keys()].map((id) => ctx.d.boards.getBoard(id)))).filter((b): b is Board => b !== undefined);
  boards.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const roleOf = (board: Board): string => {
    const access = principal.boards.get(board.boardId);
    if (access === 'secretariat') return 'secretariat';
    if (access === 'chair') return principal.admin ? 'chair (and console admin)' : 'chair — read only';
    return 'console admin';
  };
  const cards = await Promise.all(boards.map((b) => boardCard(ctx, b, roleOf(b))));
  const create = principal.admin ? html`<p><a href="/console/boards/new">Create a board</a></p>` : html``;
  const none = principal.admin
    ? html`<p class="notice">There are no boards yet. Create the first one.</p>`
    : html`<p class="notice">You are not secretariat or chair of any board, so there is nothing for you here. If you should be, ask your board's secretariat or a console admin to add you with that role.</p>`;
  const body = html`${panel}${create}${boards.length ? html`<div class="cards">${cards}</div>` : none}`;
  return ctx.page(200, 'Your boards', body);
}

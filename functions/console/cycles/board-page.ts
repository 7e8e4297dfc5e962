import { formatBoardDateTime } from '../../shared/domain/calendar';
import { whereItStands } from '../../shared/domain/cycle-standing';
import { html, type SafeHtml } from '../../shared/domain/html';
import type { Board, Cycle } from '../../shared/domain/types';
import type { ConsoleResponse, RouteContext } from '../types';
import { EMPTY_FORM, startForm, type FormState } from './forms';
import { boardPath, cyclePath } from './paths';
import { count } from './words';

/** True when the signed-in person may change this board: its secretariat, or an admin (who acts as one). */
export function canWrite(ctx: RouteContext, boardId: string): boolean {
  return ctx.principal?.admin === true || ctx.principal?.boards.get(boardId) === 'secretariat';
}

function cyclesTable(board: Board, cycles: readonly Cycle[], now: Date): SafeHtml {
  if (cycles.length === 0) return html`<p>This board has no cycles yet.</p>`;
  const rows = [...cycles]
    .sort((a, b) => b.timeline.meeting.localeCompare(a.timeline.meeting))
    .map((c) => {
      const failed = c.status === 'failed';
      const meeting = formatBoardDateTime(c.timeline.meeting, board.timeZone);
      const attention = failed ? html`<strong>Needs attention.</strong> ` : '';
      return html`<tr class="${failed ? 'failed' : ''}"><th scope="row"><a href="${cyclePath(board.boardId, c.cycleId)}">${meeting}</a></th>
<td>${c.meeting.venue}</td><td>${attention}${whereItStands(c, board.timeZone, now)}.</td></tr>`;
    });
  return html`<div class="table-wrap"><table><caption>${count(cycles.length, 'cycle')}, newest meeting first</caption>
<thead><tr><th scope="col">Meeting</th><th scope="col">Venue</th><th scope="col">Where it stands</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** The board's page: its cycles, links to its other pages, and for the secretariat the "Start a cycle" form. */
export async function boardPage(ctx: RouteContext, status = 200, form: FormState = EMPTY_FORM): Promise<ConsoleResponse> {
  const board = ctx.board!;
  const cycles = await ctx.d.cycles.listCycles(board.boardId);
  const base = boardPath(board.boardId);
  const failed = cycles.filter((c) => c.status === 'failed').length;
  const links = html`<nav aria-label="${board.name}"><ul><li><a href="${base}/settings">Settings</a></li><li><a href="${base}/members">Members</a></li><li><a href="${base}/actions">Actions</a></li><li><a href="${base}/attendance">Attendance</a></li><li><a href="${base}/audit">Audit trail</a></li></ul></nav>`;
  const start = canWrite(ctx, board.boardId)
    ? startForm(`${base}/cycles`, ctx.csrf, form, board.defaultVenue)
    : html`<p class="muted">As chair you can see every cycle of ${board.name}; only the secretariat can start one.</p>`;
  const alert =
    failed > 0 ? html`<p class="error">${count(failed, 'cycle')} stopped and ${failed === 1 ? 'needs' : 'need'} attention: see the highlighted rows.</p>` : '';
  return ctx.page(status, board.name, html`${links}${alert}<h2>Cycles</h2>${cyclesTable(board, cycles, ctx.now)}${start}`);
}

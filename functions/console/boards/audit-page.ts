import { readAuditTrail, verdictLine } from '../../admin/audit-trail';
import { describeActor, describeEvent, type AuditActor } from '../../shared/domain/audit';
import { formatBoardDateTime } from '../../shared/domain/calendar';
import { html } from '../../shared/domain/html';
import type { ConsoleResponse, RouteContext } from '../types';
import { boardOf, boardPath } from './view';

/** The person signed in to the console, as the audit trail names them. */
export const consoleActor = (ctx: Pick<RouteContext, 'principal'>): AuditActor => ({
  kind: 'secretariat',
  ...(ctx.principal ? { name: ctx.principal.name, email: ctx.principal.email } : {}),
});

/** GET /console/boards/:board/audit: the board's audit trail, newest first, and whether its chain holds. */
export async function auditPage(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  const { entries, verdict } = await readAuditTrail(ctx.d, board.boardId);
  const state = verdict.intact
    ? html`<p class="notice" role="status">${verdictLine(verdict)}</p>`
    : html`<p class="error" role="alert">${verdictLine(verdict)}</p>`;
  const rows = [...entries]
    .reverse()
    .map(
      (e) =>
        html`<tr><td>${e.seq}</td><td>${formatBoardDateTime(e.at, board.timeZone)}</td><td>${describeActor(e.who)}</td><td>${describeEvent(e.what)}</td><td>${e.cycleId ?? ''}</td></tr>`,
    );
  const head = html`<tr><th scope="col">No.</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Cycle</th></tr>`;
  const table = entries.length
    ? html`<div class="table-wrap"><table><caption>${entries.length} entries, newest first</caption>${head}${rows}</table></div>`
    : html`<p class="notice">Nothing has been recorded for this board yet.</p>`;
  return ctx.page(200, `Audit trail of ${board.name}`, html`<p><a href="${boardPath(board.boardId)}">${board.name}</a></p>${state}${table}`);
}

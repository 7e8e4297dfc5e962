import { loadDecisionRegister, type DecisionRegister } from '../../admin/decision-register';
import { formatCalendarDate } from '../../shared/domain/calendar';
import { decisionsCsv } from '../../shared/domain/decisions';
import { ValidationError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import { download } from '../../http/page';
import type { ConsoleResponse, RouteContext } from '../types';

/** The register's base path for a board. */
export const decisionsPath = (boardId: string): string => `/console/boards/${encodeURIComponent(boardId)}/decisions`;

const load = (ctx: RouteContext): Promise<DecisionRegister> => loadDecisionRegister(ctx.d, ctx.board!.boardId, ctx.req.query);

const refused = (ctx: RouteContext, err: ValidationError): ConsoleResponse =>
  ctx.page(422, 'Decisions', html`<p class="error">${err.message}</p><p><a href="${decisionsPath(ctx.board!.boardId)}">Show every decision</a></p>`);

function filterForm(register: DecisionRegister): SafeHtml {
  const chosen = register.filter.meeting ?? '';
  const option = (value: string, label: string) => html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`;
  return html`<form method="get" action="${decisionsPath(register.board.boardId)}" class="card">
<label for="meeting">Meeting</label><select id="meeting" name="meeting">${option('', 'any meeting')}${register.cycles.map((c) =>
    option(c.cycleId, formatCalendarDate(c.meeting.date)),
  )}</select>
<button type="submit">Show decisions</button></form>`;
}

function table(register: DecisionRegister): SafeHtml {
  const rows = register.rows.map(
    (
      r,
    ) => html`<tr><td>${formatCalendarDate(r.meetingDate)}</td><th scope="row">${r.number}</th><td>${r.item || html`<span class="muted">before the first item</span>`}</td>
<td>${r.text}</td></tr>`,
  );
  return html`<div class="table-wrap"><table><caption>Decisions of ${register.board.name}, latest meeting first</caption>
<thead><tr><th scope="col">Meeting</th><th scope="col">Number</th><th scope="col">Item</th><th scope="col">Decision</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

/** The decisions register of a board: what each meeting's approved minutes resolved, agreed, approved or noted. */
export async function decisionsPage(ctx: RouteContext): Promise<ConsoleResponse> {
  let register: DecisionRegister;
  try {
    register = await load(ctx);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return refused(ctx, err);
  }
  const query = register.filter.meeting ? `?meeting=${encodeURIComponent(register.filter.meeting)}` : '';
  const base = decisionsPath(register.board.boardId);
  const count = `${register.rows.length} ${register.rows.length === 1 ? 'decision' : 'decisions'}`;
  return ctx.page(
    200,
    `Decisions of ${register.board.name}`,
    html`${filterForm(register)}
<p>${count}, read from the approved minutes. Export: <a href="${base}.csv${query}">CSV</a> · <a href="${base}.json${query}">JSON</a></p>
${register.rows.length ? table(register) : html`<p>No decisions yet: they are read from each meeting's minutes when the chair approves them.</p>`}`,
  );
}

/** The register as a file, through the same filter as the page, as `cycle decisions` writes it. */
const exportAs =
  (format: 'csv' | 'json') =>
  async (ctx: RouteContext): Promise<ConsoleResponse> => {
    try {
      const { board, filter, rows } = await load(ctx);
      const name = `${board.boardId}-decisions${filter.meeting ? `-${filter.meeting}` : ''}`;
      return format === 'csv'
        ? download(`${name}.csv`, 'text/csv; charset=utf-8', decisionsCsv(rows))
        : download(`${name}.json`, 'application/json; charset=utf-8', `${JSON.stringify(rows, null, 2)}\n`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return refused(ctx, err);
    }
  };

export const decisionsCsvExport = exportAs('csv');
export const decisionsJsonExport = exportAs('json');

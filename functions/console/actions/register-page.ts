import type { RegisterEntry } from '../../admin/action-register';
import { displayDue, isClosed, statusLabel } from '../../shared/domain/action-changes';
import { ACTION_STATUS_FILTERS, describeActionCount, isOverdue, type ActionFilter } from '../../shared/domain/action-filters';
import { DAY_MS, formatBoardDate, formatCalendarDate } from '../../shared/domain/calendar';
import { ValidationError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import type { Cycle } from '../../shared/domain/types';
import type { ConsoleResponse, RouteContext } from '../types';
import { filterQuery, loadRegister, registerPath, type RegisterView } from './register-data';

const meetingWords = (cycle: Cycle): string => formatCalendarDate(cycle.meeting.date);

const days = (n: number): string => `${n.toLocaleString('en-GB')} ${n === 1 ? 'day' : 'days'}`;

/** "Thursday 1 April 2027, 3 days overdue" */
function dueCell(entry: RegisterEntry, today: string): string {
  const due = displayDue(entry.action.due);
  if (!isOverdue(entry.action, today)) return due;
  const late = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${entry.action.due}T00:00:00Z`)) / DAY_MS);
  return `${due}, ${days(late)} overdue`;
}

function latestCell(entry: RegisterEntry, zone: string): SafeHtml {
  const update = entry.latest;
  if (!update) return html`<span class="muted">No update yet</span>`;
  return html`${formatBoardDate(update.at, zone)}: ${statusLabel(update.status)}${update.note ? html`. ${update.note}` : ''}`;
}

function filterForm(view: RegisterView): SafeHtml {
  const { filter } = view;
  const option = (value: string, label: string, chosen: string | undefined) =>
    html`<option value="${value}"${value === (chosen ?? '') ? html` selected` : ''}>${label}</option>`;
  const statuses = ACTION_STATUS_FILTERS.map((s) => option(s, s === 'overdue' ? 'overdue (due before today, not done)' : statusLabel(s), filter.status));
  const owners = view.members.map((m) => option(m.memberId, `${m.name} (${m.organisation})`, filter.owner));
  const meetings = view.cycles.map((c) => option(c.cycleId, meetingWords(c), filter.meeting));
  return html`<form method="get" action="${registerPath(view.board)}" class="card">
<label for="status">Status</label><select id="status" name="status">${option('', 'any status', filter.status)}${statuses}</select>
<label for="owner">Owner</label><select id="owner" name="owner">${option('', 'anyone', filter.owner)}${owners}</select>
<label for="meeting">Meeting</label><select id="meeting" name="meeting">${option('', 'any meeting', filter.meeting)}${meetings}</select>
<button type="submit">Show actions</button></form>`;
}

/** "open, owned by Ann Able, from the meeting of Wednesday 10 March 2027": the filter in words. */
function filterWords(view: RegisterView, filter: ActionFilter): string {
  const parts: string[] = [];
  if (filter.status) parts.push(filter.status === 'overdue' ? 'overdue' : statusLabel(filter.status));
  const owner = view.members.find((m) => m.memberId === filter.owner);
  if (owner) parts.push(`owned by ${owner.name}`);
  const meeting = view.cycles.find((c) => c.cycleId === filter.meeting);
  if (meeting) parts.push(`from the meeting of ${meetingWords(meeting)}`);
  return parts.join(', ');
}

function table(view: RegisterView, canAssign: boolean): SafeHtml {
  const zone = view.board.timeZone;
  const cycles = new Map(view.cycles.map((c) => [c.cycleId, c]));
  const base = `/console/boards/${encodeURIComponent(view.board.boardId)}`;
  const rows = view.entries.map((entry) => {
    const { action, row } = entry;
    const cycle = cycles.get(action.cycleId);
    const meeting = cycle ? html`<a href="${base}/cycles/${encodeURIComponent(cycle.cycleId)}">${meetingWords(cycle)}</a>` : action.cycleId;
    const item = action.itemNumber !== undefined ? html`<br><span class="muted">item ${action.itemNumber}</span>` : '';
    const assign =
      canAssign && !isClosed(action)
        ? html`<td><a href="${base}/actions/${encodeURIComponent(action.actionId)}/assign" aria-label="Assign action ${action.number}">Assign</a></td>`
        : canAssign
          ? html`<td></td>`
          : '';
    return html`<tr${isOverdue(action, view.today) ? html` class="failed"` : ''}><th scope="row">${action.number}</th><td>${action.text}</td><td>${row.owners}</td>
<td>${dueCell(entry, view.today)}</td><td>${statusLabel(action.status)}</td><td>${meeting}${item}</td><td>${latestCell(entry, zone)}</td>${assign}</tr>`;
  });
  const headings = ['Number', 'Action', 'Owners', 'Due', 'Status', 'Meeting', 'Latest update', ...(canAssign ? ['Change owners'] : [])];
  return html`<div class="table-wrap"><table><caption>Actions of ${view.board.name}, by number</caption>
<thead><tr>${headings.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

/** The action register of a board, filtered by a GET form, with exports that keep the filter. */
export async function registerPage(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = ctx.board!;
  let view: RegisterView;
  try {
    view = await loadRegister(ctx);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return ctx.page(422, 'Actions', html`<p class="error">${err.message}</p><p><a href="${registerPath(board)}">Show every action</a></p>`);
  }
  const canAssign = ctx.principal?.admin === true || ctx.principal?.boards.get(board.boardId) === 'secretariat';
  const query = filterQuery(view.filter);
  const which = filterWords(view, view.filter);
  const count = describeActionCount(
    view.entries.map((e) => e.action),
    view.today,
  );
  const summary = html`<p role="status"><strong>${count}</strong>${which ? ` (${which})` : ''}, as of ${formatCalendarDate(view.today)}.</p>`;
  const exports = html`<p>Download these actions: <a href="${registerPath(board)}.csv${query}">spreadsheet (CSV)</a> · <a href="${registerPath(board)}.json${query}">data (JSON)</a></p>`;
  const list = view.entries.length
    ? table(view, canAssign)
    : html`<p class="muted">No action matches${which ? ` (${which})` : ''}.${query ? html` <a href="${registerPath(board)}">Show every action</a>` : ''}</p>`;
  return ctx.page(200, `Actions of ${board.name}`, html`${filterForm(view)}${summary}${exports}${list}`);
}

import { loadAttendanceReport, meetingWords } from '../../admin/attendance-report';
import { attendanceFormData, meetingHasBegun, recordAttendance } from '../../http/links/record-attendance/core';
import { attendanceFields } from '../../http/links/record-attendance/form';
import { RECORD_ATTENDANCE_BUTTON } from '../../http/links/record-attendance/page';
import { download, form, redirect } from '../../http/page';
import { attendanceCsv } from '../../shared/domain/attendance-report';
import { StaleVersionError, ValidationError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import { loadCycleContext } from '../../shared/services/cycle-context';
import { consoleActor } from '../boards/audit-page';
import type { ConsoleResponse, RouteContext } from '../types';

const boardPath = (boardId: string) => `/console/boards/${encodeURIComponent(boardId)}`;
const formPath = (boardId: string, cycleId: string) => `${boardPath(boardId)}/cycles/${encodeURIComponent(cycleId)}/attendance`;

/** The board's attendance across its meetings: per member and per meeting, with the CSV the CLI writes. */
export async function attendanceReportPage(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = ctx.board!;
  const report = await loadAttendanceReport(ctx.d, board.boardId);
  const num = (n: number) => html`<td class="num">${n}</td>`;
  const members = report.members.map(
    (m) => html`<tr><th scope="row">${m.name}</th>${num(m.meetings)}${num(m.present)}${num(m.apologies)}${num(m.absent)}${num(m.represented)}</tr>`,
  );
  const meetings = report.meetings.map((m) => html`<li><a href="${formPath(board.boardId, m.cycleId)}">${m.date}</a>: ${meetingWords(m)}</li>`);
  const body = report.meetings.length
    ? html`<p><a href="${boardPath(board.boardId)}/attendance.csv">Download as CSV</a></p>
<table><tr><th scope="col">Member</th><th scope="col">Meetings</th><th scope="col">Present</th><th scope="col">Apologies</th><th scope="col">Absent</th><th scope="col">Represented</th></tr>${members}</table>
<h2>Meetings</h2><ul>${meetings}</ul>`
    : html`<p>No meeting has taken place yet.</p>`;
  return ctx.page(200, `Attendance: ${board.name}`, body);
}

/** The report as CSV, as `cycle attendance --format csv` writes it. */
export async function attendanceReportCsv(ctx: RouteContext): Promise<ConsoleResponse> {
  const report = await loadAttendanceReport(ctx.d, ctx.board!.boardId);
  return download(`${ctx.board!.boardId} attendance.csv`, 'text/csv; charset=utf-8', attendanceCsv(report));
}

/** The same form as the secretariat's link: pre-filled from the apologies or the record, version-guarded. */
async function formPage(ctx: RouteContext, status = 200, problem?: SafeHtml): Promise<ConsoleResponse> {
  const cycle = await loadCycleContext(ctx.d, ctx.board!.boardId, ctx.cycle!.cycleId);
  const title = `Attendance at ${cycle.board.name}, ${cycle.when(cycle.cycle.timeline.meeting)}`;
  if (!meetingHasBegun(cycle, ctx.now)) return ctx.page(status, title, html`<p>The meeting has not taken place yet: attendance is recorded after it.</p>`);
  const data = await attendanceFormData(ctx.d, cycle);
  const basis = data.record
    ? html`<p>Recorded by ${data.record.recordedBy} on ${cycle.when(data.record.recordedAt)} (version ${data.record.version}).</p>`
    : html`<p>Pre-filled from the apologies received.</p>`;
  const saved = ctx.req.query.done === 'recorded' ? html`<p class="notice">Attendance recorded.</p>` : '';
  const path = formPath(cycle.board.boardId, cycle.cycle.cycleId);
  return ctx.page(
    status,
    title,
    html`${saved}${problem ?? ''}${basis}${form(path, ctx.csrf, attendanceFields(data.entries, data.items, data.version), RECORD_ATTENDANCE_BUTTON)}`,
  );
}

export const attendanceFormPage = (ctx: RouteContext): Promise<ConsoleResponse> => formPage(ctx);

/** Records attendance from the console: 422 for bad input, 409 when someone saved since the form was opened; nothing stored either way. */
export async function recordAttendanceFromConsole(ctx: RouteContext): Promise<ConsoleResponse> {
  const cycle = await loadCycleContext(ctx.d, ctx.board!.boardId, ctx.cycle!.cycleId);
  try {
    await recordAttendance(ctx.d, cycle, ctx.form, consoleActor(ctx));
  } catch (err) {
    if (err instanceof StaleVersionError) return formPage(ctx, 409, html`<p class="error">${err.message}</p>`);
    if (err instanceof ValidationError) return formPage(ctx, 422, html`<p class="error">${err.message}</p>`);
    throw err;
  }
  return redirect(`${formPath(cycle.board.boardId, cycle.cycle.cycleId)}?done=recorded`, 303);
}

import { awaitsScheduledStart } from '../../admin/start-cycle';
import { formatBoardDateTime } from '../../shared/domain/calendar';
import { whereItStands } from '../../shared/domain/cycle-standing';
import { html, type SafeHtml } from '../../shared/domain/html';
import type { ConsoleResponse, RouteContext } from '../types';
import { canWrite } from './board-page';
import { emailsSection } from './cycle-sections/emails';
import { failureSection } from './cycle-sections/failure';
import { loadCycleData, type CycleData } from './cycle-sections/data';
import { owedSection } from './cycle-sections/owed';
import { attendanceSection, packSection, papersSection, proposalsSection } from './cycle-sections/received';
import { timelineSection } from './cycle-sections/timeline';
import { interestsSection } from '../interests/cycle-section';
import { cancelForm, EMPTY_FORM, lateItemForm, moveForm, resumeForm, type FormState } from './forms';
import { extraordinaryRow, lateItemsOpen, lateItemsSection } from './late-items';
import { boardPath, cyclePath } from './paths';

/** The short confirmation a form's redirect asks for (`?done=`). */
const DONE: Record<string, string> = {
  started: 'The cycle was started.',
  moved: 'The meeting was moved. Members are told of the new date.',
  cancelled: 'The cycle was cancelled. Anyone who had heard from it is told.',
  resumed: 'The cycle was resumed from the step that stopped. The secretariat is told.',
  'papers-allowed': 'The member may now have the papers of that item; the decision is in the audit trail.',
  'late-item': 'The late item was added. The chair is asked by email to approve or refuse it.',
};

/** Forms kept after a refusal, by form. */
export interface CycleForms {
  move?: FormState;
  cancel?: FormState;
  resume?: FormState;
  lateItem?: FormState;
}

function summary(data: CycleData): SafeHtml {
  const { cycle, board } = data;
  const when = (iso: string) => formatBoardDateTime(iso, board.timeZone);
  const cancellation = cycle.cancellation;
  return html`<dl><dt>Meeting</dt><dd>${when(cycle.timeline.meeting)}</dd><dt>Venue</dt><dd>${cycle.meeting.venue}</dd>
${cycle.online?.joinUrl ? html`<dt>Joining link</dt><dd>${cycle.online.joinUrl}</dd>` : ''}${cycle.online?.dialIn ? html`<dt>Dial-in</dt><dd>${cycle.online.dialIn}</dd>` : ''}
<dt>Where it stands</dt><dd>${whereItStands(cycle, board.timeZone, data.now)}.</dd>
${cycle.moves?.length ? html`<dt>Moved</dt><dd>${cycle.moves.map((m) => html`From ${when(m.from)} to ${when(m.to)}. `)}</dd>` : ''}
${extraordinaryRow(data)}${cycle.noticeOverride ? html`<dt>Notice rule</dt><dd>Went ahead despite the notice rule: ${cycle.noticeOverride.reason}</dd>` : ''}
${cancellation?.reason ? html`<dt>Why cancelled</dt><dd>${cancellation.reason}</dd>` : ''}</dl>`;
}

/** The secretariat's forms that apply to the cycle as it stands; a refusal of a form not shown is said above them. */
function secretariatForms(ctx: RouteContext, data: CycleData, forms: CycleForms): SafeHtml {
  const { cycle, board } = data;
  const base = cyclePath(board.boardId, cycle.cycleId);
  const meetingAhead = Date.parse(cycle.timeline.meeting) > data.now.getTime();
  const shown: Record<keyof CycleForms, boolean> = {
    resume: cycle.status === 'failed',
    move: (cycle.status === 'running' || cycle.status === 'scheduled') && meetingAhead,
    cancel: awaitsScheduledStart(cycle) || ((cycle.status === 'running' || cycle.status === 'failed') && meetingAhead),
    lateItem: lateItemsOpen(data),
  };
  const hidden = (Object.keys(forms) as (keyof CycleForms)[]).filter((f) => !shown[f]).map((f) => forms[f]?.problem);
  const parts: SafeHtml[] = hidden.map((problem) => html`<div class="error" role="alert"><p>${problem ?? 'Nothing was changed.'}</p></div>`);
  if (shown.resume) parts.push(resumeForm(`${base}/resume`, ctx.csrf, forms.resume ?? EMPTY_FORM));
  if (shown.move) parts.push(moveForm(`${base}/move`, ctx.csrf, forms.move ?? EMPTY_FORM));
  if (shown.lateItem) parts.push(lateItemForm(`${base}/late-items`, ctx.csrf, forms.lateItem ?? EMPTY_FORM));
  if (shown.cancel) parts.push(cancelForm(`${base}/cancel`, ctx.csrf, forms.cancel ?? EMPTY_FORM, !awaitsScheduledStart(cycle)));
  return parts.length ? html`<h2>Change this cycle</h2>${parts}` : html``;
}

/**
 * The cycle's page: where it stands, its timeline with progress, what each person still owes, what was
 * received, every email, and (for the secretariat) the forms that change it.
 */
export async function cyclePage(
  ctx: RouteContext,
  status = 200,
  forms: CycleForms = {},
  interestRefused?: Parameters<typeof interestsSection>[4],
): Promise<ConsoleResponse> {
  const board = ctx.board!;
  const [data, declarations] = await Promise.all([loadCycleData(ctx.d, board, ctx.cycle!, ctx.now), ctx.d.interests.listDeclarations(ctx.cycle!.cycleId)]);
  const done = status === 200 ? DONE[ctx.req.query.done ?? ''] : undefined;
  const chair = !canWrite(ctx, board.boardId);
  const base = cyclePath(board.boardId, data.cycle.cycleId);
  // Attendance is what happened at the meeting: its form is offered once the meeting has begun.
  const held = data.cycle.status !== 'cancelled' && Date.parse(data.cycle.timeline.meeting) <= data.now.getTime();
  const attendance = held ? html` · <a href="${base}/attendance">${chair ? 'Attendance' : 'Record attendance'}</a>` : '';
  const body = html`<p><a href="${boardPath(board.boardId)}">Back to ${board.name}</a> · <a href="${base}/minutes">Minutes</a>${attendance}</p>
${done ? html`<p class="ok" role="status">${done}</p>` : ''}${summary(data)}${failureSection(data.cycle, board.timeZone, data.minutes)}
${timelineSection(data)}${owedSection(data)}${proposalsSection(data)}${lateItemsSection(data)}${papersSection(data)}${packSection(data)}${attendanceSection(data)}
${interestsSection(ctx, data, declarations, !chair, interestRefused)}${emailsSection(data)}
${chair ? html`<p class="muted">As chair you can see everything here; only the secretariat can change it.</p>` : secretariatForms(ctx, data, forms)}`;
  return ctx.page(status, `Meeting on ${formatBoardDateTime(data.cycle.timeline.meeting, board.timeZone)}`, body);
}

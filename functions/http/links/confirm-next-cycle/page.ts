import {
  PREVIEW_MILESTONES,
  proposalSource,
  type ConfirmNextCycleResult,
  type NextCyclePreview,
  decodeProposal,
  previewNextCycle,
} from '../../../admin/next-cycle';
import { formatCalendarDate, isCalendarDate, isWallTime } from '../../../shared/domain/calendar';
import { html, type SafeHtml } from '../../../shared/domain/html';
import type { NextMeetingProposal } from '../../../shared/domain/next-meeting';
import { milestoneLabel } from '../../../shared/domain/timeline';
import type { Member } from '../../../shared/domain/types';
import { form, notice, page, type HttpResponse } from '../../page';
import type { LinkContext, LinkPage } from '../types';
import { parseOrThrow } from '../../../shared/domain/validate';
import { confirmNextMeeting, nextMeetingForm } from './core';

/** How the button that confirms the next meeting begins; the meeting's date follows it. */
export const CONFIRM_MEETING_BUTTON_PREFIX = 'Confirm the meeting on';

/** The button that confirms the next meeting on `date` (YYYY-MM-DD). */
export const confirmMeetingButton = (date: string): string => `${CONFIRM_MEETING_BUTTON_PREFIX} ${formatCalendarDate(date)}`;

/** A link whose subject is not a proposal: nothing to confirm. */
export const invalidPage = (): HttpResponse =>
  page(404, 'This link is not valid', notice('It does not say which meeting to confirm. Please start the next cycle from the console or with `cycle start`.'));

/** The next meeting was confirmed already (by this link or another): which cycle, and when. */
export const alreadyConfirmedPage = (c: Pick<LinkContext, 'cycle'>, next: { cycleId: string; at: string }): HttpResponse =>
  page(200, 'The next meeting is confirmed', notice(`It was confirmed as cycle ${next.cycleId} on ${c.cycle.when(next.at)}.`));

function checkForm(c: LinkContext, date: string, time: string): SafeHtml {
  return html`<form method="get" action="${c.self}"><h2>Check another date</h2>
      <label for="date">Date</label><input type="date" id="date" name="date" value="${date}" required>
      <label for="time">Time</label><input type="time" id="time" name="time" value="${time}" required>
      <button type="submit" class="secondary">Show the timeline for this date</button></form>`;
}

function confirmForm(c: LinkContext, meeting: { date: string; time: string; venue: string }, breached: boolean): SafeHtml {
  const override = breached
    ? html`<label for="overrideReason">Go ahead despite the notice rule: the reason, kept with the cycle</label>${[
        html`<textarea id="overrideReason" name="overrideReason" maxlength="1000"></textarea>`,
      ]}`
    : '';
  return form(
    c.self,
    c.csrf,
    html`<input type="hidden" name="date" value="${meeting.date}"><input type="hidden" name="time" value="${meeting.time}">
          <label for="venue">Venue</label><input type="text" id="venue" name="venue" maxlength="200" value="${meeting.venue}">
          ${override}`,
    confirmMeetingButton(meeting.date),
  );
}

/**
 * The proposed meeting (or the date being checked instead) with the timeline it plans to, naming any
 * breach of the notice rule; a form to confirm it, and one (a GET) to check another date.
 */
export function proposalPage(
  c: LinkContext,
  proposal: NextMeetingProposal,
  candidate: { date: string; time: string },
  preview: NextCyclePreview,
): HttpResponse {
  const { board, cycle: previous } = c.cycle;
  const { date, time } = candidate;
  const changed = date !== proposal.date || time !== proposal.time;
  const rows = preview.timeline
    ? PREVIEW_MILESTONES.map((m) => html`<tr><td>${milestoneLabel(m)}</td><td>${c.cycle.when(preview.timeline![m])}</td></tr>`)
    : [];
  const problems: SafeHtml[] = [
    ...(preview.problem ? [html`<p class="error">${preview.problem}</p>`] : []),
    ...preview.breaches.map((b) => html`<p class="error">${b.message}</p>`),
    ...preview.warnings.map((w) => html`<p class="notice">${w}</p>`),
  ];
  const confirm = preview.timeline
    ? confirmForm(c, { date, time, venue: proposal.venue ?? board.defaultVenue }, preview.breaches.length > 0)
    : notice('Choose a date whose timeline can still be kept, then confirm it.');
  const what = changed
    ? `You are checking ${formatCalendarDate(date)} at ${time} instead of the proposed ${formatCalendarDate(proposal.date)} at ${proposal.time}.`
    : `The next ${board.name} meeting, as given by ${proposalSource(proposal, board, previous)}: ${formatCalendarDate(date)} at ${time}.`;
  const timeline = rows.length ? html`<table><thead><tr><th>Milestone</th><th>When</th></tr></thead><tbody>${rows}</tbody></table>` : '';
  const body = html`<p>${what}</p>
      <p>Confirming records the next cycle; it then starts by itself with its agenda call. Nothing is scheduled until you confirm.</p>
      ${problems}${timeline}${confirm}${checkForm(c, date, time)}`;
  return page(200, 'Confirm the next meeting', body);
}

/** The holder is no longer of the secretariat: only they confirm a meeting. */
export const notSecretariatPage = (): HttpResponse =>
  page(403, 'Only the secretariat can confirm', notice('Please ask the secretariat to confirm the next meeting.'));

/** The confirmed meeting's timeline, and how to move or cancel it. */
export function confirmedPage(c: Pick<LinkContext, 'cycle'>, result: ConfirmNextCycleResult, outcome: string): HttpResponse {
  const { cycle } = result;
  const rows = PREVIEW_MILESTONES.map((m) => html`<tr><td>${milestoneLabel(m)}</td><td>${c.cycle.when(cycle.timeline[m])}</td></tr>`);
  const move = html`<code>npx cycle move --cycle ${cycle.cycleId} --meeting YYYY-MM-DD</code>`;
  const cancel = html`<code>npx cycle cancel --cycle ${cycle.cycleId}</code>`;
  return page(
    200,
    'Next meeting confirmed',
    html`${notice(outcome)}<table><tbody>${rows}</tbody></table>${result.warnings.map((w) => html`<p class="notice">${w}</p>`)}
        <p>To move it: ${move}. To call it off before it starts: ${cancel}.</p>`,
  );
}

/** What was done, in one sentence: kept on the link and shown if it is followed again. */
export function confirmedOutcome(c: Pick<LinkContext, 'cycle'>, result: ConfirmNextCycleResult, by: Member, now: Date): string {
  const { cycle } = result;
  const start = result.startedNow
    ? 'its cycle started at once, since its agenda call was due'
    : `its cycle starts by itself with the agenda call on ${c.cycle.when(cycle.timeline.agendaCall)}`;
  return `The next meeting, ${c.cycle.when(cycle.timeline.meeting)}, was confirmed by ${by.name} on ${c.cycle.when(now.toISOString())}; ${start}.`;
}

/** An expired link: how to start the next cycle without it. */
export function expiredPage(c: Pick<LinkContext, 'cycle' | 'link'>, contact: string): HttpResponse {
  const start = html`<code>npx cycle start --board ${c.link.boardId} --meeting YYYY-MM-DD</code>`;
  return page(
    410,
    'This link has expired',
    html`${notice(`It expired on ${c.cycle.when(c.link.expiresAt)}.`)}<p>Start the next cycle from the console, or with ${start}. Questions: ${contact}.</p>`,
  );
}

/** The date and time to show: the page's own "check another date" form (a GET) wins over the proposal. */
function candidate(c: LinkContext, proposed: { date: string; time: string }): { date: string; time: string } {
  const date = c.query.date && isCalendarDate(c.query.date) ? c.query.date : proposed.date;
  const time = c.query.time && isWallTime(c.query.time) ? c.query.time : proposed.time;
  return { date, time };
}

/**
 * The secretariat confirms the next meeting that approved minutes (or the board's rhythm) proposed, or
 * changes its date or time first. GET shows the proposed meeting and the timeline it plans to, naming any
 * breach of the notice rule, and changes nothing; checking another date is a GET too. POST records the next
 * cycle and schedules its start at its agenda call.
 */
export const confirmNextCyclePage: LinkPage<'confirm-next-cycle'> = {
  purpose: 'confirm-next-cycle',
  async show(c) {
    const proposal = decodeProposal(c.link.subject);
    if (!proposal) return invalidPage();
    const { board, cycle: previous } = c.cycle;
    if (previous.nextCycle) return alreadyConfirmedPage(c, previous.nextCycle);
    const meeting = candidate(c, proposal);
    return proposalPage(c, proposal, meeting, await previewNextCycle(board, meeting, c.d.clock.now()));
  },
  async perform(c, fields) {
    const meeting = parseOrThrow(nextMeetingForm, fields, 'next meeting');
    const result = await confirmNextMeeting(c.d, { boardId: c.link.boardId, previousCycleId: c.link.cycleId, confirmer: c.holder, meeting });
    if ('refused' in result) return { outcome: '', response: notSecretariatPage() };
    const outcome = confirmedOutcome(c, result, c.holder, c.d.clock.now());
    return { outcome, response: confirmedPage(c, result, outcome) };
  },
  expired(c, contact) {
    return expiredPage(c, contact);
  },
};

import { decodeProposal, makeConfirmNextCycle, PREVIEW_MILESTONES, previewNextCycle, proposalSource } from '../../admin/next-cycle';
import { formatCalendarDate, isCalendarDate, isWallTime } from '../../shared/domain/calendar';
import { html, type SafeHtml } from '../../shared/domain/html';
import { milestoneLabel } from '../../shared/domain/timeline';
import { form, notice, page } from '../page';
import type { LinkContext, LinkPage } from './types';

const invalid = () =>
  page(404, 'This link is not valid', notice('It does not say which meeting to confirm. Please start the next cycle from the console or with `cycle start`.'));

/** The date and time to show: the page's own "check another date" form (a GET) wins over the proposal. */
function candidate(c: LinkContext, proposed: { date: string; time: string }): { date: string; time: string } {
  const date = c.query.date && isCalendarDate(c.query.date) ? c.query.date : proposed.date;
  const time = c.query.time && isWallTime(c.query.time) ? c.query.time : proposed.time;
  return { date, time };
}

const optional = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

/**
 * The secretariat confirms the next meeting that approved minutes (or the board's rhythm) proposed, or
 * changes its date or time first. GET shows the proposed meeting and the timeline it plans to, naming any
 * breach of the notice rule, and changes nothing; checking another date is a GET too. POST records the next
 * cycle and schedules its start at its agenda call.
 */
export const confirmNextCycle: LinkPage = {
  purpose: 'confirm-next-cycle',
  async show(c) {
    const proposal = decodeProposal(c.link.subject);
    if (!proposal) return invalid();
    const { board, cycle: previous } = c.cycle;
    if (previous.nextCycle) {
      return page(
        200,
        'The next meeting is confirmed',
        notice(`It was confirmed as cycle ${previous.nextCycle.cycleId} on ${c.cycle.when(previous.nextCycle.at)}.`),
      );
    }
    const { date, time } = candidate(c, proposal);
    const preview = previewNextCycle(board, { date, time }, c.d.clock.now());
    const changed = date !== proposal.date || time !== proposal.time;
    const rows = preview.timeline
      ? PREVIEW_MILESTONES.map((m) => html`<tr><td>${milestoneLabel(m)}</td><td>${c.cycle.when(preview.timeline![m])}</td></tr>`)
      : [];
    const problems: SafeHtml[] = [
      ...(preview.problem ? [html`<p class="error">${preview.problem}</p>`] : []),
      ...preview.breaches.map((b) => html`<p class="error">${b.message}</p>`),
      ...preview.warnings.map((w) => html`<p class="notice">${w}</p>`),
    ];
    const check = html`<form method="get" action="${c.self}"><h2>Check another date</h2>
      <label for="date">Date</label><input type="date" id="date" name="date" value="${date}" required>
      <label for="time">Time</label><input type="time" id="time" name="time" value="${time}" required>
      <button type="submit" class="secondary">Show the timeline for this date</button></form>`;
    const confirm = preview.timeline
      ? form(
          c.self,
          c.csrf,
          html`<input type="hidden" name="date" value="${date}"><input type="hidden" name="time" value="${time}">
          <label for="venue">Venue</label><input type="text" id="venue" name="venue" maxlength="200" value="${proposal.venue ?? board.defaultVenue}">
          ${
            preview.breaches.length
              ? html`<label for="overrideReason">Go ahead despite the notice rule: the reason, kept with the cycle</label><textarea id="overrideReason" name="overrideReason" maxlength="1000"></textarea>`
              : ''
          }`,
          `Confirm the meeting on ${formatCalendarDate(date)}`,
        )
      : notice('Choose a date whose timeline can still be kept, then confirm it.');
    const body = html`<p>${
      changed
        ? `You are checking ${formatCalendarDate(date)} at ${time} instead of the proposed ${formatCalendarDate(proposal.date)} at ${proposal.time}.`
        : `The next ${board.name} meeting, as given by ${proposalSource(proposal, board, previous)}: ${formatCalendarDate(date)} at ${time}.`
    }</p>
      <p>Confirming records the next cycle; it then starts by itself with its agenda call. Nothing is scheduled until you confirm.</p>
      ${problems}${rows.length ? html`<table><thead><tr><th>Milestone</th><th>When</th></tr></thead><tbody>${rows}</tbody></table>` : ''}${confirm}${check}`;
    return page(200, 'Confirm the next meeting', body);
  },
  async perform(c, fields) {
    if (!c.holder.roles.includes('secretariat')) {
      return { outcome: '', response: page(403, 'Only the secretariat can confirm', notice('Please ask the secretariat to confirm the next meeting.')) };
    }
    const result = await makeConfirmNextCycle(c.d)({
      boardId: c.link.boardId,
      previousCycleId: c.link.cycleId,
      meetingDate: fields.date ?? '',
      meetingTime: fields.time ?? '',
      confirmedBy: c.holder.memberId,
      ...(optional(fields.venue) ? { venue: optional(fields.venue) } : {}),
      ...(optional(fields.overrideReason) ? { overrideReason: optional(fields.overrideReason) } : {}),
    });
    const { cycle } = result;
    const start = result.startedNow
      ? 'its cycle started at once, since its agenda call was due'
      : `its cycle starts by itself with the agenda call on ${c.cycle.when(cycle.timeline.agendaCall)}`;
    const outcome = `The next meeting, ${c.cycle.when(cycle.timeline.meeting)}, was confirmed by ${c.holder.name} on ${c.cycle.when(c.d.clock.now().toISOString())}; ${start}.`;
    const rows = PREVIEW_MILESTONES.map((m) => html`<tr><td>${milestoneLabel(m)}</td><td>${c.cycle.when(cycle.timeline[m])}</td></tr>`);
    return {
      outcome,
      response: page(
        200,
        'Next meeting confirmed',
        html`${notice(outcome)}<table><tbody>${rows}</tbody></table>${result.warnings.map((w) => html`<p class="notice">${w}</p>`)}
        <p>To move it: <code>npx cycle move --cycle ${cycle.cycleId} --meeting YYYY-MM-DD</code>. To call it off before it starts: <code>npx cycle cancel --cycle ${cycle.cycleId}</code>.</p>`,
      ),
    };
  },
  expired(c, contact) {
    return page(
      410,
      'This link has expired',
      html`${notice(`It expired on ${c.cycle.when(c.link.expiresAt)}.`)}<p>Start the next cycle from the console, or with <code>npx cycle start --board ${c.link.boardId} --meeting YYYY-MM-DD</code>. Questions: ${contact}.</p>`,
    );
  },
};

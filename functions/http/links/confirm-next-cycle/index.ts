import { decodeProposal, previewNextCycle } from '../../../admin/next-cycle';
import { isCalendarDate, isWallTime } from '../../../shared/domain/calendar';
import { parseOrThrow } from '../../../shared/domain/validate';
import type { LinkContext, LinkPage } from '../types';
import { confirmNextMeeting } from './core';
import { alreadyConfirmedPage, confirmedOutcome, confirmedPage, expiredPage, invalidPage, notSecretariatPage, proposalPage } from './page';
import { nextMeetingForm } from './schema';

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
    return proposalPage(c, proposal, meeting, previewNextCycle(board, meeting, c.d.clock.now()));
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

import * as z from '../shared/validation/zod';
import { nextMeetingConfirmationEmail } from '../emails';
import { operator, type AuditActor } from '../shared/domain/audit';
import { recordAudit } from '../shared/services/audit';
import { formatBoardDate, formatCalendarDate, zonedToUtc } from '../shared/domain/calendar';
import type { CycleContext } from '../shared/services/cycle-context';
import { AlreadyExistsError, MeetingCycleError, NotFoundError, ValidationError } from '../shared/domain/errors';
import { linkExpiry } from '../shared/domain/link-policy';
import { nextMeetingInMinutes, proposeNextMeeting, type NextMeetingProposal } from '../shared/domain/next-meeting';
import { makeSendWithLink } from '../shared/services/notify';
import { milestoneLabel, type NoticeBreach } from '../shared/domain/timeline';
import { MILESTONES, type Board, type Cycle, type Timeline } from '../shared/domain/types';
import { ids, parseOrThrow } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { awaitsScheduledStart, makeCreateCycle, makeScheduleCycleStart, planCycle, refuseBreaches, refuseOverlongCycle, startCycleInput } from './start-cycle';
import { outboxKeys } from '../shared/table/outbox-keys';

/** Milestones the secretariat sees before confirming: those up to the meeting (the rest run off it). */
export const PREVIEW_MILESTONES: readonly (keyof Timeline)[] = MILESTONES.slice(0, MILESTONES.indexOf('meeting') + 1).filter((m) => m !== 'paperReminder');

/** What the link's subject carries: the proposal, so the page shows what the email said. */
export function encodeProposal(p: NextMeetingProposal): string {
  return JSON.stringify(p);
}

/** The proposal a link carries, or undefined when its subject is not one. */
export function decodeProposal(subject: string | undefined): NextMeetingProposal | undefined {
  try {
    const value = JSON.parse(subject ?? '') as Partial<NextMeetingProposal>;
    if (typeof value.date !== 'string' || typeof value.time !== 'string' || (value.source !== 'minutes' && value.source !== 'board')) return undefined;
    return { date: value.date, time: value.time, source: value.source, ...(typeof value.venue === 'string' ? { venue: value.venue } : {}) };
  } catch {
    return undefined;
  }
}

/** A proposed meeting planned as of now: its timeline, or why it cannot go ahead as it is. */
export interface NextCyclePreview {
  timeline?: Timeline;
  warnings: string[];
  breaches: NoticeBreach[];
  /** The planner's refusal (a milestone passed, a malformed date), in its own words. */
  problem?: string;
}

/** Plans `meeting` for `board` without storing anything; a date that cannot be planned says why instead of throwing. */
export async function previewNextCycle(board: Board, meeting: { date: string; time: string }, now: Date): Promise<NextCyclePreview> {
  try {
    const input = parseOrThrow(startCycleInput, { boardId: board.boardId, meetingDate: meeting.date, meetingTime: meeting.time }, 'next meeting');
    const { cycle, warnings, breaches } = await planCycle(board, input, now);
    return { timeline: cycle.timeline, warnings, breaches };
  } catch (err) {
    if (!(err instanceof MeetingCycleError)) throw err;
    return { warnings: [], breaches: [], problem: err.message };
  }
}

/** Where a proposal comes from, to end a sentence. */
export function proposalSource(p: NextMeetingProposal, board: Pick<Board, 'meetingEvery'>, previous: Pick<Cycle, 'meeting'>): string {
  return p.source === 'minutes'
    ? `the approved minutes of ${formatCalendarDate(previous.meeting.date)}`
    : `the board's setting (a meeting every ${board.meetingEvery?.weeks ?? '?'} weeks)`;
}

/**
 * After a cycle's minutes are published: when they give the next meeting's date (or the board meets on a
 * rhythm), asks the secretariat to confirm it, with a single-use link. Nothing is scheduled until then.
 * Skipped when the board already has a later cycle, or this cycle's next one was confirmed. Sends at most
 * once per secretariat member (a retried task skips).
 */
export const makeOfferNextCycle =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config'>) =>
  async (ctx: CycleContext, minutesText: string): Promise<{ proposal?: NextMeetingProposal; offered: number }> => {
    const { board, cycle } = ctx;
    if (cycle.nextCycle || ctx.secretariat.length === 0) return { offered: 0 };
    const proposal = proposeNextMeeting(nextMeetingInMinutes(minutesText), board, cycle.meeting);
    if (!proposal) return { offered: 0 };
    const cycles = await d.cycles.listCycles(board.boardId);
    if (cycles.some((c) => c.cycleId !== cycle.cycleId && c.status !== 'cancelled' && c.meeting.date > cycle.meeting.date)) return { proposal, offered: 0 };

    const now = d.clock.now();
    const preview = await previewNextCycle(board, proposal, now);
    const meetingAt = safeInstant(proposal, board.timeZone);
    const expiresAt = linkExpiry('confirm-next-cycle', { now, ...(meetingAt ? { proposedMeeting: meetingAt } : {}) });
    const problem = preview.problem ?? (preview.breaches.length ? preview.breaches.map((b) => b.message).join(' ') : undefined);
    const sendWithLink = makeSendWithLink(d);
    let offered = 0;
    for (const member of ctx.secretariat) {
      const sent = await sendWithLink({
        key: outboxKeys.nextMeetingConfirmation(cycle.cycleId, member.memberId),
        to: member,
        kind: 'next-meeting-confirmation',
        link: { purpose: 'confirm-next-cycle', boardId: board.boardId, cycleId: cycle.cycleId, subject: encodeProposal(proposal), expiresAt },
        render: (url) =>
          nextMeetingConfirmationEmail({
            board: board.name,
            secretariatEmail: ctx.secretariatEmail,
            meetingDay: formatCalendarDate(proposal.date),
            meetingTime: proposal.time,
            source: proposalSource(proposal, board, cycle),
            keyDates: preview.timeline ? PREVIEW_MILESTONES.map((m) => ({ label: milestoneLabel(m), when: ctx.when(preview.timeline![m]) })) : [],
            ...(problem ? { problem } : {}),
            confirmUrl: url,
            confirmBy: formatBoardDate(expiresAt.toISOString(), board.timeZone),
          }),
      });
      if (sent) offered += 1;
    }
    return { proposal, offered };
  };

function safeInstant(p: NextMeetingProposal, timeZone: string): Date | undefined {
  try {
    return new Date(zonedToUtc(p.date, p.time, timeZone));
  } catch {
    return undefined;
  }
}

export const confirmNextCycleInput = z.extend(startCycleInput, {
  /** The cycle whose minutes proposed the meeting. */
  previousCycleId: ids.cycleId,
  /** The member of the secretariat confirming. */
  confirmedBy: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type ConfirmNextCycleInput = z.input<typeof confirmNextCycleInput>;

export interface ConfirmNextCycleResult {
  cycle: Cycle;
  warnings: string[];
  /** True when the agenda call was due already, so the cycle started at once. */
  startedNow: boolean;
}

/**
 * The secretariat confirms the next meeting: plans it (refusing a milestone in the past, and a breach of
 * the notice rule without a reason), records the next cycle (status `scheduled`, not started) and has it
 * start itself at its agenda call; an agenda call already due starts it now. One next cycle per cycle:
 * confirming twice (two clicks, or two of the secretariat) leaves one cycle and one schedule, and one
 * audit entry of the confirmation, as `who`'s.
 */
export const makeConfirmNextCycle =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'workflow' | 'scheduler' | 'clock' | 'audit'>, who: AuditActor = operator()) =>
  async (raw: ConfirmNextCycleInput): Promise<ConfirmNextCycleResult> => {
    const { previousCycleId, confirmedBy, ...start } = parseOrThrow(confirmNextCycleInput, raw, 'next meeting');
    const previous = await d.cycles.getCycle(start.boardId, previousCycleId);
    if (!previous) throw new NotFoundError(`Board "${start.boardId}" has no cycle "${previousCycleId}".`);
    if (start.meetingDate <= previous.meeting.date) {
      throw new ValidationError(`The next meeting must come after the meeting of ${formatCalendarDate(previous.meeting.date)}.`);
    }
    const board = await d.boards.getBoard(start.boardId);
    if (!board) throw new NotFoundError(`There is no board "${start.boardId}".`);
    // Planned first, so a date that cannot go ahead changes nothing.
    const now = d.clock.now();
    const { cycle: planned, breaches } = await planCycle(board, start, now);
    refuseBreaches(breaches, start.overrideReason);
    const startsAt = new Date(Math.max(Date.parse(planned.timeline.agendaCall), now.getTime()));
    refuseOverlongCycle(board, planned.timeline, { at: startsAt, from: 'agenda-call' });

    const at = d.clock.now().toISOString();
    await d.cycles.updateCycle(board.boardId, previousCycleId, (c) => {
      if (c.nextCycle && c.nextCycle.cycleId !== planned.cycleId) {
        throw new AlreadyExistsError(`The meeting after ${formatCalendarDate(c.meeting.date)} was already confirmed: cycle ${c.nextCycle.cycleId}.`);
      }
      return c.nextCycle ? {} : { nextCycle: { cycleId: planned.cycleId, confirmedBy, at } };
    });
    const { cycle, warnings, created } = await makeCreateCycle(d)(start, {
      previousCycleId,
      scheduledStart: { at: planned.timeline.agendaCall, confirmedBy, confirmedAt: at },
    });
    if (!created && cycle.previousCycleId !== previousCycleId) {
      throw new AlreadyExistsError(`${board.name} already has a cycle for the meeting on ${formatCalendarDate(cycle.meeting.date)} (${cycle.cycleId}).`);
    }
    const what = { type: 'next-cycle-confirmed', meetingDate: cycle.meeting.date, after: previousCycleId } as const;
    await recordAudit(d, board.boardId, who, what, { cycleId: cycle.cycleId, key: `next-confirmed#${previousCycleId}` });
    // Confirmed before and already started (its agenda call was due): nothing more to do.
    if (!created && !awaitsScheduledStart(cycle)) return { cycle, warnings, startedNow: cycle.executionArn !== undefined };
    const scheduled = await makeScheduleCycleStart(d)(cycle, confirmedBy, who);
    return { cycle: scheduled.cycle, warnings, startedNow: scheduled.startedNow };
  };

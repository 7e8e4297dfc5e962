import { operator, type AuditActor } from '../shared/domain/audit';
import { recordAudit } from '../shared/services/audit';
import * as z from '../shared/validation/zod';
import { meetingMovedEmail } from '../emails';
import { fanOut } from '../shared/domain/concurrency';
import { loadCycleContext, type CycleContext } from '../shared/services/cycle-context';
import { NotFoundError, TimelineError, ValidationError } from '../shared/domain/errors';
import { invitationFor } from '../shared/services/invitation';
import { messageTo } from '../shared/services/notify';
import { utcToZonedDate } from '../shared/domain/calendar';
import { milestoneLabel, noticeBreaches, planBoardTimeline } from '../shared/domain/timeline';
import { loadWorkingCalendar } from '../shared/services/working-calendar';
import { STATES, type StateName } from '../shared/domain/states';
import { MILESTONES, type Cycle } from '../shared/domain/types';
import { ids, parseOrThrow } from '../shared/domain/validate';
import { changedOnline } from '../shared/domain/online-meeting';
import type { CoreDeps } from '../shared/ports';
import { awaitsScheduledStart, makeScheduleCycleStart, refuseBreaches, refuseOverlongCycle, startCycleInput } from './start-cycle';
import { outboxKeys } from '../shared/table/outbox-keys';

export const moveMeetingInput = z.object({
  cycleId: ids.cycleId,
  meetingDate: startCycleInput.shape.meetingDate,
  meetingTime: startCycleInput.shape.meetingTime,
  venue: startCycleInput.shape.venue,
  overrideReason: startCycleInput.shape.overrideReason,
  /** A new joining link (or the first): unchanged when not given. */
  joinUrl: startCycleInput.shape.joinUrl,
  /** New dial-in text: unchanged when not given. */
  dialIn: startCycleInput.shape.dialIn,
});
export type MoveMeetingInput = z.input<typeof moveMeetingInput>;

/** Phases at or after circulation: the papers are out, so a move cannot shorten their notice. */
const CIRCULATED: ReadonlySet<string> = new Set<StateName>([
  STATES.CirculatePapers,
  STATES.WaitForSupplementaryCirculation,
  STATES.SendSupplementaryCirculation,
  STATES.WaitForMeeting,
]);

/** The phase a moved cycle re-enters: a chase resumes its callback; the first task resumes the first wait. */
export function resumePhase(phase: string): string {
  if (phase === STATES.PlanTimeline || phase === STATES.ReplanTimeline) return STATES.WaitForAgendaCall;
  // The follow-up's sleep is re-entered through its day's task, which plans the next day again.
  if (phase === STATES.WaitForNextFollowUpDay) return STATES.SendActionReminders;
  const chased = /^Chase(.+)$/.exec(phase);
  return chased ? `WaitFor${chased[1]}` : phase;
}

export interface MoveMeetingResult {
  cycle: Cycle;
  /** Where the execution resumes; `PlanTimeline` for a cycle that has not started. */
  resumeFrom: string;
  warnings: string[];
  /** For a cycle that has not started: when it now starts by itself (its new agenda call), or that it started now. */
  scheduled?: { startsAt: string; startedNow: boolean };
}

/**
 * Moves a cycle's meeting before it takes place: re-plans the timeline (the notice rule applies
 * again), stops the running execution and starts one that resumes where the cycle was, so the
 * remaining waits use the new dates and nothing already sent goes again. Members are told.
 * A cycle waiting for its scheduled start has sent nothing: it is re-planned from scratch and its
 * start re-scheduled to the new agenda call.
 */
export const makeMoveMeeting =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'workflow' | 'scheduler' | 'sendOnce' | 'clock' | 'config' | 'audit'>, who: AuditActor = operator()) =>
  async (raw: MoveMeetingInput): Promise<MoveMeetingResult> => {
    const input = parseOrThrow(moveMeetingInput, raw, 'move');
    const found = await d.cycles.findCycle(input.cycleId);
    if (!found) throw new NotFoundError(`There is no cycle "${input.cycleId}".`);
    const ctx = await loadCycleContext(d, found.boardId, found.cycleId);
    const { board, cycle } = ctx;
    const now = d.clock.now();
    if (cycle.status !== 'running' && cycle.status !== 'scheduled')
      throw new ValidationError(`The cycle is ${cycle.status}; only the meeting of a running or scheduled cycle can move.`);
    const moveNote = { type: 'meeting-moved', from: cycle.timeline.meeting } as const;
    if (awaitsScheduledStart(cycle)) {
      const result = await moveScheduled(d, ctx, input, who);
      await recordAudit(d, board.boardId, who, { ...moveNote, to: result.cycle.timeline.meeting }, { cycleId: cycle.cycleId });
      return result;
    }
    if (Date.parse(cycle.timeline.meeting) <= now.getTime()) throw new ValidationError('The meeting has already taken place; it cannot move.');
    // Milestones already passed stay passed (the agenda call went out); only the new meeting must be ahead.
    const calendar = await loadWorkingCalendar(board.holidays);
    const { timeline, warnings, breaches } = planBoardTimeline(board, calendar, input, new Date(0));
    if (Date.parse(timeline.meeting) <= now.getTime()) throw new TimelineError(`The new meeting time, ${ctx.when(timeline.meeting)}, has passed.`);
    // Papers not yet out go as soon as the cycle resumes if their new date has passed: check that day.
    if (!CIRCULATED.has(cycle.phase) && Date.parse(timeline.circulation) < now.getTime()) {
      const today = utcToZonedDate(now.toISOString(), board.timeZone);
      breaches.push(...noticeBreaches(today, input.meetingDate, board.rules, calendar));
    }
    refuseBreaches(breaches, input.overrideReason);
    // The move stops the execution and starts a fresh one now, which must end within the year too.
    refuseOverlongCycle(board, timeline, { at: now, from: 'move' });
    const resumeFrom = resumePhase(cycle.phase);
    const previousWhen = ctx.when(cycle.timeline.meeting);
    const moves = (cycle.moves ?? []).length + 1;
    // The new timeline is stored before the new execution starts: its first task reads it.
    await d.cycles.updateCycle(board.boardId, cycle.cycleId, (c) => ({
      meeting: { date: input.meetingDate, time: input.meetingTime, venue: input.venue ?? c.meeting.venue },
      ...changedOnline(c.online, input),
      timeline,
      moves: [...(c.moves ?? []), { from: c.timeline.meeting, to: timeline.meeting, at: now.toISOString() }],
      ...(breaches.length > 0 && input.overrideReason
        ? { noticeOverride: { reason: input.overrideReason, at: now.toISOString(), breaches: breaches.map((b) => b.message) } }
        : {}),
    }));
    if (cycle.executionArn) await d.workflow.stop(cycle.executionArn, `Meeting moved from ${previousWhen} to ${ctx.when(timeline.meeting)}.`);
    const executionArn = await d.workflow.start(`${cycle.cycleId}-moved-${moves}`, { boardId: board.boardId, cycleId: cycle.cycleId, resumeFrom });
    const moved = await d.cycles.updateCycle(board.boardId, cycle.cycleId, () => ({ executionArn }));
    await recordAudit(d, board.boardId, who, { ...moveNote, to: timeline.meeting }, { cycleId: cycle.cycleId });
    const keyDates = MILESTONES.filter((m) => Date.parse(timeline[m]) > now.getTime() && m !== 'paperReminder').map((m) => ({
      label: milestoneLabel(m),
      when: ctx.when(timeline[m]),
    }));
    await fanOut(ctx.members, { concurrency: d.config.sendConcurrency, label: (m) => m.memberId }, async (member) => {
      const email = meetingMovedEmail({
        board: board.name,
        secretariatEmail: ctx.secretariatEmail,
        meetingWhen: ctx.when(timeline.meeting),
        previousWhen,
        venue: moved.meeting.venue,
        keyDates,
        ...(moved.online ? { online: moved.online } : {}),
      });
      // The updated invitation (same UID, SEQUENCE one higher) moves the event in members' calendars.
      const attachments = await invitationFor({ ...ctx, cycle: moved }, member, now);
      await d.sendOnce(outboxKeys.meetingMoved(cycle.cycleId, moves, member.memberId), messageTo(member, 'meeting-moved', email, { attachments }));
    });
    return { cycle: moved, resumeFrom, warnings };
  };

/** Re-plans a cycle that has not started (every milestone must still be ahead) and moves its scheduled start. */
async function moveScheduled(
  d: Pick<CoreDeps, 'cycles' | 'workflow' | 'scheduler' | 'clock' | 'audit'>,
  ctx: CycleContext,
  input: z.output<typeof moveMeetingInput>,
  who: AuditActor,
): Promise<MoveMeetingResult> {
  const { board, cycle } = ctx;
  const now = d.clock.now();
  const { timeline, warnings, breaches } = planBoardTimeline(board, await loadWorkingCalendar(board.holidays), input, now);
  refuseBreaches(breaches, input.overrideReason);
  refuseOverlongCycle(board, timeline, { at: new Date(Math.max(Date.parse(timeline.agendaCall), now.getTime())), from: 'agenda-call' });
  const moved = await d.cycles.updateCycle(board.boardId, cycle.cycleId, (c) => {
    if (!awaitsScheduledStart(c))
      throw new ValidationError(`Cycle ${c.cycleId} started while it was being moved; run the move again to move the running cycle.`);
    return {
      meeting: { date: input.meetingDate, time: input.meetingTime, venue: input.venue ?? c.meeting.venue },
      ...changedOnline(c.online, input),
      timeline,
      moves: [...(c.moves ?? []), { from: c.timeline.meeting, to: timeline.meeting, at: now.toISOString() }],
      ...(breaches.length > 0 && input.overrideReason
        ? { noticeOverride: { reason: input.overrideReason, at: now.toISOString(), breaches: breaches.map((b) => b.message) } }
        : {}),
    };
  });
  const started = await makeScheduleCycleStart(d)(moved, moved.scheduledStart?.confirmedBy ?? 'secretariat', who);
  return {
    cycle: started.cycle,
    resumeFrom: STATES.PlanTimeline,
    warnings,
    scheduled: { startsAt: started.startedNow ? now.toISOString() : timeline.agendaCall, startedNow: started.startedNow },
  };
}

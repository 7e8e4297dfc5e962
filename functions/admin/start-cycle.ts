import { operator, type AuditActor } from '../shared/domain/audit';
import { recordAudit } from '../shared/services/audit';
import * as z from '../shared/validation/zod';
import { formatBoardDateTime } from '../shared/domain/calendar';
import { AlreadyExistsError, NotFoundError, TimelineError } from '../shared/domain/errors';
import { actionReminderPolicy } from '../shared/domain/action-reminders';
import { refuseOverlongExecution, type ExecutionStart } from '../shared/domain/execution-limit';
import { STATES } from '../shared/domain/states';
import { planBoardTimeline, type NoticeBreach } from '../shared/domain/timeline';
import { MAX_REASON_CHARS, MIN_REASON_CHARS } from '../shared/domain/late-items';
import { planShortNoticeTimeline } from '../shared/domain/short-notice';
import { loadWorkingCalendar } from '../shared/services/working-calendar';
import { dialInField, joinUrlField, onlineMeeting } from '../shared/domain/online-meeting';
import type { Board, Cycle, Timeline } from '../shared/domain/types';
import { ids, parseOrThrow } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

export const startCycleInput = z.object({
  boardId: ids.boardId,
  meetingDate: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD, e.g. 2027-03-10')),
  meetingTime: z._default(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. 15:30')), '10:00'),
  venue: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  /** Why the cycle goes ahead although its timeline breaks the board's notice rule; recorded on it. */
  overrideReason: z.optional(z.string().check(z.trim(), z.minLength(10, 'give a reason of at least 10 characters'), z.maxLength(1000))),
  /** An extraordinary meeting at short notice: the timeline is squeezed into the days left when the usual lead time has passed. */
  extraordinary: z.optional(z.boolean()),
  /** Why the meeting is called at short notice; required with `extraordinary`, recorded on the cycle. */
  extraordinaryReason: z.optional(z.string().check(z.trim(), z.maxLength(MAX_REASON_CHARS))),
  /** The meeting's joining link, for an online or hybrid meeting: https only. */
  joinUrl: joinUrlField,
  /** Dial-in numbers and PINs, a few lines at most. */
  dialIn: dialInField,
});
export type StartCycleInput = z.input<typeof startCycleInput>;

/** {@link startCycleInput} with its one rule across fields: an extraordinary meeting says why it is called. */
export const startCycleRequest = startCycleInput.check(
  z.superRefine((input, ctx) => {
    if (input.extraordinary && (input.extraordinaryReason ?? '').length < MIN_REASON_CHARS) {
      ctx.addIssue({
        code: 'custom',
        path: ['extraordinaryReason'],
        message: `give the reason for calling an extraordinary meeting at short notice, in at least ${MIN_REASON_CHARS} characters`,
      });
    }
  }),
);

/** Who acted, as a record names them: a name, an address, or the kind of actor. */
export const actorName = (who: AuditActor): string => who.name ?? who.email ?? (who.kind === 'admin' ? 'an operator' : who.kind);

export interface StartCycleResult {
  cycle: Cycle;
  warnings: string[];
}

/**
 * A timeline that breaks the board's notice rule goes ahead only with a recorded reason.
 * @throws TimelineError naming each breach and the latest compliant circulation date.
 */
export function refuseBreaches(breaches: readonly NoticeBreach[], overrideReason: string | undefined): void {
  if (breaches.length > 0 && !overrideReason) {
    throw new TimelineError(`${breaches.map((b) => b.message).join(' ')} To go ahead anyway, record the reason (the override is kept with the cycle).`);
  }
}

/**
 * A cycle is one execution, which Step Functions stops after a year: refuses a plan whose execution,
 * started as `start` says, could run past it before its follow-up ends.
 * @throws TimelineError giving the numbers and what to change.
 */
export function refuseOverlongCycle(board: Board, timeline: Timeline, start: ExecutionStart): void {
  refuseOverlongExecution({ start, timeline, followUpMaxDays: actionReminderPolicy(board).followUpMaxDays, timeZone: board.timeZone });
}

/** One cycle per board and meeting date: the id says which, and makes a double start harmless. */
export const cycleIdFor = (boardId: string, meetingDate: string): string => `${boardId}-${meetingDate}`;

/** A confirmed cycle waiting for the schedule that starts it at its agenda call. */
export const awaitsScheduledStart = (cycle: Pick<Cycle, 'status' | 'scheduledStart'>): boolean =>
  cycle.status === 'scheduled' && cycle.scheduledStart !== undefined;

/** A cycle as planned, before anything is stored: its breaches of the notice rule are listed, not refused. */
export interface PlannedCycle {
  /** The record a new cycle gets: status `scheduled`, nothing started. */
  cycle: Cycle;
  warnings: string[];
  breaches: NoticeBreach[];
}

/** The board, or NotFoundError naming the boards there are. */
export async function loadBoard(d: Pick<CoreDeps, 'boards'>, boardId: string): Promise<Board> {
  const board = await d.boards.getBoard(boardId);
  if (board) return board;
  const known = (await d.boards.listBoards()).map((b) => b.boardId);
  throw new NotFoundError(`There is no board "${boardId}".${known.length ? ` Boards: ${known.join(', ')}.` : ' Create one first.'}`);
}

/**
 * Plans a cycle for a meeting without storing anything: the timeline by the board's rules as of `now` (a
 * milestone in the past is refused, naming it and the earliest date that works). Breaches of the notice
 * rule come back for the caller to show or refuse.
 */
export async function planCycle(board: Board, input: z.output<typeof startCycleInput>, now: Date, by = 'the secretariat'): Promise<PlannedCycle> {
  const reason = input.extraordinary ? input.extraordinaryReason : undefined;
  const calendar = await loadWorkingCalendar(board.holidays);
  const plan = reason
    ? planShortNoticeTimeline({ ...input, timeZone: board.timeZone, calendar, rules: board.rules, now })
    : { ...planBoardTimeline(board, calendar, input, now), compressed: [] };
  const { timeline, warnings, breaches } = plan;
  const online = onlineMeeting(input);
  const cycle: Cycle = {
    boardId: board.boardId,
    cycleId: cycleIdFor(board.boardId, input.meetingDate),
    meeting: { date: input.meetingDate, time: input.meetingTime, venue: input.venue ?? board.defaultVenue },
    timeline,
    status: 'scheduled',
    phase: STATES.PlanTimeline,
    ...(breaches.length > 0 && input.overrideReason
      ? { noticeOverride: { reason: input.overrideReason, at: now.toISOString(), breaches: breaches.map((b) => b.message) } }
      : {}),
    ...(reason ? { extraordinary: { reason, by, at: now.toISOString(), compressed: plan.compressed } } : {}),
    createdAt: now.toISOString(),
    version: 1,
    ...(online ? { online } : {}),
  };
  return { cycle, warnings, breaches };
}

/** What a cancelled cycle's record loses when its meeting date is used again. */
const NOT_CARRIED_OVER: Partial<Cycle> = {
  executionArn: undefined,
  scheduledStart: undefined,
  previousCycleId: undefined,
  nextCycle: undefined,
  cancellation: undefined,
  moves: undefined,
  lateItems: undefined,
  extraordinary: undefined,
  noticeOverride: undefined,
  failure: undefined,
  online: undefined,
  runningWhenCancelled: undefined,
  approvalHandover: undefined,
};

/**
 * Plans and records a cycle (status `scheduled`; nothing starts), refusing a timeline that breaks the
 * notice rule unless a reason is recorded. When the board already has a cycle for that meeting, that
 * record comes back with `created: false` for the caller to judge (one that started, or waits for its
 * scheduled start, before anything is planned); a cancelled one never ran, so its meeting date is free
 * again and the record takes the new plan.
 */
export const makeCreateCycle =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'clock'>) =>
  async (
    raw: StartCycleInput,
    extra: Pick<Cycle, 'previousCycleId' | 'scheduledStart'> = {},
    by?: string,
  ): Promise<{ board: Board; cycle: Cycle; warnings: string[]; created: boolean }> => {
    const input = parseOrThrow(startCycleRequest, raw, 'cycle');
    const board = await loadBoard(d, input.boardId);
    const cycleId = cycleIdFor(board.boardId, input.meetingDate);
    const existing = await d.cycles.getCycle(board.boardId, cycleId);
    if (existing && existing.status !== 'cancelled' && (existing.executionArn || existing.scheduledStart)) {
      return { board, cycle: existing, warnings: [], created: false };
    }
    const now = d.clock.now();
    const { cycle: planned, warnings, breaches } = await planCycle(board, input, now, by);
    refuseBreaches(breaches, input.overrideReason);
    // Checked before anything is stored; a cycle that starts itself starts at its agenda call (or now, if due).
    const startsItself = extra.scheduledStart !== undefined;
    const startsAt = startsItself ? new Date(Math.max(Date.parse(planned.timeline.agendaCall), now.getTime())) : now;
    refuseOverlongCycle(board, planned.timeline, { at: startsAt, from: startsItself ? 'agenda-call' : 'now' });
    const fresh: Cycle = { ...planned, ...extra };
    // Its members were sent the meeting and then its cancellation, under this cycle's id and emails' keys.
    if (existing?.runningWhenCancelled) {
      throw new AlreadyExistsError(
        `The meeting on ${existing.meeting.date} (${cycleId}) was cancelled after its cycle had started; a new meeting needs another date.`,
      );
    }
    if (existing?.status === 'cancelled') {
      let replaced = false;
      const cycle = await d.cycles.updateCycle(board.boardId, cycleId, (c) => {
        replaced = c.status === 'cancelled';
        return replaced ? { ...NOT_CARRIED_OVER, ...fresh } : {};
      });
      return { board, cycle, warnings, created: replaced };
    }
    // A start that failed before its execution began: the record stands, and the start resumes from it.
    if (existing) return { board, cycle: existing, warnings, created: false };
    try {
      await d.cycles.createCycle(fresh);
    } catch (err) {
      if (!(err instanceof AlreadyExistsError)) throw err;
      // Another request recorded it a moment ago (a double click): that record stands.
      const other = await d.cycles.getCycle(board.boardId, cycleId);
      if (!other) throw err;
      return { board, cycle: other, warnings, created: false };
    }
    return { board, cycle: fresh, warnings, created: true };
  };

/**
 * Starts a recorded cycle's execution, named for the cycle, and records its ARN. Step Functions refuses a
 * second execution with the same name, so a start that raced another (two clicks) returns the cycle as the
 * first left it.
 */
export const makeStartCycleExecution =
  (d: Pick<CoreDeps, 'cycles' | 'workflow'>) =>
  async (cycle: Pick<Cycle, 'boardId' | 'cycleId'>): Promise<Cycle> => {
    let executionArn: string;
    try {
      executionArn = await d.workflow.start(cycle.cycleId, { boardId: cycle.boardId, cycleId: cycle.cycleId });
    } catch (err) {
      const current = (err as Error).name === 'ExecutionAlreadyExists' ? await d.cycles.getCycle(cycle.boardId, cycle.cycleId) : undefined;
      if (!current) throw err;
      return current;
    }
    return d.cycles.updateCycle(cycle.boardId, cycle.cycleId, () => ({ executionArn, scheduledStart: undefined }));
  };

/**
 * Starts a cycle now: plans and records it (see {@link makeCreateCycle}), then starts its execution. If
 * starting the execution failed before, calling again with the same meeting date resumes from the recorded
 * cycle instead of refusing it as a duplicate; a cycle that runs, or waits for its scheduled start, is refused.
 */
export const makeStartCycle =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'workflow' | 'clock' | 'audit'>, who: AuditActor = operator()) =>
  async (raw: StartCycleInput): Promise<StartCycleResult> => {
    const { board, cycle, warnings, created } = await makeCreateCycle(d)(raw, {}, actorName(who));
    if (!created && awaitsScheduledStart(cycle)) {
      throw new AlreadyExistsError(
        `${board.name} already has a cycle for the meeting on ${cycle.meeting.date} (${cycle.cycleId}); it starts by itself on ` +
          `${formatBoardDateTime(cycle.scheduledStart!.at, board.timeZone)}. Move it with \`cycle move\`, or cancel it with \`cycle cancel\`.`,
      );
    }
    if (!created && cycle.executionArn) {
      throw new AlreadyExistsError(`${board.name} already has a cycle for the meeting on ${cycle.meeting.date} (${cycle.cycleId}).`);
    }
    const started = await makeStartCycleExecution(d)(cycle);
    const what = { type: 'cycle-started', meetingDate: started.meeting.date } as const;
    await recordAudit(d, started.boardId, who, what, { cycleId: started.cycleId, key: `started#${started.executionArn ?? started.cycleId}` });
    if (started.extraordinary) {
      const { reason, compressed } = started.extraordinary;
      const called = { type: 'extraordinary-meeting', meetingDate: started.meeting.date, reason, compressed } as const;
      await recordAudit(d, started.boardId, who, called, { cycleId: started.cycleId, key: `extraordinary#${started.cycleId}` });
    }
    return { cycle: started, warnings };
  };

/** Agenda calls this close, or already past, start the cycle at once rather than by a schedule. */
export const START_NOW_WITHIN_MS = 60_000;

/**
 * Has a recorded cycle start itself at its agenda call: (re)creates its one schedule and records when, and
 * the ARN its execution will have. An agenda call that is due (or past) starts the execution now instead.
 * Either is written to the audit trail as `who`'s, keyed so a retry writes it once.
 */
export const makeScheduleCycleStart =
  (d: Pick<CoreDeps, 'cycles' | 'workflow' | 'scheduler' | 'clock' | 'audit'>) =>
  async (cycle: Cycle, confirmedBy: string, who: AuditActor = operator()): Promise<{ cycle: Cycle; startedNow: boolean }> => {
    const at = new Date(cycle.timeline.agendaCall);
    const now = d.clock.now();
    if (at.getTime() <= now.getTime() + START_NOW_WITHIN_MS) {
      // A schedule from before (a move) must not start it a second time.
      await d.scheduler.cancelCycleStart(cycle.cycleId);
      const started = await makeStartCycleExecution(d)(cycle);
      const what = { type: 'cycle-started', meetingDate: started.meeting.date } as const;
      await recordAudit(d, started.boardId, who, what, { cycleId: started.cycleId, key: `started#${started.executionArn ?? started.cycleId}` });
      return { cycle: started, startedNow: true };
    }
    const { executionArn } = await d.scheduler.scheduleCycleStart(cycle, at);
    const scheduled = await d.cycles.updateCycle(cycle.boardId, cycle.cycleId, (c) => ({
      executionArn,
      scheduledStart: {
        at: at.toISOString(),
        confirmedBy: c.scheduledStart?.confirmedBy ?? confirmedBy,
        confirmedAt: c.scheduledStart?.confirmedAt ?? now.toISOString(),
      },
    }));
    const what = { type: 'cycle-scheduled', meetingDate: scheduled.meeting.date, startsAt: at.toISOString() } as const;
    await recordAudit(d, scheduled.boardId, who, what, { cycleId: scheduled.cycleId, key: `scheduled#${scheduled.cycleId}#${at.toISOString()}` });
    return { cycle: scheduled, startedNow: false };
  };

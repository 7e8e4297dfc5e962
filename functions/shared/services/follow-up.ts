import { actionReminderPolicy } from '../domain/action-reminders';
import { NotWaitingError } from '../domain/errors';
import { executionStartedAt } from '../domain/execution-limit';
import { followUpOver, nextFollowUpWake, secondsUntil, type FollowUpStep } from '../domain/follow-up-wake';
import { STATES } from '../domain/states';
import type { Action, Board, Cycle } from '../domain/types';
import type { CoreDeps } from '../ports';
import { loadWorkingCalendar } from './working-calendar';

/**
 * The action follow-up sleeps until its next day with work (a `.waitForTaskToken` task whose timeout
 * is that day, its token stored as the `follow-up` wait) instead of running every working day. What it
 * planned on can change while it sleeps: an action's due date, owners or status, a new cycle taking
 * over. Whoever makes such a change wakes it with {@link wakeFollowUps}: the wait is resumed with a new
 * plan (no reminders are sent by the wake itself), so a reminder made due sooner goes out on its day.
 * A change made while the follow-up is between its run and its wait is caught by the wait itself, which
 * plans again after storing its token (store, then check: one of the two always sees the change).
 */

type PlanDeps = Pick<CoreDeps, 'cycles' | 'actions' | 'clock'>;

/**
 * The follow-up's next step for `cycle`, from the board's actions and cycles as they are now (read
 * here unless the caller has them already).
 */
export async function planFollowUp(
  d: PlanDeps,
  board: Board,
  cycle: Cycle,
  known: { boardCycles?: readonly Cycle[]; actions?: readonly Action[] } = {},
): Promise<FollowUpStep> {
  const now = d.clock.now();
  const calendar = await loadWorkingCalendar(board.holidays);
  const policy = actionReminderPolicy(board);
  const boardCycles = known.boardCycles ?? (await d.cycles.listCycles(board.boardId));
  const over = followUpOver({ cycle, boardCycles, now, timeZone: board.timeZone, calendar, policy });
  if (over) return over;
  const actions = known.actions ?? (await d.actions.listActions(board.boardId));
  const next = nextFollowUpWake({
    now,
    timeZone: board.timeZone,
    calendar,
    policy,
    actions: actions.map((action) => ({ action })),
    meetingAt: cycle.timeline.meeting,
    executionStartedAt: executionStartedAt(cycle),
  });
  return { next, waitSeconds: secondsUntil(now, next), done: false };
}

/** A cycle whose follow-up may be asleep: running, and its phase the follow-up's task. */
const followingUp = (c: Cycle): boolean => c.status === 'running' && c.phase === STATES.SendActionReminders;

/**
 * Wakes every sleeping follow-up of the board (but `except`) to plan again on what is true now. A
 * follow-up that is not asleep (running its day, or its token already used) is left alone: it plans on
 * fresh reads anyway. Best effort by design: the change that calls this is already stored, and a
 * follow-up that is not woken still plans again within FOLLOW_UP_MAX_SLEEP_DAYS days.
 * @returns the cycles woken
 */
export async function wakeFollowUps(
  d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions' | 'waits' | 'workflow' | 'clock'>,
  boardId: string,
  except?: string,
): Promise<string[]> {
  const boardCycles = await d.cycles.listCycles(boardId);
  const asleep = boardCycles.filter((c) => followingUp(c) && c.cycleId !== except);
  if (asleep.length === 0) return [];
  const board = await d.boards.getBoard(boardId);
  if (!board) return [];
  const actions = await d.actions.listActions(boardId);
  const woken: string[] = [];
  for (const cycle of asleep) {
    const wait = await d.waits.getWait(cycle.cycleId, 'follow-up');
    if (!wait) continue;
    const step = await planFollowUp(d, board, cycle, { boardCycles, actions });
    if (await resumeFollowUp(d, cycle.cycleId, wait.taskToken, step)) woken.push(cycle.cycleId);
  }
  return woken;
}

/** Resumes the follow-up's wait on `taskToken` with `step` and clears the record; false if that token no longer waits. */
export async function resumeFollowUp(d: Pick<CoreDeps, 'waits' | 'workflow'>, cycleId: string, taskToken: string, step: FollowUpStep): Promise<boolean> {
  try {
    await d.workflow.resume(taskToken, { ...step });
  } catch (err) {
    if (err instanceof NotWaitingError) return false;
    throw err;
  }
  await d.waits.takeWait(cycleId, 'follow-up', taskToken);
  return true;
}

/**
 * Wakes the board's follow-ups after a change to its actions, never failing the change: it is stored,
 * and a follow-up not woken now plans again within a week at the latest.
 */
export async function wakeFollowUpsAfterChange(d: Parameters<typeof wakeFollowUps>[0], boardId: string): Promise<void> {
  await wakeFollowUps(d, boardId).catch(() => undefined);
}

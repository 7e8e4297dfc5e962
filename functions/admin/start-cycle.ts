import { z } from 'zod';
import { AlreadyExistsError, NotFoundError, TimelineError } from '../shared/domain/errors';
import { planBoardTimeline, type NoticeBreach } from '../shared/domain/timeline';
import type { Cycle } from '../shared/domain/types';
import { ids, parseOrThrow } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

export const startCycleInput = z.object({
  boardId: ids.boardId,
  meetingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD, e.g. 2027-03-10'),
  meetingTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. 15:30')
    .default('10:00'),
  venue: z.string().trim().min(1).max(200).optional(),
  /** Why the cycle goes ahead although its timeline breaks the board's notice rule; recorded on it. */
  overrideReason: z.string().trim().min(10, 'give a reason of at least 10 characters').max(1000).optional(),
});
export type StartCycleInput = z.input<typeof startCycleInput>;

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

/** One cycle per board and meeting date: the id says which, and makes a double start harmless. */
export const cycleIdFor = (boardId: string, meetingDate: string): string => `${boardId}-${meetingDate}`;

/**
 * Starts a cycle: checks the board and the timeline (a milestone in the past is refused, naming it;
 * so is a timeline that breaks the board's notice rule, unless an override reason is recorded),
 * records the cycle, then starts its execution. If starting the execution fails, calling again with
 * the same meeting date resumes from the recorded cycle instead of refusing it as a duplicate.
 */
export const makeStartCycle =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'workflow' | 'clock'>) =>
  async (raw: StartCycleInput): Promise<StartCycleResult> => {
    const input = parseOrThrow(startCycleInput, raw, 'cycle');
    const board = await d.boards.getBoard(input.boardId);
    if (!board) {
      const known = (await d.boards.listBoards()).map((b) => b.boardId);
      throw new NotFoundError(`There is no board "${input.boardId}".${known.length ? ` Boards: ${known.join(', ')}.` : ' Create one first.'}`);
    }
    const cycleId = cycleIdFor(board.boardId, input.meetingDate);
    const existing = await d.cycles.getCycle(board.boardId, cycleId);
    if (existing?.executionArn) {
      throw new AlreadyExistsError(`${board.name} already has a cycle for the meeting on ${input.meetingDate} (${cycleId}).`);
    }
    const { timeline, warnings, breaches } = planBoardTimeline(board, input, d.clock.now());
    refuseBreaches(breaches, input.overrideReason);
    const cycle: Cycle = existing ?? {
      boardId: board.boardId,
      cycleId,
      meeting: { date: input.meetingDate, time: input.meetingTime, venue: input.venue ?? board.defaultVenue },
      timeline,
      status: 'scheduled',
      phase: 'PlanTimeline',
      ...(breaches.length > 0 && input.overrideReason
        ? { noticeOverride: { reason: input.overrideReason, at: d.clock.now().toISOString(), breaches: breaches.map((b) => b.message) } }
        : {}),
      createdAt: d.clock.now().toISOString(),
      version: 1,
    };
    if (!existing) await d.cycles.createCycle(cycle);
    const executionArn = await d.workflow.start(cycleId, { boardId: board.boardId, cycleId });
    const started = await d.cycles.updateCycle(board.boardId, cycleId, () => ({ executionArn }));
    return { cycle: started, warnings };
  };

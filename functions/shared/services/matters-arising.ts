import type { CoreDeps } from '../ports';
import { mattersArising, type MattersArising } from '../domain/agenda';
import { formatBoardDate, utcToZonedDate } from '../domain/calendar';
import type { Board, Cycle } from '../domain/types';

/**
 * Reads what the agenda and the minutes draft of `cycle` report on earlier actions: open ones with
 * their latest update, and those closed since the board's previous meeting.
 */
export async function loadMattersArising(
  d: Pick<CoreDeps, 'actions' | 'cycles' | 'clock'>,
  board: Board,
  cycle: Pick<Cycle, 'cycleId' | 'timeline'>,
): Promise<MattersArising> {
  const [actions, cycles] = await Promise.all([d.actions.listActions(board.boardId), d.cycles.listCycles(board.boardId)]);
  const previous = cycles
    .filter((c) => c.cycleId !== cycle.cycleId && c.timeline.meeting < cycle.timeline.meeting && c.status !== 'failed')
    .map((c) => c.timeline.meeting)
    .sort()
    .at(-1);
  const withHistory = await Promise.all(actions.map(async (action) => ({ action, events: await d.actions.listEvents(action.actionId) })));
  return mattersArising({
    cycleId: cycle.cycleId,
    actions: withHistory,
    ...(previous ? { since: previous } : {}),
    today: utcToZonedDate(d.clock.now().toISOString(), board.timeZone),
    day: (iso) => formatBoardDate(iso, board.timeZone),
  });
}

import { decisionRows, matchesDecisionFilter, readDecisionFilter, type DecisionFilter, type DecisionRow } from '../shared/domain/decisions';
import { NotFoundError, ValidationError } from '../shared/domain/errors';
import type { Board, Cycle } from '../shared/domain/types';
import type { CoreDeps } from '../shared/ports';

/** The decisions register as one request asked for it. */
export interface DecisionRegister {
  board: Board;
  filter: DecisionFilter;
  rows: DecisionRow[];
  /** The board's cycles, latest meeting first: the meeting filter's choices. */
  cycles: Cycle[];
}

/**
 * The board's decisions, through the filter `query` gives (the console's query string, the CLI's
 * options), for the console and the CLI alike. A meeting that is not the board's is refused rather than
 * ignored, so a stale bookmark never shows a list that looks complete.
 * @throws NotFoundError when there is no such board; ValidationError for a filter the register does not have
 */
export async function loadDecisionRegister(
  d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions'>,
  boardId: string,
  query: Record<string, string | undefined>,
): Promise<DecisionRegister> {
  const board = await d.boards.getBoard(boardId);
  if (!board) throw new NotFoundError(`There is no board "${boardId}".`);
  const filter = readDecisionFilter(query);
  const cycles = (await d.cycles.listCycles(boardId)).sort((a, b) => b.timeline.meeting.localeCompare(a.timeline.meeting));
  if (filter.meeting !== undefined && !cycles.some((c) => c.cycleId === filter.meeting)) {
    throw new ValidationError(`${board.name} has no meeting "${filter.meeting}": choose a meeting from the list.`, ['meeting']);
  }
  const decisions = (await d.actions.listDecisions(boardId)).filter((x) => matchesDecisionFilter(x, filter));
  return { board, filter, rows: decisionRows(decisions, board.timeZone), cycles };
}

import { buildDraftAgenda } from '../shared/domain/agenda';
import { NotFoundError } from '../shared/domain/errors';
import { loadMattersArising } from '../shared/services/matters-arising';
import type { AgendaItem } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

/**
 * After the item deadline: standing items + proposals + matters arising (open actions from earlier
 * cycles, each with its latest update, overdue ones marked, then the actions completed since the last
 * meeting). Deterministic for a given day, so a retry writes the same items.
 */
export const makeBuildDraftAgenda =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions' | 'clock'>) =>
  async (input: CycleRef): Promise<{ items: number }> => {
    const board = await d.boards.getBoard(input.boardId);
    if (!board) throw new NotFoundError(`There is no board "${input.boardId}".`);
    const cycle = await d.cycles.getCycle(input.boardId, input.cycleId);
    if (!cycle) throw new NotFoundError(`There is no cycle "${input.cycleId}".`);
    const [proposals, arising] = await Promise.all([d.cycles.listProposals(input.cycleId), loadMattersArising(d, board, cycle)]);
    const items: AgendaItem[] = buildDraftAgenda({
      cycleId: input.cycleId,
      standingItems: board.standingItems,
      proposals,
      openActions: arising.open,
      mattersArising: [...arising.openLines, ...arising.closedLines.map((line) => `Completed since the last meeting: ${line}`)],
    });
    await d.cycles.putItems(input.cycleId, items);
    return { items: items.length };
  };

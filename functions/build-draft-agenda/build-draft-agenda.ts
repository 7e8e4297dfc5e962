import { formatBoardDate } from '../shared/domain/calendar';
import { buildDraftAgenda, mattersArisingLine } from '../shared/domain/agenda';
import { NotFoundError } from '../shared/domain/errors';
import type { AgendaItem } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

/**
 * After the item deadline: standing items + proposals + matters arising (open actions from earlier
 * cycles, each with its latest update). Deterministic, so a retry writes the same items.
 */
export const makeBuildDraftAgenda =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions'>) =>
  async (input: CycleRef): Promise<{ items: number }> => {
    const board = await d.boards.getBoard(input.boardId);
    if (!board) throw new NotFoundError(`There is no board "${input.boardId}".`);
    const [proposals, actions] = await Promise.all([d.cycles.listProposals(input.cycleId), d.actions.listActions(input.boardId)]);
    const openActions = actions.filter((a) => a.cycleId !== input.cycleId && (a.status === 'open' || a.status === 'in-progress'));
    const mattersArising = await Promise.all(
      openActions.map(async (a) => mattersArisingLine(a, (await d.actions.listEvents(a.actionId)).at(-1), (iso) => formatBoardDate(iso, board.timeZone))),
    );
    const items: AgendaItem[] = buildDraftAgenda({ cycleId: input.cycleId, standingItems: board.standingItems, proposals, openActions, mattersArising });
    await d.cycles.putItems(input.cycleId, items);
    return { items: items.length };
  };

import { actionRows, type ActionRow } from '../shared/domain/actions-export';
import { isOwnerUpdate } from '../shared/domain/agenda';
import { NotFoundError } from '../shared/domain/errors';
import type { Action, ActionEvent } from '../shared/domain/types';
import type { CoreDeps } from '../shared/ports';

/** One action of the register with its row as exported, and its owner's latest update. */
export interface RegisterEntry {
  action: Action;
  row: ActionRow;
  latest?: ActionEvent;
}

/**
 * The board's actions that pass `keep`, by number, each with its row (owners by name) and its owner's
 * latest update: what the console's register page and its exports show.
 */
export async function loadActionRegister(
  d: Pick<CoreDeps, 'boards' | 'actions'>,
  boardId: string,
  keep: (action: Action) => boolean = () => true,
): Promise<RegisterEntry[]> {
  if (!(await d.boards.getBoard(boardId))) throw new NotFoundError(`There is no board "${boardId}".`);
  const list = (await d.actions.listActions(boardId)).filter(keep);
  const latest = new Map(
    await Promise.all(list.map(async (a) => [a.actionId, (await d.actions.listEvents(a.actionId)).filter(isOwnerUpdate).at(-1)] as const)),
  );
  const byNumber = new Map(list.map((a) => [a.number, a]));
  return actionRows(list, await d.boards.listMembers(boardId), (id) => latest.get(id)).map((row) => {
    const action = byNumber.get(row.number)!;
    const update = latest.get(action.actionId);
    return { action, row, ...(update ? { latest: update } : {}) };
  });
}

/**
 * The board's action register as the secretariat reads it (the CLI's `actions list|export` and the
 * local console): by number, owners by name, each with its owner's latest update.
 */
export async function loadActionRows(d: Pick<CoreDeps, 'boards' | 'actions'>, boardId: string, status?: Action['status']): Promise<ActionRow[]> {
  return (await loadActionRegister(d, boardId, status ? (a) => a.status === status : undefined)).map((e) => e.row);
}

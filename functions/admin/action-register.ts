import { actionRows, type ActionRow } from '../shared/domain/actions-export';
import { isOwnerUpdate } from '../shared/domain/agenda';
import { NotFoundError } from '../shared/domain/errors';
import type { Action } from '../shared/domain/types';
import type { CoreDeps } from '../shared/ports';

/**
 * The board's action register as the secretariat reads it (the CLI's `actions list|export` and the
 * local console): by number, owners by name, each with its owner's latest update.
 */
export async function loadActionRows(d: Pick<CoreDeps, 'boards' | 'actions'>, boardId: string, status?: Action['status']): Promise<ActionRow[]> {
  if (!(await d.boards.getBoard(boardId))) throw new NotFoundError(`There is no board "${boardId}".`);
  const list = await d.actions.listActions(boardId, status ? { status } : {});
  const latest = new Map(
    await Promise.all(list.map(async (a) => [a.actionId, (await d.actions.listEvents(a.actionId)).filter(isOwnerUpdate).at(-1)] as const)),
  );
  return actionRows(list, await d.boards.listMembers(boardId), (id) => latest.get(id));
}

import type { CoreDeps } from '../ports';
import { NotFoundError, StaleVersionError } from './errors';
import type { Action, ActionEvent } from './types';

/** Attempts at a conditional write before giving up; each loser re-reads and applies on top. */
const ATTEMPTS = 5;

export const CLOSED_STATUSES: ReadonlySet<Action['status']> = new Set(['done', 'dropped']);

/**
 * Records an update on an action with a condition on the version read. When someone else saved
 * first, it re-reads and records again on top: two owners saving at once both count, in order.
 * @throws NotFoundError when the action is gone; StaleVersionError after repeated contention
 */
export async function recordActionUpdate(
  d: Pick<CoreDeps, 'actions'>,
  boardId: string,
  actionId: string,
  event: Omit<ActionEvent, 'actionId'>,
): Promise<Action> {
  for (let attempt = 1; ; attempt++) {
    const action = await d.actions.getAction(boardId, actionId);
    if (!action) throw new NotFoundError('This action no longer exists.');
    try {
      return await d.actions.recordUpdate(boardId, actionId, action.version, { ...event, actionId });
    } catch (err) {
      if (!(err instanceof StaleVersionError) || attempt >= ATTEMPTS) throw err;
    }
  }
}

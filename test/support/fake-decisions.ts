import type { Decision } from '../../functions/shared/domain/decisions';
import { keys } from '../../functions/shared/table/keys';
import type { MemoryTable } from './fake-repositories';

export type { Decision };

/** The decisions register of the fake action repository: the Dynamo adapter's keys, so a retry rewrites the same records. */
export async function putDecisions(table: MemoryTable, boardId: string, decisions: readonly Decision[]): Promise<void> {
  for (const decision of decisions) table.put(keys.decision(boardId, decision.cycleId, decision.number), { ...decision, boardId });
}

/** Every decision of the board, in key order (meeting, then number). */
export async function listDecisions(table: MemoryTable, boardId: string): Promise<Decision[]> {
  return table.query<Decision>(keys.boardMeta(boardId).pk, keys.decisionPrefix);
}

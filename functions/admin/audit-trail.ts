import { verifyChain, type AuditEntry, type ChainVerdict } from '../shared/domain/audit';
import { NotFoundError } from '../shared/domain/errors';
import type { CoreDeps } from '../shared/ports';

/** A board's trail as the CLI and the console show it: the entries asked for, and the whole chain checked. */
export interface AuditReport {
  boardId: string;
  cycleId?: string;
  entries: AuditEntry[];
  /** Always of the board's whole trail: a cycle's entries link to entries of other cycles in between. */
  verdict: ChainVerdict;
}

/**
 * Reads a board's audit trail (only `cycleId`'s entries when given) and verifies the whole chain.
 * @throws NotFoundError when there is no such board (nor a trail of it: a board's entries outlive nothing else)
 */
export async function readAuditTrail(d: Pick<CoreDeps, 'audit' | 'boards'>, boardId: string, cycleId?: string): Promise<AuditReport> {
  const [all, head] = await Promise.all([d.audit.list(boardId), d.audit.head(boardId)]);
  if (all.length === 0 && head === undefined && !(await d.boards.getBoard(boardId))) {
    const boards = (await d.boards.listBoards()).map((b) => b.boardId);
    throw new NotFoundError(`There is no board "${boardId}".${boards.length ? ` Boards: ${boards.join(', ')}.` : ''}`);
  }
  return {
    boardId,
    ...(cycleId ? { cycleId } : {}),
    entries: cycleId ? all.filter((e) => e.cycleId === cycleId) : all,
    verdict: verifyChain(all, head),
  };
}

/** The verdict in one sentence. */
export function verdictLine(verdict: ChainVerdict): string {
  return verdict.intact ? `Chain verified: ${verdict.entries} entries, intact.` : `Chain broken: ${verdict.message}`;
}

import { sealEntry, type AuditEntry, type AuditNote } from '../../functions/shared/domain/audit';
import type { AuditTrail } from '../../functions/shared/ports';
import { keys } from '../../functions/shared/table/keys';
import type { MemoryTable } from './fake-repositories';

type Head = { seq: number; hash: string };

/**
 * Appends `note` to the board's trail in `table`, under the adapter's keys (head, entry, idempotency
 * marker), with no `await`: a fake repository calls it in the same step as its change, as the adapter
 * puts the entry in the change's transaction. Undefined when the note's key was appended before.
 */
export function appendToTable(table: MemoryTable, boardId: string, note: AuditNote): AuditEntry | undefined {
  if (note.key !== undefined && table.get(keys.auditKey(boardId, note.key))) return undefined;
  const head = table.get<Head>(keys.auditHead(boardId));
  const entry = sealEntry(boardId, note, head && { seq: head.seq, hash: head.hash });
  table.put(keys.auditHead(boardId), { seq: entry.seq, hash: entry.hash });
  table.put(keys.auditEntry(boardId, entry.seq), entry);
  if (note.key !== undefined) table.put(keys.auditKey(boardId, note.key), { seq: entry.seq });
  return entry;
}

/** DynamoAuditTrail in memory: numbered, chained entries in the shared table, a note's key appended once. */
export class InMemoryAuditTrail implements AuditTrail {
  constructor(readonly table: MemoryTable) {}

  async append(boardId: string, note: AuditNote): Promise<AuditEntry | undefined> {
    return appendToTable(this.table, boardId, note);
  }
  async list(boardId: string, filter: { cycleId?: string } = {}): Promise<AuditEntry[]> {
    const entries = this.table.query<AuditEntry>(keys.auditTrail(boardId).pk);
    return filter.cycleId === undefined ? entries : entries.filter((e) => e.cycleId === filter.cycleId);
  }
  async head(boardId: string): Promise<Head | undefined> {
    const head = this.table.get<Head>(keys.auditHead(boardId));
    return head && { seq: head.seq, hash: head.hash };
  }
  /** What a test reads: the board's events in order, as `type` strings. */
  async types(boardId: string): Promise<string[]> {
    return (await this.list(boardId)).map((e) => e.what.type);
  }
}

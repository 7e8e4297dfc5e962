import type { AuditActor, AuditEntry, AuditEvent, AuditNote } from '../domain/audit';
import type { CoreDeps } from '../ports';

/**
 * Appends what just happened to the board's audit trail, stamped with the clock's time. `key` (an
 * idempotency key) makes a retried step's second append a no-op: give one wherever the step may run again.
 */
export function recordAudit(
  d: Pick<CoreDeps, 'audit' | 'clock'>,
  boardId: string,
  who: AuditActor,
  what: AuditEvent,
  at: { cycleId?: string; key?: string } = {},
): Promise<AuditEntry | undefined> {
  return d.audit.append(boardId, auditNote(d, who, what, at));
}

/** The entry for what is happening now, for a repository to write in the transaction that does it. */
export function auditNote(d: Pick<CoreDeps, 'clock'>, who: AuditActor, what: AuditEvent, at: { cycleId?: string; key?: string } = {}): AuditNote {
  return { at: d.clock.now().toISOString(), who, what, ...at };
}

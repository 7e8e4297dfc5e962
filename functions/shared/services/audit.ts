import type { AuditActor, AuditEntry, AuditEvent } from '../domain/audit';
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
  return d.audit.append(boardId, { at: d.clock.now().toISOString(), who, what, ...at });
}

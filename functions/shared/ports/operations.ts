/** What operators and auditors read: counts (Telemetry) and each board's audit trail. */
import type { AuditEntry, AuditNote } from '../domain/audit';

/**
 * The figures operators watch (CloudWatch metrics in namespace MeetingCycle), by the names the alarms
 * and the dashboard use.
 */
export type MetricName =
  | 'EmailsSent'
  | 'LinkRequests'
  | 'LinkRefusals'
  | 'ConsoleSignIns'
  | 'ConsoleRefusals'
  | 'CyclesStarted'
  | 'CyclesFailed'
  | 'CallbackChases'
  | 'EmailsSuppressed'
  | 'Bounces'
  | 'Complaints';

/**
 * Counts what happened, for operators. A count never carries a token, an address or a body: its
 * dimensions are low-cardinality words (an email's kind), as each distinct set is a metric of its own.
 */
export interface Telemetry {
  count(name: MetricName, dimensions?: Record<string, string>): void;
}

/**
 * A board's append-only audit trail (domain/audit.ts): each entry numbered and chained to the one before
 * by its hash. Appends on one board are serialised (a conditional write on the trail's head), so two at
 * once both land, one after the other.
 */
export interface AuditTrail {
  /** Appends a note as the board's next entry and returns it; a note whose `key` was appended before is not written again. */
  append(boardId: string, note: AuditNote): Promise<AuditEntry | undefined>;
  /** The board's entries in order (only those of `cycleId` when given). */
  list(boardId: string, filter?: { cycleId?: string }): Promise<AuditEntry[]>;
  /** The trail's last number and hash, kept apart from the entries so a deleted last entry is seen. */
  head(boardId: string): Promise<{ seq: number; hash: string } | undefined>;
}

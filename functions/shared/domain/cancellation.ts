/**
 * Calling a meeting off: which cycles may be cancelled (one waiting for its scheduled start, or one
 * running or stopped before its meeting), and who is told: every member of the board, and anyone else
 * the meeting's calendar invitation went to (a member who has left since, say), so that every diary
 * holding the event gets its cancellation.
 */
import type { Cycle, Member } from './types';

/** Kinds of email that carry the meeting's calendar invitation: whoever got one holds the event. */
export const INVITATION_KINDS: ReadonlySet<string> = new Set(['agenda-call', 'circulation', 'meeting-moved']);

/** Someone who is told the meeting is off: a member now, or an address an invitation went to. */
export interface CancellationRecipient {
  name: string;
  email: string;
  /** Set for a member of the board: the outbox key and their mail status use it. */
  member?: Member;
}

/** What the outbox recorded of one email of the cycle (no body): kind, addresses, member. */
export interface SentEmail {
  status: string;
  message?: { kind: string; to: readonly string[]; recipient?: { memberId: string } };
}

/**
 * Every member, then every other address an invitation was sent to, each once (addresses compared
 * without case). An email claimed but never sent invited nobody.
 */
export function cancellationRecipients(members: readonly Member[], sent: readonly SentEmail[]): CancellationRecipient[] {
  const seen = new Set(members.map((m) => m.email.toLowerCase()));
  const byId = new Set(members.map((m) => m.memberId));
  const others: CancellationRecipient[] = [];
  for (const entry of sent) {
    if (entry.status !== 'sent' || !entry.message || !INVITATION_KINDS.has(entry.message.kind)) continue;
    if (entry.message.recipient && byId.has(entry.message.recipient.memberId)) continue;
    for (const email of entry.message.to) {
      const key = email.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      others.push({ name: email, email });
    }
  }
  return [...members.map((m) => ({ name: m.name, email: m.email, member: m })), ...others];
}

/** The idempotency key part naming a recipient: the member id, or the address for someone else. */
export const recipientKey = (r: CancellationRecipient): string => r.member?.memberId ?? `to:${r.email.toLowerCase()}`;

/**
 * Why `cycle` cannot be cancelled now, or undefined as far as its meeting goes: a completed cycle, or one
 * whose meeting has begun, has minutes and actions that are the board's record.
 */
export function runningCancelRefusal(cycle: Pick<Cycle, 'cycleId' | 'status' | 'timeline'>, now: Date, when: (iso: string) => string): string | undefined {
  if (cycle.status === 'completed') return `Cycle ${cycle.cycleId} has completed: its meeting took place, so there is nothing to cancel.`;
  if (cycle.status === 'cancelled') return undefined;
  if (Date.parse(cycle.timeline.meeting) <= now.getTime()) {
    return (
      `The meeting of cycle ${cycle.cycleId} began on ${when(cycle.timeline.meeting)}: a meeting that has taken place cannot be cancelled ` +
      '(its minutes and actions are the record).'
    );
  }
  return undefined;
}

/** Links about the board's actions: they outlive a meeting, so a cancelled cycle leaves them working. */
const ACTION_LINKS: ReadonlySet<string> = new Set(['update-action', 'decide-due-date', 'decide-delegation']);

/**
 * Why a link of `purpose` for `cycle` does nothing now, or undefined when it still works: a link about a
 * meeting that was cancelled (proposing an item, uploading a paper, sending apologies, approving) has
 * nothing left to act on. Links about actions keep working: the actions stay with the board.
 */
export function cancelledLinkRefusal(cycle: Pick<Cycle, 'status' | 'cancellation'>, purpose: string, when: (iso: string) => string): string | undefined {
  if (cycle.status !== 'cancelled' || ACTION_LINKS.has(purpose)) return undefined;
  const on = cycle.cancellation ? ` on ${when(cycle.cancellation.at)}` : '';
  const reason = cycle.cancellation?.reason?.trim().replace(/[.!?]+$/, '');
  return `This meeting was cancelled${on}${reason ? `: ${reason}` : ''}. Nothing more is needed.`;
}

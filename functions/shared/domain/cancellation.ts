/**
 * Calling a meeting off: which cycles may be cancelled (one waiting for its scheduled start, or one
 * running or stopped before its meeting), and who is told: every member of the board, and anyone else
 * an email about the meeting went to (a member who has left since, a member's deputy), so that every
 * diary holding the event gets its cancellation and nobody told of the meeting turns up to it.
 */
import type { Cycle, Member } from './types';

/** Kinds of email that carry the meeting's calendar invitation: whoever got one holds the event. */
export const INVITATION_KINDS: ReadonlySet<string> = new Set(['agenda-call', 'circulation', 'meeting-moved']);

/** Kinds that tell a non-member of the meeting without an invitation: a deputy's papers (date, venue, agenda). */
export const MEETING_KINDS: ReadonlySet<string> = new Set(['deputy-papers']);

/** Someone who is told the meeting is off: a member now, or an address an invitation or the papers went to. */
export interface CancellationRecipient {
  name: string;
  email: string;
  /** Set for a member of the board: the outbox key and their mail status use it. */
  member?: Member;
  /** True when their diary may hold the event (a member, or an invitation went to them): a calendar cancellation clears it. */
  invited: boolean;
}

/** What the outbox recorded of one email of the cycle (no body): kind, addresses, member. */
export interface SentEmail {
  status: string;
  message?: { kind: string; to: readonly string[]; recipient?: { memberId: string } };
}

/**
 * Every member, then every other address an invitation or a deputy's papers were sent to, each once
 * (addresses compared without case; an invitation outranks papers). An email claimed but never sent told
 * nobody. `names` gives the names of non-members known to the cycle (its deputies); others are named by address.
 */
export function cancellationRecipients(
  members: readonly Member[],
  sent: readonly SentEmail[],
  names: readonly { name: string; email: string }[] = [],
): CancellationRecipient[] {
  const byId = new Set(members.map((m) => m.memberId));
  const nameOf = new Map(names.map((n) => [n.email.toLowerCase(), n.name]));
  const others = new Map<string, CancellationRecipient>();
  const memberAddresses = new Set(members.map((m) => m.email.toLowerCase()));
  for (const entry of sent) {
    if (entry.status !== 'sent' || !entry.message) continue;
    const invited = INVITATION_KINDS.has(entry.message.kind);
    if (!invited && !MEETING_KINDS.has(entry.message.kind)) continue;
    if (entry.message.recipient && byId.has(entry.message.recipient.memberId)) continue;
    for (const email of entry.message.to) {
      const key = email.toLowerCase();
      if (memberAddresses.has(key)) continue;
      const known = others.get(key);
      if (known) known.invited ||= invited;
      else others.set(key, { name: nameOf.get(key) ?? email, email, invited });
    }
  }
  return [...members.map((m) => ({ name: m.name, email: m.email, member: m, invited: true })), ...others.values()];
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

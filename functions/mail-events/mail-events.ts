import { addressUndeliverableEmail } from '../emails';
import { formatBoardDateTime } from '../shared/domain/calendar';
import { mailStopped, type MailStatus, type Member } from '../shared/domain/types';
import type { CoreDeps, DeliveryReport, OutboxEntry } from '../shared/ports';
import { messageTo } from '../shared/services/notify';
import { outboxKeys } from '../shared/table/outbox-keys';
import type { MailEvent } from './schema';

/**
 * Transient bounces (a full mailbox, a server down for days) counted on one address before it is
 * suppressed: SES reports one only after retrying for hours, so three mean the address has not worked
 * across three emails, and the member is better told through the secretariat than written to again.
 */
export const TRANSIENT_BOUNCE_LIMIT = 3;

/** What became of one event: logged by the handler, asserted by the tests. */
export type MailEventOutcome =
  | { outcome: 'unknown-message' }
  | { outcome: 'delay-noted'; key: string }
  | { outcome: 'recorded'; key: string }
  | { outcome: 'address-changed'; key: string }
  | { outcome: 'member-marked'; key: string; state: MailStatus['state']; told: string[] };

/** What the core needs besides its ports. */
export interface MailEventsOptions {
  /**
   * Who is told when no secretariat member can be (the bouncing member is the only one, or every one's
   * address has stopped): the console admins (CONSOLE_ADMIN_EMAILS). Empty: only the log says it.
   */
  fallbackTo: readonly string[];
}

/** The member's next status after `event`; the current one when the event changes nothing. */
export function nextMailStatus(current: MailStatus | undefined, event: MailEvent): MailStatus | undefined {
  if (current?.lastEvent === event.eventId) return current;
  const mark = (state: MailStatus['state'], reason: string, extra: Partial<MailStatus> = {}): MailStatus => ({
    state,
    reason,
    at: event.at,
    lastEvent: event.eventId,
    ...extra,
  });
  // A stopped address stays stopped; only a complaint replaces a suppression (the person asked us to stop).
  if (event.kind === 'complaint') return current?.state === 'complained' ? current : mark('complained', event.reason);
  if (current && mailStopped({ mailStatus: current })) return current;
  if (event.kind === 'permanent-bounce') return mark('suppressed', event.reason);
  if (event.kind !== 'transient-bounce') return current;
  const count = (current?.state === 'bouncing' ? (current.transientBounces ?? 1) : 0) + 1;
  return count >= TRANSIENT_BOUNCE_LIMIT
    ? mark('suppressed', `${count} transient bounces since the address was set; the last: ${event.reason}`, { transientBounces: count })
    : mark('bouncing', event.reason, { transientBounces: count });
}

const WHAT: Record<MailStatus['state'], (status: MailStatus) => string> = {
  suppressed: (s) => (s.transientBounces ? `bounced ${s.transientBounces} times` : 'bounced permanently'),
  bouncing: () => 'bounced for now',
  complained: () => 'was marked as spam',
};

/**
 * Handles one SES report about an email: records it on the email's outbox entry (so the cycle's record
 * says who did not receive what), marks the member's address, and tells the secretariat once per
 * address and state, never through the address that failed. Idempotent: a redelivered event finds the
 * member already marked by it (`lastEvent`) and the secretariat's emails already sent.
 */
export function makeHandleMailEvent(d: Pick<CoreDeps, 'outbox' | 'boards' | 'sendOnce' | 'config'>, opts: MailEventsOptions) {
  return async (event: MailEvent): Promise<MailEventOutcome> => {
    const entry = await d.outbox.findSent(event.sesMessageId);
    if (!entry) return { outcome: 'unknown-message' };
    const state: DeliveryReport['state'] = event.kind === 'delay' ? 'delayed' : event.kind === 'complaint' ? 'complaint' : 'bounced';
    await d.outbox.recordDelivery(entry.key, { state, reason: event.reason, at: event.at });
    if (event.kind === 'delay') return { outcome: 'delay-noted', key: entry.key };

    const recipient = entry.message?.recipient;
    if (!recipient) return { outcome: 'recorded', key: entry.key };
    const member = await d.boards.getMember(recipient.boardId, recipient.memberId);
    // Removed since, or already given another address: the failed one is nobody's any more.
    if (!member || !event.recipients.includes(member.email.toLowerCase())) return { outcome: 'address-changed', key: entry.key };

    const next = nextMailStatus(member.mailStatus, event);
    if (!next) return { outcome: 'recorded', key: entry.key };
    const marked = next === member.mailStatus ? member : await d.boards.updateMember({ ...member, mailStatus: next }, member);
    const told = await tellSecretariat(d, opts, marked, next, entry);
    return { outcome: 'member-marked', key: entry.key, state: next.state, told };
  };
}

/** Emails the board's secretariat (but the member concerned and stopped addresses), else the fallback. */
async function tellSecretariat(
  d: Pick<CoreDeps, 'boards' | 'sendOnce' | 'config'>,
  opts: MailEventsOptions,
  member: Member,
  status: MailStatus,
  entry: OutboxEntry,
): Promise<string[]> {
  const [board, members] = await Promise.all([d.boards.getBoard(member.boardId), d.boards.listMembers(member.boardId)]);
  const secretariat = members.filter((m) => m.roles.includes('secretariat') && m.memberId !== member.memberId && !mailStopped(m));
  const email = addressUndeliverableEmail({
    board: board?.name ?? member.boardId,
    secretariatEmail: secretariat[0]?.email ?? opts.fallbackTo[0] ?? '',
    memberName: member.name,
    address: member.email,
    what: WHAT[status.state](status),
    reason: status.reason,
    emailSubject: entry.message?.subject ?? '(not recorded)',
    reportedAt: formatBoardDateTime(status.at, board?.timeZone ?? 'UTC'),
    stopped: mailStopped({ mailStatus: status }),
    consoleUrl: `${d.config.appUrl}/console/boards/${encodeURIComponent(member.boardId)}/members/${encodeURIComponent(member.memberId)}`,
  });
  const to =
    secretariat.length > 0
      ? secretariat.map((s) => ({ person: s, id: s.memberId }))
      : opts.fallbackTo.filter((a) => a.toLowerCase() !== member.email.toLowerCase()).map((a) => ({ person: { name: a, email: a }, id: a.toLowerCase() }));
  for (const { person, id } of to) {
    await d.sendOnce(
      outboxKeys.addressUndeliverable(member.boardId, member.memberId, member.email, status.state, id),
      messageTo(person, 'address-undeliverable', email),
    );
  }
  return to.map((t) => t.person.email);
}

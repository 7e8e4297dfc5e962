/**
 * At-least-once tasks must not double-send (DESIGN.md, "Email"), nor lose an email: every email is sent
 * under an idempotency key claimed in the outbox first, so a retried task finds it and skips; a claim
 * whose attempt died before the send finished goes stale and is sent again, under the same Message-ID.
 */
import { createHash } from 'node:crypto';

import { SYSTEM } from '../domain/audit';
import type { AuditTrail, Clock, EmailMessage, Mailer, Outbox, OutboxState, SendOnce, SendRateLimiter, TaskAttempt, Telemetry } from '../ports';
import { cycleOfOutboxKey } from '../table/outbox-keys';

/**
 * How old a claim with no message id must be before it is sent again. A claim is taken just before
 * its send (after waiting for the send rate), so it is older than one send only when the attempt that
 * took it died: five minutes is far longer than any single send, and short enough that the task's
 * retries (backoff of seconds to minutes) find it stale.
 */
export const STALE_CLAIM_MS = 5 * 60_000;

/** What `makeSendOnce` needs. */
export interface SendOnceDeps {
  outbox: Outbox;
  mailer: Mailer;
  clock: Clock;
  /** The account-wide send rate every send waits for. */
  limiter: SendRateLimiter;
  /** The task run in progress, if a task is running (none for a link page or the CLI). */
  attempt?: () => TaskAttempt | undefined;
  /** Counts each email the provider accepted (EmailsSent, by kind) and each withheld from a stopped address (EmailsSuppressed). */
  telemetry?: Telemetry;
  /** Where an email of a board (`message.boardId`) is recorded once sent. */
  audit?: Pick<AuditTrail, 'append'>;
}

/** The outcome of one call: `sent` is false when an earlier attempt already claimed the key. */
export interface SendOnceResult {
  sent: boolean;
  /** The provider's message id: of this send, or of the earlier one when it is known. */
  messageId?: string;
}

/**
 * The Message-ID for an outbox key (without angle brackets): the same key always gives the same id,
 * so even if an email did go out twice, mail clients would show it once and replies thread.
 */
export function messageIdFor(key: string): string {
  return `${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32)}@meeting-cycle`;
}

/** The claim time before which an unsent claim is stale, as `Outbox.claim` takes it. */
export function staleBefore(now: Date): string {
  return new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
}

/**
 * True when `claim` was left by an earlier run of the task now running: same execution and state,
 * another invocation, claimed no later than this run started. Step Functions starts a retry only once
 * the run before has ended, so that run can no longer be sending: its unsent claim is sent again now,
 * not after {@link STALE_CLAIM_MS}, which the retries' backoff (seconds) would never reach.
 */
export function claimedByEarlierRun(claim: Pick<OutboxState, 'claimScope' | 'claimedBy' | 'claimedAt'>, attempt: TaskAttempt | undefined): boolean {
  return attempt !== undefined && claim.claimScope === attempt.scope && claim.claimedBy !== attempt.by && claim.claimedAt <= attempt.startedAt;
}

/**
 * True when an outbox record means "do not send": the message went, or another run claimed it
 * recently and may still be sending. False for no record, a stale claim, and a claim an earlier run of
 * this task left: those are sent again.
 */
export function outboxHolds(state: OutboxState | undefined, now: Date, attempt?: TaskAttempt): boolean {
  if (state === undefined) return false;
  if (state.status !== 'claimed' || state.messageId !== undefined) return true;
  return state.claimedAt >= staleBefore(now) && !claimedByEarlierRun(state, attempt);
}

const skipped = (state: OutboxState | undefined): SendOnceResult =>
  state?.messageId !== undefined ? { sent: false, messageId: state.messageId } : { sent: false };

/**
 * Builds the send-once function: skip a key that holds; wait for the send rate; claim the key (or take
 * over a stale claim), send with a Message-ID derived from it, mark it sent. The claim is taken only
 * once the rate has a place for the send (a moment before it may start), so its age is the age of one
 * send, whatever the queue.
 *
 * A failed send releases the claim and rethrows the error unchanged, so the state machine's retry
 * (matched by error name) sends once. A failure after the send (marking it sent) is rethrown too, and
 * the claim stays: the task's retry (a later run, {@link claimedByEarlierRun}), or anyone once the claim
 * is {@link STALE_CLAIM_MS} old, sends it again under the same Message-ID (at least once: a member may
 * get a copy that mail clients show once, never none).
 */
export function makeSendOnce({ outbox, mailer, clock, limiter, attempt = () => undefined, telemetry, audit }: SendOnceDeps): SendOnce {
  const meta = (message: Omit<EmailMessage, 'messageId'>) => ({
    kind: message.kind,
    to: message.to.map((t) => t.email),
    subject: message.subject,
    ...(message.recipient ? { recipient: message.recipient } : {}),
  });
  // Keyed by the outbox key, so the retry of a run that died between the send and this entry writes it, once.
  const record = async ({ boardId, kind, to, subject }: Omit<EmailMessage, 'messageId'>, key: string, at: string): Promise<void> => {
    if (!audit || !boardId) return;
    const what = { type: 'email-sent' as const, kind, to: to.map((t) => t.email), messageId: messageIdFor(key), subject };
    const cycleId = cycleOfOutboxKey(key);
    await audit.append(boardId, { at, who: SYSTEM, what, ...(cycleId ? { cycleId } : {}), key: `email#${key}` });
  };
  const send = async (key: string, { boardId, ...message }: Omit<EmailMessage, 'messageId'>): Promise<SendOnceResult> => {
    // Read before waiting for the rate, so a retried fan-out spends none of it on what already went.
    const earlier = await outbox.get(key);
    if (earlier?.status === 'sent') await record({ ...message, boardId }, key, earlier.claimedAt);
    if (outboxHolds(earlier, clock.now(), attempt())) return skipped(earlier);
    if (message.withheld !== undefined) {
      // Recorded as the email it would have been, so the cycle's record says who did not receive what.
      const now = clock.now();
      if (await outbox.claim(key, now.toISOString(), staleBefore(now), attempt(), meta(message))) {
        await outbox.markWithheld(key, message.withheld);
        telemetry?.count('EmailsSuppressed');
      }
      return { sent: false };
    }

    const sending = await limiter.run(async (mayStart): Promise<{ claimedAt: string; providerId: string } | undefined> => {
      const now = clock.now();
      const claimedAt = now.toISOString();
      // What the console lists for the cycle goes in the same conditional write as the claim.
      if (!(await outbox.claim(key, claimedAt, staleBefore(now), attempt(), meta(message)))) return undefined;
      try {
        await mayStart();
        const { recipient: _recipient, withheld: _withheld, ...mail } = message;
        return { claimedAt, providerId: await mailer.send({ ...mail, messageId: messageIdFor(key) }) };
      } catch (error) {
        try {
          await outbox.release(key, claimedAt);
        } catch {
          // The send error is the one the workflow must see: its name decides the retry. A claim that
          // cannot be released goes stale and is sent again by a later retry.
        }
        throw error;
      }
    });
    if (sending === undefined) return skipped(await outbox.get(key));
    telemetry?.count('EmailsSent', { kind: message.kind });
    await outbox.markSent(key, sending.providerId);
    await record({ ...message, boardId }, key, sending.claimedAt);
    return { sent: true, messageId: sending.providerId };
  };
  return Object.assign(send, { holds: async (key: string) => outboxHolds(await outbox.get(key), clock.now(), attempt()) });
}

/**
 * At-least-once tasks must not double-send (DESIGN.md, "Email"), nor lose an email: every email is sent
 * under an idempotency key claimed in the outbox first, so a retried task finds it and skips; a claim
 * whose attempt died before the send finished goes stale and is sent again, under the same Message-ID.
 */
import { createHash } from 'node:crypto';

import type { Clock, EmailMessage, Mailer, Outbox, OutboxState, SendRateLimiter } from '../ports';

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
}

/** The outcome of one call: `sent` is false when an earlier attempt already claimed the key. */
export interface SendOnceResult {
  sent: boolean;
  /** The provider's message id: of this send, or of the earlier one when it is known. */
  messageId?: string;
}

/** Sends `message` once per `key`, however often it is called. */
export type SendOnce = (key: string, message: Omit<EmailMessage, 'messageId'>) => Promise<SendOnceResult>;

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
 * True when an outbox record means "do not send": the message went, or an attempt claimed it recently
 * and may still be sending. False for no record and for a stale claim, which is sent again.
 */
export function outboxHolds(state: OutboxState | undefined, now: Date): boolean {
  if (state === undefined) return false;
  return state.status === 'sent' || state.messageId !== undefined || state.claimedAt >= staleBefore(now);
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
 * the claim stays: a retry within {@link STALE_CLAIM_MS} skips it, a later one sends it again under the
 * same Message-ID (at least once: a member may get a copy that mail clients show once, never none).
 */
export function makeSendOnce({ outbox, mailer, clock, limiter }: SendOnceDeps): SendOnce {
  return async (key, message) => {
    // Read before waiting for the rate, so a retried fan-out spends none of it on what already went.
    const earlier = await outbox.get(key);
    if (outboxHolds(earlier, clock.now())) return skipped(earlier);

    const attempt = await limiter.run(async (mayStart): Promise<{ claimedAt: string; providerId: string } | undefined> => {
      const now = clock.now();
      const claimedAt = now.toISOString();
      if (!(await outbox.claim(key, claimedAt, staleBefore(now)))) return undefined;
      try {
        await mayStart();
        return { claimedAt, providerId: await mailer.send({ ...message, messageId: messageIdFor(key) }) };
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
    if (attempt === undefined) return skipped(await outbox.get(key));
    await outbox.markSent(key, attempt.providerId);
    return { sent: true, messageId: attempt.providerId };
  };
}

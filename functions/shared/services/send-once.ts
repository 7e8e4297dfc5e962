/**
 * At-least-once tasks must not double-send (DESIGN.md, "Email"): every email is sent under an
 * idempotency key that is claimed in the outbox first, so a retried task finds it and skips.
 */
import { createHash } from 'node:crypto';

import type { Clock, EmailMessage, Mailer, Outbox } from '../ports';

/** What `makeSendOnce` needs. */
export interface SendOnceDeps {
  outbox: Outbox;
  mailer: Mailer;
  clock: Clock;
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

/**
 * Builds the send-once function: claim the key, send with a Message-ID derived from it, mark it sent.
 * A failed send releases the claim and rethrows the error unchanged, so the state machine's retry
 * (matched by error name) sends once. A failure after the send (marking it sent) is rethrown too, and
 * the claim stays: a retry then skips, because a second copy is worse than a missing "sent" mark.
 */
export function makeSendOnce({ outbox, mailer, clock }: SendOnceDeps): SendOnce {
  return async (key, message) => {
    const claimed = await outbox.claim(key, clock.now().toISOString());
    if (!claimed) {
      const earlier = await outbox.get(key);
      return earlier?.messageId !== undefined ? { sent: false, messageId: earlier.messageId } : { sent: false };
    }

    let providerId: string;
    try {
      providerId = await mailer.send({ ...message, messageId: messageIdFor(key) });
    } catch (error) {
      try {
        await outbox.release(key);
      } catch {
        // The send error is the one the workflow must see: its name decides the retry. If the claim
        // cannot be released either, retries skip this email, and the outbox record (claimed, never
        // sent) shows why.
      }
      throw error;
    }
    await outbox.markSent(key, providerId);
    return { sent: true, messageId: providerId };
  };
}

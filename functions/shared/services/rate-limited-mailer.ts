import type { EmailMessage, Mailer } from '../ports';
import type { RateLimiter } from '../domain/rate-limit';

/**
 * Every email of a process goes through one limiter, so no fan-out (and no two running at once) can
 * exceed the send rate agreed with the mail provider.
 */
export function rateLimitedMailer(mailer: Mailer, limiter: RateLimiter): Mailer {
  return { send: (message: EmailMessage) => limiter.run(() => mailer.send(message)) };
}

import { parseOrThrow } from '../shared/domain/validate';
import { boards, config, wire } from '../shared/runtime/wire';
import { outbox } from '../shared/runtime/builders/records';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { log, observed, telemetry } from '../shared/runtime/observability';
import { makeHandleMailEvent, type MailEventOutcome } from './mail-events';
import { sesMailEvent, toMailEvent } from './schema';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ outbox, boards, sendOnce, config });

/** Who is told when no secretariat member can be: the console admins. */
const fallbackTo = (process.env.CONSOLE_ADMIN_EMAILS ?? '')
  .split(',')
  .map((a) => a.trim())
  .filter(Boolean);

/**
 * Invoked by the EventBridge rule on the configuration set's bounce, complaint and delivery-delay
 * events (infra/constructs/bounces.ts). Errors are thrown, so Lambda's asynchronous retries run the
 * (idempotent) core again; the event is logged by type and ids, never with addresses' mail.
 */
export const handler = observed<unknown, MailEventOutcome>(async (event) => {
  const parsed = parseOrThrow(sesMailEvent, event, 'SES event');
  const outcome = await makeHandleMailEvent(ports(), { fallbackTo })(toMailEvent(parsed));
  if (parsed['detail-type'] === 'Email Bounced') telemetry().count('Bounces');
  if (parsed['detail-type'] === 'Email Complaint Received') telemetry().count('Complaints');
  log().info('Mail event', { eventId: parsed.id, type: parsed['detail-type'], sesMessageId: parsed.detail.mail.messageId, ...outcome });
  return outcome;
});

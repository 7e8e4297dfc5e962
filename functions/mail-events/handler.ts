import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { parseOrThrow } from '../shared/domain/validate';
import { deps } from '../shared/runtime/deps';
import { makeHandleMailEvent, type MailEventOutcome } from './mail-events';
import { sesMailEvent, toMailEvent } from './schema';

// Powertools reads POWERTOOLS_LOG_LEVEL (INFO unless set).
const logger = new Logger({ serviceName: 'meeting-cycle' });

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
export const handler = middy<unknown, MailEventOutcome>({ timeoutEarlyInMillis: 0 }).handler(async (event) => {
  const parsed = parseOrThrow(sesMailEvent, event, 'SES event');
  const outcome = await makeHandleMailEvent(deps(), { fallbackTo })(toMailEvent(parsed));
  const metric = { 'Email Bounced': 'Bounces', 'Email Complaint Received': 'Complaints', 'Email Delivery Delayed': 'DeliveryDelays' }[parsed['detail-type']];
  logger.info('Mail event', { eventId: parsed.id, type: parsed['detail-type'], metric, sesMessageId: parsed.detail.mail.messageId, ...outcome });
  return outcome;
});

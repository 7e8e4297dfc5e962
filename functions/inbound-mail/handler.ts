import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { SESEvent } from 'aws-lambda';
import { parseOrThrow } from '../shared/domain/validate';
import { deps } from '../shared/runtime/deps';
import { makeHandleInboundMail, type InboundOutcome } from './inbound-mail';
import { sesEvent, toInboundMail } from './schema';

// Powertools reads POWERTOOLS_LOG_LEVEL (INFO unless set).
const logger = new Logger({ serviceName: 'meeting-cycle' });

/**
 * Invoked by the SES receipt rule after its S3 action stored the raw message under `inbound/`. Errors
 * are thrown, so Lambda's asynchronous retries run the (idempotent) core again.
 */
export const handler = middy<SESEvent, InboundOutcome[]>({ timeoutEarlyInMillis: 0 }).handler(async (event) => {
  const { Records } = parseOrThrow(sesEvent, event, 'SES receipt event');
  const handle = makeHandleInboundMail(deps());
  const outcomes: InboundOutcome[] = [];
  for (const record of Records) {
    const outcome = await handle(toInboundMail(record));
    // Every message's fate is logged (never its content): the trail an operator follows when a chair says "I replied".
    logger.info('Inbound mail', { messageId: record.ses.mail.messageId, ...outcome });
    outcomes.push(outcome);
  }
  return outcomes;
});

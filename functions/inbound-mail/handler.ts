import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { SESEvent } from 'aws-lambda';
import { z } from 'zod';
import { parseOrThrow } from '../shared/domain/validate';
import { deps } from '../shared/runtime/deps';
import { INBOUND_PREFIX, makeHandleInboundMail, type InboundOutcome } from './inbound-mail';

// Powertools reads POWERTOOLS_LOG_LEVEL (INFO unless set).
const logger = new Logger({ serviceName: 'meeting-cycle' });

const verdict = z.object({ status: z.string().min(1).max(40) });

/** The part of SES's receipt event the handler reads; anything else in it is ignored. */
const sesEvent = z.object({
  Records: z
    .array(
      z.object({
        ses: z.object({
          mail: z.object({ messageId: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'an SES message id') }),
          receipt: z.object({
            recipients: z.array(z.string().max(320)).max(100),
            spfVerdict: verdict,
            dkimVerdict: verdict,
            dmarcVerdict: verdict,
            spamVerdict: verdict.optional(),
            virusVerdict: verdict.optional(),
          }),
        }),
      }),
    )
    .min(1)
    .max(10),
});

/**
 * Invoked by the SES receipt rule after its S3 action stored the raw message under `inbound/`. Errors
 * are thrown, so Lambda's asynchronous retries run the (idempotent) core again.
 */
export const handler = middy<SESEvent, InboundOutcome[]>({ timeoutEarlyInMillis: 0 }).handler(async (event) => {
  const { Records } = parseOrThrow(sesEvent, event, 'SES receipt event');
  const handle = makeHandleInboundMail(deps());
  const outcomes: InboundOutcome[] = [];
  for (const { ses } of Records) {
    const { receipt } = ses;
    const outcome = await handle({
      messageId: ses.mail.messageId,
      s3Key: `${INBOUND_PREFIX}${ses.mail.messageId}`,
      recipients: receipt.recipients,
      verdicts: {
        spf: receipt.spfVerdict.status,
        dkim: receipt.dkimVerdict.status,
        dmarc: receipt.dmarcVerdict.status,
        ...(receipt.spamVerdict ? { spam: receipt.spamVerdict.status } : {}),
        ...(receipt.virusVerdict ? { virus: receipt.virusVerdict.status } : {}),
      },
    });
    // Every message's fate is logged (never its content): the trail an operator follows when a chair says "I replied".
    logger.info('Inbound mail', { messageId: ses.mail.messageId, ...outcome });
    outcomes.push(outcome);
  }
  return outcomes;
});

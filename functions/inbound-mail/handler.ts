import type { SESEvent } from 'aws-lambda';
import { parseOrThrow } from '../shared/domain/validate';
import { boards, clock, config, cycles, wire } from '../shared/runtime/wire';
import { actions, audit, waits } from '../shared/runtime/builders/records';
import { links } from '../shared/runtime/builders/links';
import { documents } from '../shared/runtime/builders/documents';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { workflow } from '../shared/runtime/builders/workflow';
import { log, observed } from '../shared/runtime/observability';
import { makeHandleInboundMail, type InboundOutcome } from './inbound-mail';
import { sesEvent, toInboundMail } from './schema';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, actions, links, waits, documents, workflow, sendOnce, clock, config, audit });

/**
 * Invoked by the SES receipt rule after its S3 action stored the raw message under `inbound/`. Errors
 * are logged (by message id, never with the mail's content) and thrown, so Lambda's asynchronous
 * retries run the (idempotent) core again.
 */
export function makeInboundMailHandler(d: () => Parameters<typeof makeHandleInboundMail>[0] = ports) {
  return observed<SESEvent, InboundOutcome[]>(async (event) => {
    const { Records } = parseOrThrow(sesEvent, event, 'SES receipt event');
    const handle = makeHandleInboundMail(d());
    const outcomes: InboundOutcome[] = [];
    for (const record of Records) {
      const messageId = record.ses.mail.messageId;
      let outcome: InboundOutcome;
      try {
        outcome = await handle(toInboundMail(record));
      } catch (error) {
        log().error('Inbound mail failed', { messageId, error });
        throw error;
      }
      // Every message's fate is logged (never its content): the trail an operator follows when a chair says "I replied".
      log().info('Inbound mail', { messageId, ...outcome });
      outcomes.push(outcome);
    }
    return outcomes;
  });
}

export const handler = makeInboundMailHandler();

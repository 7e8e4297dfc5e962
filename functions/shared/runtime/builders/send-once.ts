import { once } from '../clients';
import { sendOnceWith } from '../on-demand/send-once';
import { audit, outbox } from './records';

/*
 * Send-once for a task that sends: the service, the limiter and the outbox load with the function; SES with
 * the first email (on-demand/ses.ts). In a module of its own: the `import()` of SES makes a chunk in every build
 * whose module graph holds it, so only the handlers that send import this module.
 */

/** Send-once on the DynamoDB outbox; SES only when an email is really sent (or the send rate first read). */
export const sendOnce = /* @__PURE__ */ once(() => sendOnceWith({ outbox: outbox(), audit: audit() }));

import { DynamoSendRateLimiter } from '../../adapters/dynamodb/dynamo-send-rate-limiter';
import type { SesMailer } from '../../adapters/ses/ses-mailer';
import { makeSendOnce } from '../../services/send-once';
import { currentAttempt } from '../attempt';
import { dynamo, once } from '../clients';
import { clock as systemClock } from '../clock';
import { optionalEnv } from '../env';
import { lazyPort, type MethodNames } from '../lazy-port';
import { audit, outbox, table, telemetry } from '../wire';

/*
 * The send-once builder, in a module of its own: the `import()` of SES below makes a chunk in every build
 * whose module graph holds it, so only the handlers that send import this module.
 */

/** The mailer as send-once uses it: sending, and the account's send rate. */
type SendingMailer = Pick<SesMailer, 'send' | 'maxSendRate'>;

/**
 * The account's send rate: SES's quota for the account and region, capped by `SEND_RATE_PER_SECOND`
 * when set (to leave room for other senders on the same account, never to exceed the quota).
 */
async function sendRate(mailer: SendingMailer): Promise<number> {
  const quota = await mailer.maxSendRate();
  const cap = optionalEnv('SEND_RATE_PER_SECOND', '');
  return cap === '' ? quota : Math.min(quota, Number(cap));
}

const MAILER_METHODS = { send: true, maxSendRate: true } as const satisfies MethodNames<SendingMailer>;

/** Send-once on the DynamoDB outbox; SES only when an email is really sent (or the send rate first read). */
export const sendOnce = /* @__PURE__ */ once(() => {
  const mailer = lazyPort<SendingMailer>(() => import('../on-demand/ses').then((m) => m.makeMailer()), MAILER_METHODS);
  return makeSendOnce({
    outbox: outbox(),
    mailer,
    clock: systemClock,
    limiter: new DynamoSendRateLimiter(dynamo(), table(), { perSecond: () => sendRate(mailer) }),
    attempt: currentAttempt,
    telemetry: telemetry(),
    audit: audit(),
  });
});

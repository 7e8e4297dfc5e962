import { DynamoSendRateLimiter } from '../../adapters/dynamodb/dynamo-send-rate-limiter';
import type { SesMailer } from '../../adapters/ses/ses-mailer';
import type { CoreDeps, SendOnce } from '../../ports';
import { makeSendOnce } from '../../services/send-once';
import { currentAttempt } from '../attempt';
import { dynamo } from '../clients';
import { clock as systemClock } from '../clock';
import { optionalEnv } from '../env';
import { lazyPort, type MethodNames } from '../lazy-port';
import { table, telemetry } from '../wire';

/*
 * The send-once service and the send-rate limiter, one module: imported by builders/send-once.ts in a task
 * that sends, and loaded with `import()` by on-first-use.ts on the first email of a function that sends only
 * sometimes (a link page that mails a confirmation for a few purposes). SES itself loads on the first send.
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

/**
 * Send-once on `ports.outbox`, with the account's send rate kept in the table; SES only when an email is
 * really sent (or the send rate first read). The outbox and audit trail are passed in, so that
 * builders/send-once.ts gives a task's (loaded at start) and on-first-use.ts the link pages' (on first use).
 */
export function sendOnceWith(ports: Pick<CoreDeps, 'outbox' | 'audit'>): SendOnce {
  const mailer = lazyPort<SendingMailer>(() => import('./ses').then((m) => m.makeMailer()), MAILER_METHODS);
  return makeSendOnce({
    outbox: ports.outbox,
    mailer,
    clock: systemClock,
    limiter: new DynamoSendRateLimiter(dynamo(), table(), { perSecond: () => sendRate(mailer) }),
    attempt: currentAttempt,
    telemetry: telemetry(),
    audit: ports.audit,
  });
}

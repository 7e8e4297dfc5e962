import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../../adapters/ses/ses-mailer';
import { once } from '../clients';
import { requireEnv } from '../env';
import { traced } from '../tracing';

/*
 * Loaded by its builder (runtime/builders/) with `import()` on a function's first send (or send-rate read): a run that
 * finds every email already sent, and a function that only writes the outbox, never loads the SES SDK.
 */

/** The SES v2 client. */
export const ses = /* @__PURE__ */ once(() => traced(new SESv2Client({})));

/** The mailer sending as SENDER_EMAIL, through SES_CONFIGURATION_SET when set. */
export const makeMailer = (): SesMailer =>
  new SesMailer(ses(), {
    from: requireEnv('SENDER_EMAIL'),
    ...(process.env.SES_CONFIGURATION_SET ? { configurationSet: process.env.SES_CONFIGURATION_SET } : {}),
  });

import { GetAccountCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { SESv2Client } from '@aws-sdk/client-sesv2';

import { RetryableError } from '../../domain/errors';
import type { EmailMessage, Mailer } from '../../ports';

/** Header that names the kind of email, for the mailbox, bounce handling and support. */
export const KIND_HEADER = 'X-Meeting-Cycle-Kind';

/** How the mailer sends. */
export interface SesMailerOptions {
  /** Verified sender, optionally with a name: `"Finance Committee" <committees@example.org>`. */
  from: string;
  /** Configuration set whose event destination feeds bounces and complaints to the suppression list. */
  configurationSet?: string;
}

/** SES error names that mean "slow down", whatever the API version reports them as. */
const THROTTLING = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'ThrottledException']);

interface ServiceErrorShape {
  name?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** True for errors a later attempt may not hit: throttling, SES-side faults and 5xx responses. */
export function isTransientSesError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as ServiceErrorShape;
  const status = e.$metadata?.httpStatusCode;
  return (
    (typeof e.name === 'string' && THROTTLING.has(e.name)) ||
    e.$fault === 'server' ||
    (e.$retryable !== undefined && e.$retryable !== null && e.$retryable !== false) ||
    (typeof status === 'number' && (status >= 500 || status === 429))
  );
}

/**
 * Builds the raw MIME message: multipart/alternative (text first, so clients prefer the HTML only when
 * they can show it), attachments, our stable Message-ID, the kind header, and `Auto-Submitted:
 * auto-generated` (RFC 3834): every email is sent by the system, so out-of-office replies and other
 * automatic answers are not sent back to it. Raw rather than SES's
 * simple content because simple content cannot carry our own Message-ID or a text/calendar part.
 * nodemailer's composer is loaded by the first message (it costs a cold start tens of milliseconds), so
 * a function that may send, like the link pages, loads it only when it does.
 */
export async function buildRawMessage(from: string, message: EmailMessage): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const calendar = message.attachments?.find((a) => a.contentType.startsWith('text/calendar'));
  const others = (message.attachments ?? []).filter((a) => a !== calendar);
  const composer = new MailComposer({
    from,
    to: message.to.map((r) => ({ name: r.name, address: r.email })),
    replyTo: message.replyTo,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${message.messageId}>`,
    headers: { [KIND_HEADER]: message.kind, 'Auto-Submitted': 'auto-generated' },
    // A calendar invitation goes as nodemailer's icalEvent: an inline text/calendar alternative (what
    // Outlook needs to show Accept and Decline) as well as a downloadable .ics.
    ...(calendar ? { icalEvent: { filename: calendar.fileName, method: calendarMethod(calendar.contentType), content: calendar.content } } : {}),
    attachments: others.map((a) => ({
      filename: a.fileName,
      contentType: a.contentType,
      content: a.content,
    })),
    // Content comes only from the message itself; never let a value be read as a path or URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    xMailer: false,
  });
  return composer.compile().build();
}

/** The METHOD a calendar part announces, from its content type (`text/calendar; method=REQUEST`). */
function calendarMethod(contentType: string): string {
  return /method=([A-Za-z]+)/.exec(contentType)?.[1]?.toUpperCase() ?? 'REQUEST';
}

/** `Mailer` on Amazon SES (API v2), sending raw MIME through a configuration set. */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly opts: SesMailerOptions,
  ) {}

  /**
   * Sends `message` and returns SES's message id. Throttling and SES-side failures become
   * `RetryableError` (with the SDK error as `cause`) so the state machine retries them; anything else
   * (rejected message, unverified sender, paused account) is rethrown unchanged.
   */
  async send(message: EmailMessage): Promise<string> {
    const data = await buildRawMessage(this.opts.from, message);
    try {
      const out = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.opts.from,
          // The envelope: bare addresses, so that a display name never needs encoding here; the
          // To header in the MIME keeps the names.
          Destination: { ToAddresses: message.to.map((r) => r.email) },
          Content: { Raw: { Data: data } },
          ConfigurationSetName: this.opts.configurationSet,
        }),
      );
      // SES always returns an id on success; if it ever did not, failing here would make the
      // send-once claim be released and the email sent again, so fall back to our own Message-ID.
      return out.MessageId ?? message.messageId;
    } catch (error) {
      if (isTransientSesError(error)) {
        const name = (error as { name?: unknown }).name;
        throw new RetryableError(`SES did not accept the email for now (${String(name)}): ${(error as Error).message}`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * The account's maximum send rate in this region (SES `GetAccount`, `SendQuota.MaxSendRate`): emails
   * per second, counted over every sender of the account, not per function.
   *
   * @throws Error when SES reports no send quota (an account that cannot send).
   */
  async maxSendRate(): Promise<number> {
    const account = await this.ses.send(new GetAccountCommand({}));
    const rate = account.SendQuota?.MaxSendRate;
    if (rate === undefined) throw new Error('SES reported no send quota for this account and region: GetAccount returned no SendQuota.MaxSendRate.');
    return rate;
  }
}

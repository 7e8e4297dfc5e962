import path from 'node:path';
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { simpleParser } from 'mailparser';
import type { SESEvent } from 'aws-lambda';
import type { InboundOutcome } from '../../functions/inbound-mail/inbound-mail';
import { inboundKey } from '../../functions/shared/table/object-keys';
import type { CoreDeps } from '../../functions/shared/ports';
import type { CapturedEmail } from './mail-capture';

/** The domain of one-time reply addresses in the local cloud (INBOUND_DOMAIN). */
export const LOCAL_INBOUND_DOMAIN = 'mail.meeting-cycle.localhost';

export type VerdictStatus = 'PASS' | 'FAIL' | 'GRAY';
export interface Verdicts {
  spf: VerdictStatus;
  dkim: VerdictStatus;
  dmarc: VerdictStatus;
}
export const PASSING: Verdicts = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

export interface ReplyInput {
  /** The email being answered, as the mailbox captured it. */
  original: CapturedEmail;
  text: string;
  /** The sender; by default the original's first recipient (the person it was sent to). */
  from?: string;
  /** What SES's checks found; all pass by default. */
  verdicts?: Partial<Verdicts>;
  /** Extra headers, e.g. Auto-Submitted for an out-of-office. */
  headers?: Record<string, string>;
  /** Pad the message to this many bytes with an attachment (a huge reply). */
  padToBytes?: number;
}

/**
 * A reply as a mail client writes it: "Re:" subject, In-Reply-To and References, the person's text
 * above the quoted original ("On …, X wrote:" and "> " lines), in a multipart/alternative message.
 * At the top, the Authentication-Results header SES's receipt adds, carrying the verdicts.
 */
export async function composeReply(input: ReplyInput): Promise<{ raw: Buffer; recipients: string[] }> {
  const { original } = input;
  const to = original.replyTo.length ? original.replyTo : [original.from];
  const from = input.from ?? original.to[0] ?? 'someone@example.org';
  const given = { ...PASSING, ...input.verdicts };
  // As in RFC 8601: "none" where there was nothing to check, which SES reports as GRAY.
  const result = (s: VerdictStatus) => (s === 'GRAY' ? 'none' : s.toLowerCase());
  const v = { spf: result(given.spf), dkim: result(given.dkim), dmarc: result(given.dmarc) };
  const quoted = original.text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  const sentOn = new Date(original.at).toUTCString();
  const text = `${input.text}\n\nOn ${sentOn}, ${original.from} wrote:\n${quoted}\n`;
  const html = `<div dir="ltr">${escape(input.text).replace(/\n/g, '<br>')}</div><br><div class="gmail_quote"><div>On ${escape(sentOn)}, ${escape(original.from)} wrote:</div><blockquote>${escape(original.text).replace(/\n/g, '<br>')}</blockquote></div>`;
  const padding = input.padToBytes ? [{ filename: 'scan.bin', content: Buffer.alloc(input.padToBytes, 0x61) }] : [];
  const composer = new MailComposer({
    from,
    to,
    subject: `Re: ${original.subject}`,
    text,
    html,
    inReplyTo: original.headerMessageId,
    references: [original.headerMessageId],
    messageId: `<${randomBytes(12).toString('hex')}@mail.example.net>`,
    headers: {
      'Authentication-Results': `amazonses.com; spf=${v.spf} smtp.mailfrom=${from}; dkim=${v.dkim} header.i=@${from.split('@')[1] ?? ''}; dmarc=${v.dmarc} header.from=${from.split('@')[1] ?? ''};`,
      ...input.headers,
    },
    attachments: padding,
  });
  const raw = await composer.compile().build();
  return { raw, recipients: to };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The verdicts in an Authentication-Results header, as SES reports them in its receipt event. */
export function verdictsOf(raw: Buffer): Verdicts {
  const headerEnd = raw.indexOf('\r\n\r\n');
  const headers = raw
    .subarray(0, headerEnd < 0 ? raw.length : headerEnd)
    .toString('utf8')
    .replace(/\r\n[ \t]+/g, ' ');
  const results = /^Authentication-Results:(.*)$/im.exec(headers)?.[1] ?? '';
  const status = (method: string): VerdictStatus => {
    const value = new RegExp(`\\b${method}=(\\w+)`, 'i').exec(results)?.[1]?.toUpperCase();
    return value === 'PASS' ? 'PASS' : value === undefined || value === 'NONE' ? 'GRAY' : 'FAIL';
  };
  return { spf: status('spf'), dkim: status('dkim'), dmarc: status('dmarc') };
}

type SesHandler = (event: SESEvent, context: unknown) => Promise<InboundOutcome[]>;

/**
 * What SES receiving does in AWS, on this machine: store the raw message in the bucket under
 * `inbound/<id>` (the receipt rule's S3 action), then invoke the inbound handler (its Lambda action)
 * with a receipt event whose verdicts are those of the message's Authentication-Results header.
 */
export async function deliverInbound(
  d: Pick<CoreDeps, 'documents' | 'clock'>,
  raw: Buffer,
  recipients: string[],
  /** SES's id for the message; pass the same one to replay a delivery as Lambda's retries do. */
  messageId = randomBytes(16).toString('hex'),
): Promise<InboundOutcome> {
  await d.documents.putBytes(inboundKey(messageId), raw, 'message/rfc822');
  const v = verdictsOf(raw);
  const at = d.clock.now().toISOString();
  // As SES does: the From header's mailboxes, read from the message, in `commonHeaders.from`.
  const from = (await simpleParser(raw)).from?.value.map((a) => (a.name ? `${a.name} <${a.address ?? ''}>` : (a.address ?? ''))) ?? [];
  const event = {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            messageId,
            timestamp: at,
            source: '',
            destination: recipients,
            headersTruncated: false,
            headers: [],
            commonHeaders: from.length ? { from } : {},
          },
          receipt: {
            timestamp: at,
            recipients,
            processingTimeMillis: 1,
            spfVerdict: { status: v.spf },
            dkimVerdict: { status: v.dkim },
            dmarcVerdict: { status: v.dmarc },
            spamVerdict: { status: 'PASS' },
            virusVerdict: { status: 'PASS' },
            action: { type: 'Lambda', functionArn: 'arn:aws:lambda:local:000000000000:function:InboundMail', invocationType: 'Event' },
          },
        },
      },
    ],
  } as unknown as SESEvent;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deployed handler, loaded after env is set
  const { handler } = require(path.join(__dirname, '..', '..', 'functions', 'inbound-mail', 'handler')) as { handler: SesHandler };
  const [outcome] = await handler(event, { getRemainingTimeInMillis: () => 30_000 });
  if (!outcome) throw new Error('The inbound handler returned no outcome.');
  return outcome;
}

/** Replies to a captured email as its recipient (or `from`) would, and delivers the reply. */
export async function replyTo(d: Pick<CoreDeps, 'documents' | 'clock'>, input: ReplyInput): Promise<InboundOutcome> {
  const { raw, recipients } = await composeReply(input);
  return deliverInbound(d, raw, recipients);
}

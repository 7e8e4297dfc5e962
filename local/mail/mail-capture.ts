import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { isEmailKind, type EmailKind } from '../../functions/emails';
import type { Clock } from '../../functions/shared/ports';

/** One captured email: the raw MIME as SES would have sent it, and what a mail client shows of it. */
export interface CapturedEmail {
  /** Position in the mailbox, from 1. */
  seq: number;
  messageId: string;
  /** The Message-ID header we set (stable per idempotency key). */
  headerMessageId: string;
  /** The X-Meeting-Cycle-Kind header; empty when it is missing or names no kind of email. */
  kind: EmailKind | '';
  from: string;
  to: string[];
  replyTo: string[];
  subject: string;
  text: string;
  html: string;
  /** Text attachments (a calendar invitation) keep their content, for the mailbox and tests. */
  attachments: { fileName: string; contentType: string; size: number; text?: string }[];
  configurationSet?: string;
  /** Virtual time it was sent. */
  at: string;
  raw: string;
}

export interface MailCapture {
  endpoint: string;
  emails(): CapturedEmail[];
  clear(): void;
  stop(): Promise<void>;
}

const kindOf = (header: unknown): EmailKind | '' => {
  const value = String(header ?? '');
  return isEmailKind(value) ? value : '';
};

const addressList = (value: unknown): string[] => {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((v: { value?: { address?: string }[] }) => (v.value ?? []).map((a) => a.address ?? '')).filter(Boolean);
};

/**
 * The SESv2 SendEmail API (`POST /v2/email/outbound-emails`, raw content), captured in memory for the
 * local mailbox. Unlike a generic SES emulator it keeps the raw MIME and every header, so the mailbox
 * shows exactly what a member's mail client would receive (Message-ID, Reply-To, both parts).
 */
export async function startMailCapture(clock: Clock): Promise<MailCapture> {
  const store: CapturedEmail[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (req.method !== 'POST' || !req.url?.startsWith('/v2/email/outbound-emails')) {
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `Not supported: ${req.method} ${req.url}` }));
          return;
        }
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            Content?: { Raw?: { Data?: string } };
            ConfigurationSetName?: string;
          };
          const data = body.Content?.Raw?.Data;
          if (!data) throw new Error('Only raw content is used by meeting-cycle');
          const raw = Buffer.from(data, 'base64');
          const parsed = await simpleParser(raw);
          const messageId = randomUUID();
          store.push({
            seq: store.length + 1,
            messageId,
            headerMessageId: String(parsed.messageId ?? ''),
            kind: kindOf(parsed.headers.get('x-meeting-cycle-kind')),
            from: addressList(parsed.from)[0] ?? '',
            to: addressList(parsed.to),
            replyTo: addressList(parsed.replyTo),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            attachments: parsed.attachments.map((a) => ({
              fileName: a.filename ?? '',
              contentType: a.contentType,
              size: a.size,
              ...(a.contentType.startsWith('text/') || a.contentType === 'application/ics' ? { text: a.content.toString('utf8') } : {}),
            })),
            ...(body.ConfigurationSetName ? { configurationSet: body.ConfigurationSetName } : {}),
            at: clock.now().toISOString(),
            raw: raw.toString('utf8'),
          });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: messageId }));
        } catch (err) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ __type: 'BadRequestException', message: (err as Error).message }));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    emails: () => [...store],
    clear: () => void store.splice(0),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

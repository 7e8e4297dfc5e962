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
  /** What SES reports of it, when its recipient's address was set to bounce or complain ({@link MailCapture.simulate}). */
  fate?: MailFate;
  /** Virtual time it was sent. */
  at: string;
  raw: string;
}

/** What SES reports after sending to an address: a permanent or transient bounce, or a spam complaint. */
export type MailFate = 'permanent' | 'transient' | 'complaint';

/** One captured email whose recipient's address bounces or complains, and what happens to it. */
export interface MailFateEvent {
  email: CapturedEmail;
  address: string;
  fate: MailFate;
}

export interface MailCapture {
  endpoint: string;
  /**
   * From now on every email to `address` bounces (`permanent`, `transient`) or draws a complaint, as SES
   * would report it: the listener of {@link MailCapture.onFate} gets it. `undefined` makes it deliver again.
   */
  simulate(address: string, fate: MailFate | undefined): void;
  /** The addresses set to bounce or complain, lower-case. */
  fates(): Map<string, MailFate>;
  /** Called for each captured email to an address set to bounce or complain (the local cloud sends the SES event). */
  onFate(listener: (event: MailFateEvent) => void): void;
  emails(): CapturedEmail[];
  /**
   * When each send was accepted, in wall-clock epoch ms (an email's `at` is virtual time), in the order
   * they arrived: where SES counts the send rate.
   */
  arrivals(): number[];
  /** The most emails accepted in any window of `windowMs` (one second by default), by wall clock. */
  maxInWindow(windowMs?: number): number;
  /** Message-IDs accepted more than once, each with how many times. */
  repeatedMessageIds(): Map<string, number>;
  /** Sends refused with TooManyRequestsException (only with `enforceMaxSendRate`). */
  throttled(): number;
  clear(): void;
  stop(): Promise<void>;
}

/** How the capture answers as SES. */
export interface MailCaptureOptions {
  /** The account's MaxSendRate that GetAccount reports; 14 (a new production account) by default. */
  maxSendRate?: number;
  /**
   * Refuses a send, as SES throttles, when accepting it would put more than `maxSendRate` in one
   * second (sliding, by wall clock). Off by default: the mailbox accepts everything.
   */
  enforceMaxSendRate?: boolean;
  /** Told of every email accepted, with the headers of the request that sent it (the local cost meter counts it). */
  onSent?: (email: CapturedEmail, headers: http.IncomingHttpHeaders) => void;
}

/** The account SES reports when asked (GetAccount): production access, sending on, the quota. */
const accountResponse = (maxSendRate: number, sentLast24Hours: number) => ({
  DedicatedIpAutoWarmupEnabled: false,
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: maxSendRate, SentLast24Hours: sentLast24Hours },
});

/** The largest number of `times` in any window `[t, t + windowMs)`; windows starting at a time are the worst. */
export function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while ((sorted[to] as number) - (sorted[from] as number) >= windowMs) from++;
    max = Math.max(max, to - from + 1);
  }
  return max;
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
 * shows exactly what a member's mail client would receive (Message-ID, Reply-To, both parts). It also
 * answers GetAccount (`GET /v2/email/account`) with the send quota, and records when each email arrived
 * by wall clock, so a benchmark measures the send rate where SES would.
 */
export async function startMailCapture(clock: Clock, options: MailCaptureOptions = {}): Promise<MailCapture> {
  const maxSendRate = options.maxSendRate ?? 14;
  const store: CapturedEmail[] = [];
  const arrived: number[] = [];
  const fates = new Map<string, MailFate>();
  let fateListener: ((event: MailFateEvent) => void) | undefined;
  let throttled = 0;
  const server = http.createServer((req, res) => {
    // Counted when the request arrives, before its body is parsed, as SES would see it.
    const receivedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (req.method === 'GET' && req.url?.split('?')[0] === '/v2/email/account') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(accountResponse(maxSendRate, store.length)));
          return;
        }
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
          if (options.enforceMaxSendRate && arrived.filter((t) => t > receivedAt - 1000).length >= Math.floor(maxSendRate)) {
            throttled++;
            res
              .writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' })
              .end(JSON.stringify({ __type: 'TooManyRequestsException', message: 'Maximum sending rate exceeded.' }));
            return;
          }
          // Counted before parsing, which awaits: a send arriving meanwhile must see this one.
          arrived.push(receivedAt);
          const raw = Buffer.from(data, 'base64');
          const parsed = await simpleParser(raw);
          const messageId = randomUUID();
          const to = addressList(parsed.to);
          const failing = to.map((address) => ({ address, fate: fates.get(address.toLowerCase()) })).find((f) => f.fate !== undefined);
          const email: CapturedEmail = {
            seq: store.length + 1,
            messageId,
            headerMessageId: String(parsed.messageId ?? ''),
            kind: kindOf(parsed.headers.get('x-meeting-cycle-kind')),
            from: addressList(parsed.from)[0] ?? '',
            to,
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
            ...(failing?.fate ? { fate: failing.fate } : {}),
            at: clock.now().toISOString(),
            raw: raw.toString('utf8'),
          };
          store.push(email);
          options.onSent?.(email, req.headers);
          // Before answering: the sender marks the email sent only after this, and SES's event follows it.
          if (failing?.fate) fateListener?.({ email, address: failing.address, fate: failing.fate });
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
    simulate: (address, fate) => {
      if (fate) fates.set(address.toLowerCase(), fate);
      else fates.delete(address.toLowerCase());
    },
    fates: () => new Map(fates),
    onFate: (listener) => {
      fateListener = listener;
    },
    emails: () => [...store],
    arrivals: () => [...arrived],
    maxInWindow: (windowMs = 1000) => maxInWindow(arrived, windowMs),
    repeatedMessageIds: () => {
      const counts = new Map<string, number>();
      for (const email of store) counts.set(email.headerMessageId, (counts.get(email.headerMessageId) ?? 0) + 1);
      return new Map([...counts].filter(([, n]) => n > 1));
    },
    throttled: () => throttled,
    clear: () => {
      store.splice(0);
      arrived.splice(0);
      throttled = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Answers by email (DESIGN.md, "Email"): the email's Reply-To is a one-time address
 * `reply+<token>@<inbound domain>`, and the inbound handler reads what the person wrote above the
 * quoted message. Pure: no AWS, no I/O.
 */
import { randomBytes } from 'node:crypto';

/** Random bytes in a reply token: 160 bits. */
export const REPLY_TOKEN_BYTES = 20;

// RFC 4648 base32, lower case: mail systems may fold the case of a local part, so the token has none.
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh reply token: 32 lower-case base32 characters. */
export function newReplyToken(): string {
  const bytes = randomBytes(REPLY_TOKEN_BYTES);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

const REPLY_LOCAL_PART = /^reply\+([a-z2-7]{32})$/;

/** The one-time address for `token` on the inbound domain. */
export function replyAddress(token: string, domain: string): string {
  return `reply+${token}@${domain.toLowerCase()}`;
}

/**
 * The reply token of the first recipient that is one of our reply addresses on `domain`; undefined
 * when none is (mail to any other address is not an answer to anything).
 */
export function replyTokenOf(recipients: readonly string[], domain: string): string | undefined {
  for (const recipient of recipients) {
    const address = recipient.trim().toLowerCase();
    const at = address.lastIndexOf('@');
    if (at < 0 || address.slice(at + 1) !== domain.toLowerCase()) continue;
    const match = REPLY_LOCAL_PART.exec(address.slice(0, at));
    if (match) return match[1];
  }
  return undefined;
}

// Where the quoted message starts, as common mail clients write it.
const QUOTE_HEADERS: RegExp[] = [
  // Gmail, Apple Mail, Thunderbird and their translations: "On Tue, 10 Mar 2026 at 15:30, X <x@y> wrote:"
  /^(on|le|am|el|il|op|em|den)\s.*(wrote|a écrit|schrieb|escribió|ha scritto|schreef|escreveu|skrev)\s*:\s*$/i,
  // Outlook: "-----Original Message-----", and the rule it draws above the quoted header block.
  /^-{2,}\s*(original message|message d'origine|ursprüngliche nachricht|forwarded message)\s*-{2,}$/i,
  /^_{10,}$/,
];

// Outlook's quoted header block ("From: …" then "Sent: …"), as plain text or converted from HTML.
const OUTLOOK_FROM = /^\*?(from|de|von|van)\s*:\*?\s.+$/i;
const OUTLOOK_SENT = /^\*?(sent|date|envoyé|gesendet|verzonden)\s*:/i;

// A signature starts at "-- " (RFC 3676) or at a mobile client's boilerplate.
const SIGNATURE_STARTS: RegExp[] = [/^--\s?$/, /^sent from my\s/i, /^(sent from|get) outlook for\s/i, /^sent from (mail|yahoo mail|samsung)/i];

/**
 * What the person wrote in a reply: the text above the quoted message and the signature, with quoted
 * lines ("> …") left out. Trailing and leading blank lines are removed; inner ones kept.
 */
export function replyBody(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trimEnd();
    const joined = `${line} ${(lines[i + 1] ?? '').trim()}`;
    // "On … X <" / "x@y> wrote:": Gmail wraps its header line when the name is long.
    if (QUOTE_HEADERS.some((re) => re.test(line)) || (/^on\s/i.test(line) && QUOTE_HEADERS[0]!.test(joined))) break;
    if (OUTLOOK_FROM.test(line) && OUTLOOK_SENT.test((lines[i + 1] ?? '').trim())) break;
    if (SIGNATURE_STARTS.some((re) => re.test(line))) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

/** The longest change request a reply may carry, as on the approval page. */
export const REPLY_COMMENT_MAX = 5000;

/** How a reply to the chair's approval email reads: approve, ask for changes, or nothing to read. */
export type MinutesReply = { decision: 'approve' } | { decision: 'request-changes'; comment: string } | { decision: 'empty' };

// "Approved", "approve.", "APPROVED!", "Approved, thanks": the first line and nothing but courtesy.
const APPROVAL_LINE = /^(i\s+)?approved?(\s+(the|these)\s+minutes)?[\s.!,;:-]*((many\s+)?thanks?( you)?|cheers)?[\s.!,]*$/i;

/** The longest first line read as an approval. */
const APPROVAL_LINE_MAX = 200;

/**
 * Reads the chair's reply: "approved" (any case) on the first line approves, whatever follows; any
 * other text asks for changes, and is the comment the secretariat receives.
 */
export function readMinutesReply(text: string): MinutesReply {
  const body = replyBody(text);
  if (!body) return { decision: 'empty' };
  const firstLine = body.split('\n')[0]!.trim().replace(/\s+/g, ' ');
  // Courtesy is short: a longer line is no approval, and the pattern's runs of punctuation are quadratic on one.
  if (firstLine.length <= APPROVAL_LINE_MAX && APPROVAL_LINE.test(firstLine)) return { decision: 'approve' };
  return { decision: 'request-changes', comment: body };
}

/** How an owner's reply to an action email reads: a status (or none) and a note. */
export type ActionReply = { status?: 'done' | 'in-progress'; note: string } | { empty: true };

const DONE_LINE = /^(done|completed?|finished|closed)\b[\s.:;!,–—-]*(.*)$/i;
const IN_PROGRESS_LINE = /^(in[\s-]?progress|ongoing|under\s?way|started|working on it)\b[\s.:;!,–—-]*(.*)$/i;

/**
 * Reads an owner's reply: "done" (or "completed", …) first closes the action, "in progress: …" marks
 * it in progress, and what follows on that line and below is the note. Any other text is a note with
 * the status left as it is.
 */
export function readActionReply(text: string): ActionReply {
  const body = replyBody(text);
  if (!body) return { empty: true };
  const [first = '', ...rest] = body.split('\n');
  for (const [pattern, status] of [
    [DONE_LINE, 'done'],
    [IN_PROGRESS_LINE, 'in-progress'],
  ] as const) {
    const match = pattern.exec(first.trim());
    if (match) return { status, note: [match[2] ?? '', ...rest].join('\n').trim() };
  }
  return { note: body };
}

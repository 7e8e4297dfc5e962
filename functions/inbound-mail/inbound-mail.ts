import { simpleParser, type HeaderValue, type ParsedMail } from 'mailparser';
import { replyOutcomeEmail } from '../emails';
import { loadCycleContext, type CycleContext } from '../shared/domain/cycle-context';
import { LinkUsedError, NotFoundError, NotWaitingError, StaleVersionError } from '../shared/domain/errors';
import { hashToken } from '../shared/domain/links';
import { AlreadyAnsweredError, decideMinutes } from '../shared/domain/minutes-decision';
import { messageTo } from '../shared/domain/notify';
import { readMinutesReply, REPLY_COMMENT_MAX, replyTokenOf } from '../shared/domain/reply';
import type { LinkRecord, Member } from '../shared/domain/types';
import type { CoreDeps } from '../shared/ports';

/** Where the SES receipt rule stores each raw message: `<prefix><SES message id>`. */
export const INBOUND_PREFIX = 'inbound/';

/** Largest reply read, in bytes: a reply is a few lines; this leaves room for signatures and logos. */
export const MAX_REPLY_BYTES = 10 * 1024 * 1024;

/** A verdict of SES's receipt checks: PASS, FAIL, GRAY or PROCESSING_FAILED. */
export type Verdict = string;

/** One received message, as the SES receipt event describes it. */
export interface InboundMail {
  /** SES's id of the message: the stored object's name and the idempotency key. */
  messageId: string;
  /** Key of the raw MIME in the documents bucket. */
  s3Key: string;
  /** The envelope recipients on our domain. */
  recipients: string[];
  verdicts: { spf: Verdict; dkim: Verdict; dmarc: Verdict; spam?: Verdict; virus?: Verdict };
}

export type InboundOutcome = { status: 'accepted' | 'refused' | 'ignored'; reason: string };

const sizeLabel = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * True for messages no person wrote: out-of-office and other automatic replies, bounces. They are
 * never read as an answer, and never answered (two robots would answer each other for ever).
 */
export function isAutomatic(mail: Pick<ParsedMail, 'headers' | 'subject' | 'from'>): boolean {
  const header = (name: string): string => {
    const value: HeaderValue | undefined = mail.headers.get(name);
    return typeof value === 'string' ? value.toLowerCase() : value === undefined ? '' : JSON.stringify(value).toLowerCase();
  };
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  if (/^(bulk|junk|list|auto_reply)$/.test(header('precedence'))) return true;
  if (/^(automatic reply|auto(matic)?[- ]?reply|out of (the )?office|autoreply|abwesenheitsnotiz|réponse automatique)\b/i.test(mail.subject ?? '')) return true;
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  return /^(mailer-daemon|postmaster)@/.test(from);
}

interface Refusal {
  reason: string;
  whatNext: string;
}

/**
 * Reads a reply to one of our one-time Reply-To addresses and acts on it, or refuses it with an
 * answer saying why (and changes nothing). Accepted only when SPF, DKIM and DMARC all pass, the
 * sender is the person the address was issued to, and the address is unused and unexpired.
 * Idempotent per SES message id: a redelivered message changes nothing more and sends nothing twice.
 */
export const makeHandleInboundMail =
  (d: CoreDeps) =>
  async (mail: InboundMail): Promise<InboundOutcome> => {
    const domain = d.config.inboundDomain;
    if (!domain) return { status: 'ignored', reason: 'This deployment has no inbound mail domain.' };
    const token = replyTokenOf(mail.recipients, domain);
    if (!token) return { status: 'ignored', reason: `Not addressed to a reply address on ${domain}.` };
    const link = await d.links.getLink(hashToken(token));
    // Unknown addresses get no answer: that would turn us into a source of backscatter for spam.
    if (!link || link.purpose !== 'reply-minutes') return { status: 'ignored', reason: 'Unknown reply address.' };

    const head = await d.documents.head(mail.s3Key);
    if (!head) throw new NotFoundError(`The received message ${mail.s3Key} is not in the bucket (yet).`);
    const tooLarge = head.size > MAX_REPLY_BYTES;
    // A message over the limit is read only as far as its headers, to know whom to answer.
    const raw = tooLarge ? await d.documents.readPrefix(mail.s3Key, 64 * 1024) : Buffer.from(await d.documents.getBytes(mail.s3Key));
    const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
    const from = parsed.from?.value[0]?.address?.trim();
    if (!from) return { status: 'ignored', reason: 'The message has no sender address.' };
    if (isAutomatic(parsed)) return { status: 'ignored', reason: `Automatic message from ${from}: not an answer.` };

    const ctx = await loadCycleContext(d, link.boardId, link.cycleId);
    const about = `the minutes of ${ctx.day(ctx.cycle.timeline.meeting)}`;
    const messageId = (parsed.messageId ?? mail.messageId).replace(/^<|>$/g, '');
    const answer = async (to: Pick<Member, 'name' | 'email'>, accepted: boolean, reason: string, extra: { whatNext?: string; quoted?: string } = {}) => {
      const email = replyOutcomeEmail({ board: ctx.board.name, secretariatEmail: ctx.secretariatEmail, accepted, about, outcome: reason, ...extra });
      await d.sendOnce(`inbound#${mail.messageId}`, messageTo(to, 'reply-outcome', email));
    };
    const refuse = async ({ reason, whatNext }: Refusal): Promise<InboundOutcome> => {
      await answer({ name: parsed.from?.value[0]?.name ?? '', email: from }, false, reason, { whatNext });
      return { status: 'refused', reason };
    };

    const holder = ctx.members.find((m) => m.memberId === link.memberId);
    const refusal = checkReply(d, ctx, link, holder, from, mail, tooLarge ? head.size : undefined);
    if (refusal) return refuse(refusal);
    const chair = holder as Member;

    const reply = readMinutesReply(parsed.text ?? '');
    const useLink = 'You can also use the button in the email, or ask the secretariat.';
    if (reply.decision === 'empty') {
      return refuse({
        reason: 'we found no text above the quoted message.',
        whatNext: `Reply again with “Approved” on the first line, or with the changes you want. ${useLink}`,
      });
    }
    if (reply.decision === 'request-changes' && reply.comment.length > REPLY_COMMENT_MAX) {
      return refuse({
        reason: `your reply is ${reply.comment.length.toLocaleString('en-GB')} characters long, and a change request is limited to ${REPLY_COMMENT_MAX.toLocaleString('en-GB')} characters.`,
        whatNext: `Please send the changes to the secretariat at ${ctx.secretariatEmail}, or shorten them and use the button in the email.`,
      });
    }
    let outcome: string;
    try {
      outcome = await decideMinutes(d, ctx, { version: Number(link.subject), chair, answer: reply, via: 'reply', messageId });
    } catch (err) {
      if (err instanceof AlreadyAnsweredError) outcome = `Your reply ${messageId} was recorded.`;
      else if (err instanceof NotWaitingError || err instanceof StaleVersionError || err instanceof NotFoundError) {
        return refuse({ reason: err.message, whatNext: `If something is wrong, please write to the secretariat at ${ctx.secretariatEmail}.` });
      } else throw err;
    }
    await answer(chair, true, outcome, {
      ...(reply.decision === 'request-changes'
        ? { quoted: reply.comment, whatNext: 'The secretariat has your comments and will send you a revised version.' }
        : {}),
      ...(reply.decision === 'approve' ? { whatNext: 'The minutes will now be published to members.' } : {}),
    });
    try {
      await d.links.markUsed(link.tokenHash, d.clock.now().toISOString(), `${outcome} (reply ${messageId})`);
    } catch (err) {
      if (!(err instanceof LinkUsedError)) throw err;
    }
    return { status: 'accepted', reason: outcome };
  };

const PASS = 'PASS';

/** Why a reply cannot count, or undefined when it may: authentication, sender, address, size. */
function checkReply(
  d: Pick<CoreDeps, 'clock'>,
  ctx: CycleContext,
  link: LinkRecord,
  holder: Member | undefined,
  from: string,
  mail: InboundMail,
  oversize: number | undefined,
): Refusal | undefined {
  const contact = `the secretariat at ${ctx.secretariatEmail}`;
  const { spf, dkim, dmarc, virus } = mail.verdicts;
  if (virus && virus !== PASS)
    return { reason: 'our mail scanner found a virus in it.', whatNext: `Please use the button in the email, or write to ${contact}.` };
  if (spf !== PASS || dkim !== PASS || dmarc !== PASS) {
    return {
      reason: `we could not confirm that it came from ${from} (SPF ${spf}, DKIM ${dkim}, DMARC ${dmarc}; all three must pass).`,
      whatNext: `Please use the button in the email instead, or write to ${contact}.`,
    };
  }
  if (!holder || holder.email.toLowerCase() !== from.toLowerCase()) {
    return {
      reason: 'only the person the email was sent to can answer it by replying, from the address it was sent to.',
      whatNext: `If you are answering on their behalf, please write to ${contact}.`,
    };
  }
  if (Date.parse(link.expiresAt) <= d.clock.now().getTime()) {
    return { reason: `this reply address expired on ${ctx.when(link.expiresAt)}.`, whatNext: `Please ask ${contact} for the current version.` };
  }
  if (link.usedAt) {
    return { reason: `this email has already been answered (${link.outcome ?? 'on ' + ctx.when(link.usedAt)}).`, whatNext: `Questions: ${contact}.` };
  }
  if (oversize !== undefined) {
    return {
      reason: `it is ${sizeLabel(oversize)}, and replies are limited to ${sizeLabel(MAX_REPLY_BYTES)}.`,
      whatNext: 'Please reply again without attachments: a few lines are all that is needed.',
    };
  }
  return undefined;
}

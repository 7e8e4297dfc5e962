import type { HeaderValue, ParsedMail } from 'mailparser';
import { parseMail } from '../shared/documents/on-demand-mail';
import { replyOutcomeEmail } from '../emails';
import { loadCycleContext, type CycleContext } from '../shared/services/cycle-context';
import { AlreadyAnsweredError, LinkUsedError, NotFoundError, NotWaitingError, RetryableError, StaleVersionError } from '../shared/domain/errors';
import { hashToken } from '../shared/domain/links';
import { decideMinutes } from '../shared/services/minutes-decision';
import { messageTo } from '../shared/services/notify';
import { changeAction } from '../shared/services/action-changes';
import { isClosed, MAX_NOTE_CHARS, newChangeId, planUpdate } from '../shared/domain/action-changes';
import { CLAIM_STALE_MS, linkExpiry, linkHolder } from '../shared/domain/link-policy';
import { makeIssueReplyAddress } from '../shared/services/issue-link';
import { readActionReply, readMinutesReply, REPLY_COMMENT_MAX, replyTokenOf } from '../shared/domain/reply';
import type { LinkRecord, Member, ReplyPurpose } from '../shared/domain/types';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';

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
  /** The From header's mailboxes as SES read them (`commonHeaders.from`); absent when SES gave none. */
  headerFrom?: string[];
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

/** A reply that cannot count; the handler answers the sender with why. */
class ReplyRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

/** What a reply did: the sentence for the answer and the record, and what to tell the sender. */
interface Answered {
  outcome: string;
  quoted?: string;
  whatNext?: string;
  /** A fresh one-time address to put on the answer, so a further reply works too. */
  replyTo?: string;
}

/** What reading a reply uses: acting on it may resume the chair's wait or change an action. */
type InboundDeps = Pick<CoreDeps, 'boards' | 'cycles' | 'actions' | 'links' | 'waits' | 'documents' | 'workflow' | 'sendOnce' | 'clock' | 'config' | 'audit'>;

interface ReplyContext {
  d: InboundDeps;
  ctx: CycleContext;
  link: LinkRecord;
  holder: Member;
  text: string;
  messageId: string;
}

/** What each kind of reply address answers: how to name it, and what a reply to it does. */
interface ReplyHandler {
  about(ctx: CycleContext, link: LinkRecord, d: InboundDeps): Promise<string>;
  act(r: ReplyContext): Promise<Answered>;
}

const REPLY_HANDLERS: Record<ReplyPurpose, ReplyHandler> = {
  'reply-minutes': {
    about: async (ctx) => `the minutes of ${ctx.day(ctx.cycle.timeline.meeting)}`,
    async act({ d, ctx, link, holder, text, messageId }) {
      const reply = readMinutesReply(text);
      if (reply.decision === 'empty') {
        throw new ReplyRefused({
          reason: 'we found no text above the quoted message.',
          whatNext: `Reply again with “Approved” on the first line, or with the changes you want. ${USE_LINK}`,
        });
      }
      if (reply.decision === 'request-changes' && reply.comment.length > REPLY_COMMENT_MAX) {
        throw new ReplyRefused({
          reason: `your reply is ${chars(reply.comment.length)} long, and a change request is limited to ${chars(REPLY_COMMENT_MAX)}.`,
          whatNext: `Please send the changes to the secretariat at ${ctx.secretariatEmail}, or shorten them and use the button in the email.`,
        });
      }
      let outcome: string;
      try {
        outcome = await decideMinutes(d, ctx, { version: Number(link.subject), chair: holder, answer: reply, via: 'reply', by: link.tokenHash, messageId });
      } catch (err) {
        if (err instanceof AlreadyAnsweredError) outcome = `Your reply ${messageId} was recorded.`;
        else throw err;
      }
      return reply.decision === 'request-changes'
        ? { outcome, quoted: reply.comment, whatNext: 'The secretariat has your comments and will send you a revised version.' }
        : { outcome, whatNext: 'The minutes will now be published to members.' };
    },
  },
  'reply-action': {
    async about(_ctx, link, d) {
      const action = await d.actions.getAction(link.boardId, link.subject ?? '');
      return action ? `action ${action.number}` : 'an action';
    },
    async act({ d, ctx, link, holder, text, messageId }) {
      const action = await d.actions.getAction(link.boardId, link.subject ?? '');
      if (!action) throw new NotFoundError('This action no longer exists.');
      const reply = readActionReply(text);
      const contact = `the secretariat at ${ctx.secretariatEmail}`;
      if ('empty' in reply) {
        throw new ReplyRefused({
          reason: 'we found no text above the quoted message.',
          whatNext: `Reply again with “Done”, or “In progress:” and a line on progress, on the first line. ${USE_LINK}`,
        });
      }
      if (reply.note.length > MAX_NOTE_CHARS) {
        throw new ReplyRefused({
          reason: `your note is ${chars(reply.note.length)} long, and notes are limited to ${chars(MAX_NOTE_CHARS)}.`,
          whatNext: USE_LINK,
        });
      }
      // A redelivered message was recorded the first time: answer as then, change nothing.
      const recorded = (await d.actions.listEvents(action.actionId)).some((e) => e.messageId === messageId);
      let updated = action;
      if (!recorded) {
        const names = new Map(ctx.members.map((m) => [m.memberId, m.name]));
        const result = await changeAction(d, link.boardId, action.actionId, (current, at) => {
          const planned = planUpdate(
            current,
            { status: reply.status ?? current.status, note: reply.note },
            { by: holder.memberId, at, name: (id) => names.get(id) ?? 'a former member', changeId: newChangeId() },
          );
          return 'refused' in planned ? planned : { ...planned, events: planned.events.map((e) => ({ ...e, via: 'reply' as const, messageId })) };
        });
        if (result.refused) throw new ReplyRefused({ reason: lowerFirst(result.refused.message), whatNext: `Questions: ${contact}.` });
        updated = result.action;
      }
      const outcome = `Action ${updated.number} is now ${updated.status}${reply.note ? ', with your note' : ''}.`;
      // The address just used is spent; a fresh one on the answer lets the owner reply again later.
      const replyTo = isClosed(updated)
        ? undefined
        : await makeIssueReplyAddress(d)({
            purpose: 'reply-action',
            boardId: link.boardId,
            cycleId: link.cycleId,
            memberId: holder.memberId,
            subject: action.actionId,
            expiresAt: linkExpiry('reply-action', { now: d.clock.now() }),
          });
      return {
        outcome,
        ...(reply.note ? { quoted: reply.note } : {}),
        ...(replyTo
          ? { replyTo, whatNext: 'To send a later update, reply to this email in the same way.' }
          : { whatNext: 'Thank you: nothing more is needed.' }),
      };
    },
  },
};

const USE_LINK = 'You can also use the button in the email, or ask the secretariat.';
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const chars = (n: number) => `${n.toLocaleString('en-GB')} characters`;

/**
 * Reads a reply to one of our one-time Reply-To addresses and acts on it, or refuses it with an
 * answer saying why (and changes nothing). Accepted only when SPF, DKIM and DMARC all pass, the
 * sender is the person the address was issued to, and the address is unused and unexpired. Mail that
 * fails authentication, is spam, or has no single clear sender is ignored unanswered (no backscatter).
 * Idempotent per SES message id: a redelivered message changes nothing more and sends nothing twice.
 */
export const makeHandleInboundMail =
  (d: InboundDeps) =>
  async (mail: InboundMail): Promise<InboundOutcome> => {
    const domain = d.config.inboundDomain;
    if (!domain) return { status: 'ignored', reason: 'This deployment has no inbound mail domain.' };
    const token = replyTokenOf(mail.recipients, domain);
    if (!token) return { status: 'ignored', reason: `Not addressed to a reply address on ${domain}.` };
    // Mail that fails authentication, or that SES calls spam, most likely forged its sender: answering it would send
    // our mail to whoever was forged (backscatter). It is dropped unanswered; the chair can still use the button.
    const unauthenticated = unauthenticatedBecause(mail.verdicts);
    if (unauthenticated) return { status: 'ignored', reason: unauthenticated };
    const link = await d.links.getLink(hashToken(token));
    const handler = link && Object.hasOwn(REPLY_HANDLERS, link.purpose) ? REPLY_HANDLERS[link.purpose as ReplyPurpose] : undefined;
    // Unknown addresses get no answer: that would turn us into a source of backscatter for spam.
    if (!link || !handler) return { status: 'ignored', reason: 'Unknown reply address.' };

    const head = await d.documents.head(mail.s3Key);
    if (!head) throw new NotFoundError(`The received message ${mail.s3Key} is not in the bucket (yet).`);
    const tooLarge = head.size > MAX_REPLY_BYTES;
    // A message over the limit is read only as far as its headers, to know whom to answer.
    const raw = tooLarge ? await d.documents.readPrefix(mail.s3Key, 64 * 1024) : Buffer.from(await d.documents.getBytes(mail.s3Key));
    const parsed = await parseMail(raw);
    const from = parsed.from?.value[0]?.address?.trim();
    if (!from) return { status: 'ignored', reason: 'The message has no sender address.' };
    const ambiguous = ambiguousSender(parsed, from, mail.headerFrom);
    if (ambiguous) return { status: 'ignored', reason: ambiguous };
    if (isAutomatic(parsed)) return { status: 'ignored', reason: `Automatic message from ${from}: not an answer.` };

    const ctx = await loadCycleContext(d, link.boardId, link.cycleId);
    const about = await handler.about(ctx, link, d);
    const messageId = (parsed.messageId ?? mail.messageId).replace(/^<|>$/g, '');
    const answer = async (to: Pick<Member, 'name' | 'email'>, accepted: boolean, reason: string, extra: Omit<Answered, 'outcome'> = {}) => {
      const { replyTo, ...rest } = extra;
      const email = replyOutcomeEmail({ board: ctx.board.name, secretariatEmail: ctx.secretariatEmail, accepted, about, outcome: reason, ...rest });
      await d.sendOnce(outboxKeys.inboundReply(mail.messageId), messageTo(to, 'reply-outcome', email, replyTo ? { replyTo } : {}));
    };
    const refuse = async ({ reason, whatNext }: Refusal): Promise<InboundOutcome> => {
      await answer({ name: parsed.from?.value[0]?.name ?? '', email: from }, false, reason, { whatNext });
      return { status: 'refused', reason };
    };

    // The sender is checked against the addressee by id first, so that only they learn why their address no longer works.
    const addressee = ctx.members.find((m) => m.memberId === link.memberId);
    const { holder, refused } = linkHolder(link, ctx.members);
    const refusal = checkReply(d, ctx, link, addressee, from, mail, tooLarge ? head.size : undefined);
    if (refusal || !holder) {
      const why = refused?.reason === 'role' ? `only the board's ${refused.role} can answer this, and you no longer are.` : 'this reply address was withdrawn.';
      return refuse(refusal ?? { reason: why, whatNext: `Questions: ${ctx.secretariatEmail}.` });
    }

    // Claimed before acting, so that of two replies to one address arriving together, one acts.
    const claimedAt = d.clock.now().toISOString();
    if (!(await d.links.claim(link.tokenHash, claimedAt, new Date(Date.parse(claimedAt) - CLAIM_STALE_MS).toISOString()))) {
      const now = await d.links.getLink(link.tokenHash);
      const used = now && checkReply(d, ctx, now, holder, from, mail, undefined);
      if (used) return refuse(used);
      // Another reply is being acted on: Lambda's retry of this one finds it answered, or the claim given up.
      throw new RetryableError(`Another reply to this address is being acted on; ${mail.messageId} will be read again.`);
    }
    let answered: Answered;
    try {
      answered = await handler.act({ d, ctx, link, holder, text: parsed.text ?? '', messageId });
    } catch (err) {
      await d.links.release(link.tokenHash, claimedAt).catch(() => undefined);
      if (err instanceof ReplyRefused) return refuse(err.refusal);
      if (err instanceof NotWaitingError || err instanceof StaleVersionError || err instanceof NotFoundError) {
        return refuse({ reason: err.message, whatNext: `If something is wrong, please write to the secretariat at ${ctx.secretariatEmail}.` });
      }
      throw err;
    }
    const { outcome, ...extra } = answered;
    await answer(holder, true, outcome, extra);
    try {
      await d.links.markUsed(link.tokenHash, d.clock.now().toISOString(), `${outcome} (reply ${messageId})`);
    } catch (err) {
      if (!(err instanceof LinkUsedError)) throw err;
    }
    return { status: 'accepted', reason: outcome };
  };

const PASS = 'PASS';

/** Why SES's verdicts show the message may not come from its sender, or undefined when SPF, DKIM and DMARC pass and it is no spam. */
function unauthenticatedBecause({ spf, dkim, dmarc, spam }: InboundMail['verdicts']): string | undefined {
  if (spf !== PASS || dkim !== PASS || dmarc !== PASS) {
    return `Not authenticated (SPF ${spf}, DKIM ${dkim}, DMARC ${dmarc}; all three must pass): not answered, as its sender may be forged.`;
  }
  if (spam === 'FAIL') return 'SES found it to be spam: not answered.';
  return undefined;
}

/** The address in one mailbox as SES writes it: "Name <a@b>" or "a@b". */
const addressIn = (mailbox: string) => (/<([^<>]*)>\s*$/.exec(mailbox)?.[1] ?? mailbox).trim().toLowerCase();

/**
 * Why the sender is not one clear address, or undefined when it is: exactly one From header, holding one mailbox
 * (no group), the same one SES read. DMARC vouches for one From domain; a second header or mailbox is where a forger
 * puts the address a reader of the message would trust.
 */
function ambiguousSender(parsed: Pick<ParsedMail, 'headerLines' | 'from'>, from: string, headerFrom: string[] | undefined): string | undefined {
  const fromHeaders = parsed.headerLines.filter((h) => h.key === 'from').length;
  if (fromHeaders !== 1) return `The message has ${fromHeaders} From headers; exactly one is read as an answer.`;
  const mailboxes = parsed.from?.value ?? [];
  if (mailboxes.length !== 1 || mailboxes[0]!.group) return 'The From header names more than one mailbox; exactly one is read as an answer.';
  if (headerFrom && (headerFrom.length !== 1 || addressIn(headerFrom[0]!) !== from.toLowerCase())) {
    return "The From header does not match SES's reading of it; not read as an answer.";
  }
  return undefined;
}

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
  // Authentication was checked before anything was read (unauthenticatedBecause): the sender is who it says.
  const { virus } = mail.verdicts;
  if (virus && virus !== PASS)
    return { reason: 'our mail scanner found a virus in it.', whatNext: `Please use the button in the email, or write to ${contact}.` };
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

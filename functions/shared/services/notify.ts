import type { CoreDeps, EmailMessage } from '../ports';
import { makeIssueLink, makeIssueReplyAddress, type LinkRequest, type ReplyRequest } from './issue-link';
import { mailStopped, type Member } from '../domain/types';

/** A rendered template: both parts are required. */
type Rendered = { subject: string; html: string; text: string };

/**
 * Wraps a rendered template as a message to one member. Every email to a member passes here, so here a
 * member whose address was suppressed or complained is marked `withheld`: send-once records it, sends nothing.
 */
export function messageTo(
  member: Pick<Member, 'name' | 'email'> & Partial<Pick<Member, 'boardId' | 'memberId' | 'mailStatus'>>,
  kind: EmailMessage['kind'],
  rendered: Rendered,
  extra: Pick<EmailMessage, 'replyTo' | 'attachments'> = {},
): Omit<EmailMessage, 'messageId'> {
  const recipient = member.boardId !== undefined && member.memberId !== undefined ? { recipient: { boardId: member.boardId, memberId: member.memberId } } : {};
  const withheld = member.mailStatus && mailStopped(member) ? { withheld: `address ${member.mailStatus.state}: ${member.mailStatus.reason}` } : {};
  // A member's board goes with the message: sendOnce records the email in that board's audit trail.
  const board = member.boardId ? { boardId: member.boardId } : {};
  return { to: [{ name: member.name, email: member.email }], kind, ...rendered, ...extra, ...recipient, ...withheld, ...board };
}

/**
 * True when an email with this idempotency key was sent or is being sent by another run: a retried
 * task skips it before issuing a fresh link that would never be mailed. A claim left by a run that
 * died before the send is false: that member gets the email after all.
 */
export async function alreadySent(d: Pick<CoreDeps, 'sendOnce'>, key: string): Promise<boolean> {
  return d.sendOnce.holds(key);
}

/**
 * Sends `to` an email carrying a fresh link, at most once per `key`: skips before issuing a link when
 * the email already went (a retried task), so no link is made that nobody receives.
 */
export function makeSendWithLink(d: Pick<CoreDeps, 'outbox' | 'sendOnce' | 'links' | 'boards' | 'clock' | 'config'>) {
  const issueLink = makeIssueLink(d);
  const issueReplyAddress = makeIssueReplyAddress(d);
  return async (email: {
    key: string;
    to: Member;
    kind: EmailMessage['kind'];
    link: Omit<LinkRequest, 'memberId'>;
    /** A one-time Reply-To address as well, so that replying answers (when the deployment receives mail). */
    reply?: Omit<ReplyRequest, 'memberId'>;
    /** `replyTo` is set when the email carries a one-time reply address. */
    render: (url: string, replyTo?: string) => Rendered;
    /** Or a function that makes them, called only when the email is to be sent: a retry makes no PDF or invitation for an email that went. */
    attachments?: EmailMessage['attachments'] | (() => Promise<EmailMessage['attachments']>);
  }): Promise<boolean> => {
    if (await alreadySent(d, email.key)) return false;
    const url = await issueLink({ ...email.link, memberId: email.to.memberId });
    const replyTo = email.reply ? await issueReplyAddress({ ...email.reply, memberId: email.to.memberId }) : undefined;
    const attachments = typeof email.attachments === 'function' ? await email.attachments() : email.attachments;
    const extra = { ...(attachments?.length ? { attachments } : {}), ...(replyTo ? { replyTo } : {}) };
    return (await d.sendOnce(email.key, messageTo(email.to, email.kind, email.render(url, replyTo), extra))).sent;
  };
}

import type { EmailMessage, Outbox } from '../ports';
import type { Member } from './types';

/** Wraps a rendered template as a message to one member. */
export function messageTo(
  member: Pick<Member, 'name' | 'email'>,
  kind: string,
  rendered: { subject: string; html: string; text: string },
  extra: Pick<EmailMessage, 'replyTo' | 'attachments'> = {},
): Omit<EmailMessage, 'messageId'> {
  return { to: [{ name: member.name, email: member.email }], kind, ...rendered, ...extra };
}

/**
 * True when an email with this idempotency key was already claimed or sent: a retried task skips it
 * before issuing a fresh link that would never be mailed.
 */
export async function alreadySent(d: { outbox: Outbox }, key: string): Promise<boolean> {
  return (await d.outbox.get(key)) !== undefined;
}

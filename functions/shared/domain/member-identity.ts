/**
 * Who a link stands for. A member's id is random and never reused on a board, and their `linkEpoch`
 * is a random value that their links are sealed with: a link works only for the member it was issued
 * to, as long as they are that member with that email address. Pure: no I/O.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Member } from './types';

// RFC 4648 base32, lower case: an id is typed on the command line and matched case-insensitively.
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 16 characters of 5 bits: 80 bits, so two ids on one board never collide in practice. */
const ID_CHARS = 16;

/**
 * A fresh member id, `m_` and 16 lower-case base32 characters. Never derived from the email: two
 * people with the same mailbox name, one after the other, must not share an id (their links would).
 */
export function newMemberId(): string {
  // 256 is a multiple of 32, so the low 5 bits of a random byte are uniform.
  return `m_${[...randomBytes(ID_CHARS)].map((byte) => BASE32[byte & 31]).join('')}`;
}

/** A fresh value for `Member.linkEpoch`: 128 random bits. */
export const newLinkEpoch = (): string => randomBytes(16).toString('base64url');

/**
 * The value a link carries to say whose it is: a hash of the member's epoch and email, so that a new
 * epoch (removal) or a new email address revokes every link issued before. Undefined for a member
 * without an epoch, whose links are then never valid.
 */
export function holderSeal(member: Pick<Member, 'linkEpoch' | 'email'>): string | undefined {
  if (!member.linkEpoch) return undefined;
  return createHash('sha256').update(`${member.linkEpoch}\n${member.email.toLowerCase()}`, 'utf8').digest('base64url');
}

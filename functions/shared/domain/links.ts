/**
 * Link tokens (DESIGN.md, "Links and tokens"): emails carry `https://<app>/l/<token>`; only the
 * token's SHA-256 is stored, so a leaked table does not leak working links.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Paper } from './types';

/** Random bytes in a token: 256 bits, beyond guessing even at a very high request rate. */
export const LINK_TOKEN_BYTES = 32;

/** Length of a token in base64url without padding: ceil(32 × 8 / 6). */
export const LINK_TOKEN_LENGTH = 43;

/**
 * 42 free characters and a last one that carries only 2 bits (its low 4 bits are padding, always
 * zero in the canonical encoding). Accepting only the canonical form means one token has one spelling.
 */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/** A fresh link token: 32 random bytes from the OS CSPRNG, base64url without padding. */
export function newLinkToken(): string {
  return randomBytes(LINK_TOKEN_BYTES).toString('base64url');
}

/** SHA-256 of the token, lower-case hex: the only form of the token that is stored (`LINK#<hash>`). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The CSRF value the confirmation page puts in its form, bound to the link's token. Unkeyed on
 * purpose: the token is already the secret, and a page on another site cannot know it, so it cannot
 * produce this value either. It is a different value from the token so that the form never echoes
 * the token itself.
 */
export function csrfFor(token: string): string {
  return createHash('sha256').update(`csrf:${token}`, 'utf8').digest('base64url');
}

/** True if `value` is the CSRF value for `token`; compared in constant time. */
export function checkCsrf(token: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const expected = Buffer.from(csrfFor(token), 'utf8');
  const given = Buffer.from(value, 'utf8');
  // timingSafeEqual throws on different lengths; the length of a SHA-256 digest is no secret.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The link to put in an email: `${appUrl}/l/${token}`, whatever trailing slashes `appUrl` has. */
export function linkUrl(appUrl: string, token: string): string {
  // base64url characters are all unreserved, so this changes nothing for a real token.
  return `${appUrl.replace(/\/+$/, '')}/l/${encodeURIComponent(token)}`;
}

/**
 * True if `s` has the exact shape `newLinkToken` produces (43 base64url characters, canonical), so
 * the HTTP handler can reject junk without a table read.
 */
export function isWellFormedToken(s: unknown): s is string {
  return typeof s === 'string' && TOKEN_PATTERN.test(s);
}

/**
 * Where the papers link serves an appendix, below the link: by item and version, which never change
 * once stored. The circulation email and the papers page both build it here.
 */
export function appendixPath(appendix: Pick<Paper, 'itemNumber' | 'version'>): string {
  return `appendix/${appendix.itemNumber}/${appendix.version}`;
}

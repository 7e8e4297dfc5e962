/**
 * The console's sign-in rules in one place: how long links and sessions last, how often one may ask,
 * the cookies' names and attributes, and the CSRF values derived from them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ConsoleOptions } from '../types';

const MINUTE_MS = 60_000;

/** A sign-in link works this long after it is asked for. */
export const SIGN_IN_LINK_MINUTES = 15;
/** A session ends after this long without use... */
export const SESSION_IDLE_MS = 8 * 60 * MINUTE_MS;
/** ...and this long after sign-in, however much it is used. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * MINUTE_MS;
/** A session's idle expiry is moved on at most this often: not a write on every request. */
export const SESSION_TOUCH_EVERY_MS = 5 * MINUTE_MS;

/** Sign-in requests allowed per window, per address asked for and per client address. */
export const SIGN_IN_LIMITS = { windowMinutes: 15, perAddress: 5, perClient: 20 } as const;

/** The start of the fixed window `now` falls in, and when its count may be forgotten. */
export function signInWindow(now: Date): { start: string; end: string } {
  const size = SIGN_IN_LIMITS.windowMinutes * MINUTE_MS;
  const start = Math.floor(now.getTime() / size) * size;
  return { start: new Date(start).toISOString(), end: new Date(start + size).toISOString() };
}

export interface CookieNames {
  session: string;
  /** Set when a link is asked for; the link works only where it is sent back. */
  binding: string;
  /** Set before sign-in, for the CSRF value of the sign-in forms. */
  preSession: string;
}

/**
 * `__Host-` names with `Secure` over https (always in AWS), so no subdomain can plant them; browsers
 * refuse both on plain http, so the local app uses plain names without `Secure`.
 */
export function cookieNames(options: Pick<ConsoleOptions, 'secureCookies'>): CookieNames {
  const prefix = options.secureCookies ? '__Host-' : '';
  return { session: `${prefix}mc-session`, binding: `${prefix}mc-sign-in`, preSession: `${prefix}mc-pre-session` };
}

/** A Set-Cookie value; without `maxAgeSeconds` the cookie lasts until the browser closes. */
export function setCookie(name: string, value: string, options: Pick<ConsoleOptions, 'secureCookies'>, maxAgeSeconds?: number): string {
  const maxAge = maxAgeSeconds === undefined ? '' : ` Max-Age=${maxAgeSeconds};`;
  return `${name}=${value}; Path=/;${maxAge} HttpOnly;${options.secureCookies ? ' Secure;' : ''} SameSite=Lax`;
}

/** A Set-Cookie value that deletes the cookie. */
export function clearCookie(name: string, options: Pick<ConsoleOptions, 'secureCookies'>): string {
  return setCookie(name, '', options, 0);
}

const derive = (purpose: string, secret: string): string => createHash('sha256').update(`console-csrf:${purpose}:${secret}`, 'utf8').digest('base64url');

/** The CSRF value of a session's forms: derived from its id, so a page on another site cannot know it. */
export const sessionCsrf = (sessionId: string): string => derive('session', sessionId);

/** The CSRF value of the forms before sign-in, bound to the pre-session cookie (double submit). */
export const preSessionCsrf = (preSession: string): string => derive('pre-session', preSession);

/** True if `given` is `expected`; compared in constant time. */
export function sameValue(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** SHA-256 of a lower-cased address: what is kept of an address that may not sign in. */
export const emailHash = (email: string): string => `sha256:${createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex')}`;

/**
 * `next` if it is a path of this console (so the sign-in page cannot send anyone to another site),
 * otherwise undefined: no scheme, no `//host`, no backslash, no dot segments, no control characters.
 */
export function localNext(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 1000) return undefined;
  if (!/^\/console(?:[/?][\x21-\x7e]*)?$/.test(value)) return undefined;
  if (value.includes('\\') || value.includes('//') || /\/\.{1,2}(?:[/?]|$)/.test(value)) return undefined;
  return value;
}

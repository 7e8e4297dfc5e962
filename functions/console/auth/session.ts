import type { CoreDeps } from '../../shared/ports';
import type { ConsoleOptions, ConsoleRequest, Principal } from '../types';

/** What the router knows of the browser behind a request. */
export interface Auth {
  /** The signed-in person, if the request carries a live session. */
  principal?: Principal;
  /** Why there is no session although the browser sent one. */
  ended?: 'expired' | 'unknown';
  /** The CSRF value this browser's forms carry: bound to the session, or to a pre-session cookie. */
  csrf: string;
  checkCsrf(value: unknown): boolean;
  /** Cookies to set on the response (a fresh pre-session cookie, a cleared stale session). */
  cookies: string[];
}

/** Reads the session cookie, checks the session's idle and absolute expiry, and works out who it is. */
export async function authenticate(_d: CoreDeps, _req: ConsoleRequest, _options: ConsoleOptions): Promise<Auth> {
  throw new Error('authenticate: built by the sign-in work');
}

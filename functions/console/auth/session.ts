import { hashToken, isWellFormedToken, newLinkToken } from '../../shared/domain/links';
import type { CoreDeps, SecurityEvent } from '../../shared/ports';
import type { ConsoleOptions, ConsoleRequest, Principal } from '../types';
import {
  clearCookie,
  cookieNames,
  preSessionCsrf,
  sameValue,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  SESSION_TOUCH_EVERY_MS,
  sessionCsrf,
  setCookie,
} from './policy';
import { standingOf } from './principal';

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

/** Appends to the security log, stamped with the time and the client's address; counts sign-ins and refusals. */
export async function logSecurityEvent(
  d: Pick<CoreDeps, 'securityLog' | 'clock' | 'telemetry' | 'audit'>,
  req: ConsoleRequest,
  event: Omit<SecurityEvent, 'at' | 'ip'>,
): Promise<void> {
  if (event.event === 'signed-in') d.telemetry.count('ConsoleSignIns');
  if (event.event === 'sign-in-refused' || event.event === 'session-refused') d.telemetry.count('ConsoleRefusals');
  const at = d.clock.now().toISOString();
  await d.securityLog.record({ at, ip: req.sourceIp, ...event });
  // A sign-in is in the audit trail of each board it gives access to.
  const boards = event.event === 'signed-in' ? (event.boardIds ?? []) : [];
  const who = { kind: 'secretariat', ...(event.email ? { email: event.email } : {}) } as const;
  for (const boardId of boards) await d.audit.append(boardId, { at, who, what: { type: 'signed-in', boards } });
}

/** Reads the session cookie, checks the session's idle and absolute expiry, and works out who it is. */
export async function authenticate(d: CoreDeps, req: ConsoleRequest, options: ConsoleOptions): Promise<Auth> {
  const names = cookieNames(options);
  const cookies: string[] = [];
  let ended: Auth['ended'];
  const sessionId = req.cookies[names.session];
  if (sessionId !== undefined && sessionId !== '') {
    const resumed = await resume(d, req, options, sessionId);
    if ('principal' in resumed) {
      const csrf = sessionCsrf(sessionId);
      return { principal: resumed.principal, csrf, checkCsrf: (value) => sameValue(csrf, value), cookies };
    }
    ended = resumed.ended;
    cookies.push(clearCookie(names.session, options));
  }
  let preSession = req.cookies[names.preSession];
  if (!isWellFormedToken(preSession)) {
    preSession = newLinkToken();
    cookies.push(setCookie(names.preSession, preSession, options));
  }
  const csrf = preSessionCsrf(preSession);
  return { ...(ended ? { ended } : {}), csrf, checkCsrf: (value) => sameValue(csrf, value), cookies };
}

/**
 * The live session behind a cookie, touched when its idle expiry is due to move; or why it is no
 * longer one. An expired session is left for TTL to remove; one whose person may no longer sign in is
 * ended at once, so that restoring their role does not bring it back.
 */
async function resume(
  d: CoreDeps,
  req: ConsoleRequest,
  options: ConsoleOptions,
  sessionId: string,
): Promise<{ principal: Principal } | { ended: 'expired' | 'unknown' }> {
  const now = d.clock.now();
  const sessionHash = hashToken(sessionId);
  const session = isWellFormedToken(sessionId) ? await d.sessions.getSession(sessionHash) : undefined;
  if (!session) {
    await logSecurityEvent(d, req, { event: 'session-refused', reason: 'unknown-session' });
    return { ended: 'unknown' };
  }
  const at = now.toISOString();
  const expired = at >= session.absoluteExpiresAt ? 'absolute-expiry' : at >= session.idleExpiresAt ? 'idle-expiry' : undefined;
  if (expired) {
    await logSecurityEvent(d, req, { event: 'session-refused', email: session.email, reason: expired });
    return { ended: 'expired' };
  }
  const standing = await standingOf(d, session.email, options);
  if (!standing) {
    await d.sessions.endSession(sessionHash);
    await logSecurityEvent(d, req, { event: 'session-refused', email: session.email, reason: 'no-longer-allowed' });
    return { ended: 'expired' };
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) >= SESSION_TOUCH_EVERY_MS) {
    await d.sessions.touchSession(sessionHash, at, idleExpiry(now, session.absoluteExpiresAt));
  }
  return { principal: { ...standing.principal, sessionHash } };
}

const idleExpiry = (now: Date, absoluteExpiresAt: string): string => {
  const idle = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  return idle < absoluteExpiresAt ? idle : absoluteExpiresAt;
};

/** Starts a session for `email`: returns the id for the cookie (never stored) and the cookie to set. */
export async function startSession(
  d: Pick<CoreDeps, 'sessions' | 'clock'>,
  email: string,
  options: ConsoleOptions,
): Promise<{ cookie: string; sessionHash: string }> {
  const now = d.clock.now();
  const sessionId = newLinkToken();
  const sessionHash = hashToken(sessionId);
  const absoluteExpiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  await d.sessions.createSession({
    sessionHash,
    email: email.toLowerCase(),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    idleExpiresAt: idleExpiry(now, absoluteExpiresAt),
    absoluteExpiresAt,
  });
  return { cookie: setCookie(cookieNames(options).session, sessionId, options), sessionHash };
}

/**
 * Signs `email` in on this browser: a new session (its id rotated: whatever session cookie the browser
 * had is ended), recorded in the security log. Returns the session cookie to set.
 */
export async function signIn(
  d: CoreDeps,
  req: ConsoleRequest,
  options: ConsoleOptions,
  who: { email: string; boardIds: string[]; reason?: string },
): Promise<string> {
  const started = await startSession(d, who.email, options);
  const previous = req.cookies[cookieNames(options).session];
  if (isWellFormedToken(previous)) await d.sessions.endSession(hashToken(previous));
  await logSecurityEvent(d, req, { event: 'signed-in', email: who.email, boardIds: who.boardIds, ...(who.reason ? { reason: who.reason } : {}) });
  return started.cookie;
}

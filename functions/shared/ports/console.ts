/** The console's ports: sign-in links, sessions and the security log (functions/console/auth/). */

/**
 * A console sign-in asked for by email: the link's token is stored only as its hash, and the link works
 * only in the browser that asked (the hash of a random cookie set on that request).
 */
export interface SignInRecord {
  tokenHash: string;
  /** Lower-case. */
  email: string;
  /** SHA-256 of the browser-binding cookie set when the link was asked for. */
  bindingHash: string;
  /** A local /console path to go to once signed in. */
  next?: string;
  createdAt: string;
  expiresAt: string;
  /** Set once, by the request that signs in with it. */
  usedAt?: string;
}

export interface SignInRepository {
  /** AlreadyExistsError on a hash collision, rather than replace a record. */
  putSignIn(record: SignInRecord): Promise<void>;
  getSignIn(tokenHash: string): Promise<SignInRecord | undefined>;
  /** Marks the record used at `at`: true for the one request that does, false if it was used (or is unknown). */
  claimSignIn(tokenHash: string, at: string): Promise<boolean>;
  /** Undoes the claim made `at` (the session could not be created), so the link can be tried again. */
  releaseSignIn(tokenHash: string, at: string): Promise<void>;
  /**
   * Counts one attempt of `scope` in the window starting `windowStart`: true if it was counted, false
   * (and not counted) when `limit` attempts were counted already. The count is forgotten after `forgetAfter`.
   */
  countAttempt(scope: string, windowStart: string, limit: number, forgetAfter: string): Promise<boolean>;
}

/** A console session; its id is in the browser's cookie only, the table has its SHA-256. */
export interface ConsoleSession {
  sessionHash: string;
  /** Lower-case. */
  email: string;
  createdAt: string;
  /** When it was last used, to the few minutes its touches are spaced by. */
  lastSeenAt: string;
  /** Ends unless used again before: `lastSeenAt` plus the idle lifetime, never after `absoluteExpiresAt`. */
  idleExpiresAt: string;
  absoluteExpiresAt: string;
}

export interface SessionRepository {
  /** Stores the session and its place in the person's list of sessions. */
  createSession(session: ConsoleSession): Promise<void>;
  getSession(sessionHash: string): Promise<ConsoleSession | undefined>;
  /** Moves the idle expiry on; a session ended meanwhile stays ended. */
  touchSession(sessionHash: string, lastSeenAt: string, idleExpiresAt: string): Promise<void>;
  /** Ends one session (a no-op when it is gone). */
  endSession(sessionHash: string): Promise<void>;
  /** Ends every session of a person; returns how many there were. */
  endSessionsOf(email: string): Promise<number>;
}

/** What the security log keeps of a sign-in, sign-out or refusal: never a token or a session id. */
export interface SecurityEvent {
  at: string;
  event: 'sign-in-link-sent' | 'sign-in-refused' | 'signed-in' | 'signed-out' | 'session-refused';
  /** The address, or `sha256:<hex>` of it when it is not one that may sign in; absent when not known. */
  email?: string;
  boardIds?: string[];
  /** The client's address (API Gateway's sourceIp). */
  ip: string;
  reason?: string;
}

/** Append-only record of the console's sign-ins, sign-outs and refusals. */
export interface SecurityLog {
  record(event: SecurityEvent): Promise<void>;
  /** The events of one UTC day (`YYYY-MM-DD`), oldest first. */
  listDay(day: string): Promise<SecurityEvent[]>;
}

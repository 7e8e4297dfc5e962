import type { SafeHtml } from '../shared/domain/html';
import type { Board, Cycle } from '../shared/domain/types';
import type { CoreDeps } from '../shared/ports';
import type { HttpResponse } from '../http/page';

/** One request to the console, as the handler reads it from API Gateway (or the local server). */
export interface ConsoleRequest {
  method: string;
  /** The path, percent-decoded segment by segment by the router, never before. */
  path: string;
  query: Record<string, string>;
  /** The raw body bytes (a form, or a multipart upload of a CSV file). */
  body: Buffer;
  contentType: string;
  /** Cookies by name, as the browser sent them. */
  cookies: Record<string, string>;
  /** The client's address (API Gateway's `sourceIp`), for per-client limits and the security log. */
  sourceIp: string;
  userAgent: string;
}

/** What a console route answers: a page (or file, or redirect), and any cookies to set or clear. */
export type ConsoleResponse = HttpResponse & { cookies?: string[] };

/** What a signed-in person may do on one board. */
export type BoardAccess = 'secretariat' | 'chair';

/** Who is signed in, worked out afresh on every request from their session and the boards' members. */
export interface Principal {
  email: string;
  /** How the console greets them: a member's name, or the email for an admin who is no member. */
  name: string;
  /** Named at deploy time (`-c meeting-cycle:adminEmails=…`): may create boards and grant the secretariat role. */
  admin: boolean;
  /** Boards they are secretariat or chair of (a chair's view is read-only). */
  boards: ReadonlyMap<string, BoardAccess>;
  /** The session's stored id (SHA-256 of the cookie's value). */
  sessionHash: string;
}

/**
 * Who may use a route. `public` routes are the sign-in pages; all others need a session.
 * `board-read`/`board-write` routes have a `:board` parameter: a session without access to that board
 * gets 404 (its existence is not disclosed), a chair on a `board-write` route 403.
 */
export type RouteAccess = 'public' | 'signed-in' | 'admin' | 'board-read' | 'board-write';

/** Everything a route's handler gets: the request, its path parameters, and the checked session. */
export interface RouteContext {
  d: CoreDeps;
  req: ConsoleRequest;
  /** Path parameters, decoded (`:board`, `:cycle`, `:member`, `:action`, `:version`, `:token`). */
  params: Record<string, string>;
  /** The form fields of a POST (url-encoded forms; multipart routes read `req.body` themselves). */
  form: Record<string, string>;
  /** Undefined only on `public` routes. */
  principal?: Principal;
  /** The board of a `:board` route, loaded and access-checked. */
  board?: Board;
  /** The cycle of a `:cycle` route, loaded and checked to belong to `board`. */
  cycle?: Cycle;
  /** The CSRF value every form on the page must carry (bound to the session, or the pre-session cookie). */
  csrf: string;
  /** Checks a posted CSRF value as the router does for url-encoded forms; a multipart route calls it itself. */
  checkCsrf(value: unknown): boolean;
  now: Date;
  options: ConsoleOptions;
  /** Renders a page in the console's layout (header, navigation, sign-out, local extras). */
  page(status: number, title: string, body: SafeHtml, extra?: { cookies?: string[] }): ConsoleResponse;
}

export interface ConsoleRoute {
  method: 'GET' | 'POST';
  /** `/console/...` with `:name` segments. */
  path: string;
  access: RouteAccess;
  /** What the page is, for the route list in docs and tests. */
  summary: string;
  /** Route reads a multipart body itself (the CSV import); every other POST is a url-encoded form. */
  multipart?: boolean;
  handle(ctx: RouteContext): Promise<ConsoleResponse>;
}

/** Only the local cloud sets `local`: the virtual clock, the mailbox, "sign in as". Never in AWS. */
export interface ConsoleOptions {
  /** Addresses that may sign in as console admins (from `CONSOLE_ADMIN_EMAILS`). */
  adminEmails: readonly string[];
  /** `__Host-` cookies with `Secure`: true whenever the app is served over https (always in AWS). */
  secureCookies: boolean;
  local?: LocalConsoleExtras;
}

export interface LocalConsoleExtras {
  /** Extra links in the header (mailbox, virtual clock time). */
  nav(): SafeHtml;
  /** A panel at the top of the home page (the virtual clock and its "advance" button). */
  homePanel?(ctx: RouteContext): Promise<SafeHtml>;
  /** Local-only routes (sign in as a seeded person, advance the clock). */
  routes: ConsoleRoute[];
  /** The seeded people offered on the sign-in page as "sign in as" buttons. */
  people(): Promise<{ name: string; email: string; role: string }[]>;
}

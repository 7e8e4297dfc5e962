import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isWellFormedToken } from '../shared/domain/links';
import type { CoreDeps } from '../shared/ports';
import { deps } from '../shared/runtime/deps';
import { observed, redact } from '../shared/runtime/observability';
import { makeConsoleApp } from './app';
import type { ConsoleOptions, ConsoleRequest } from './types';

/** Cookies of a payload-v2 event: API Gateway moves the Cookie header into `cookies`. */
export function parseCookies(event: Pick<APIGatewayProxyEventV2, 'cookies' | 'headers'>): Record<string, string> {
  const pairs = event.cookies ?? String(event.headers?.cookie ?? '').split(';');
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    // The first value of a name wins, as browsers send the most specific cookie first.
    if (name && !(name in out)) out[name] = pair.slice(at + 1).trim();
  }
  return out;
}

export function toConsoleRequest(event: APIGatewayProxyEventV2): ConsoleRequest {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query[k] = v;
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    query,
    body: event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0),
    contentType: String(event.headers?.['content-type'] ?? ''),
    cookies: parseCookies(event),
    sourceIp: event.requestContext.http.sourceIp,
    userAgent: event.requestContext.http.userAgent ?? '',
  };
}

/** The deployed console's settings, from the environment the stack sets. */
export function consoleOptionsFromEnv(): ConsoleOptions {
  return {
    adminEmails: String(process.env.CONSOLE_ADMIN_EMAILS ?? '')
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
    secureCookies: String(process.env.APP_URL ?? '').startsWith('https://'),
  };
}

/**
 * What of a console request must never reach the log: every cookie's value (the session id, the
 * pre-session value) and a token in the path (a sign-in link's).
 */
export function consoleSecrets(event: Pick<APIGatewayProxyEventV2, 'cookies' | 'headers' | 'rawPath'>): string[] {
  const inPath = String(event.rawPath ?? '')
    .split('/')
    .filter((segment) => isWellFormedToken(segment));
  return [...Object.values(parseCookies(event)), ...inPath];
}

/** Builds the Lambda handler; the local cloud passes its extras (clock, mailbox, "sign in as"), tests their deps. */
export function makeConsoleHandler(options: () => ConsoleOptions = consoleOptionsFromEnv, d: () => CoreDeps = deps) {
  let app: ReturnType<typeof makeConsoleApp> | undefined;
  const secrets = consoleSecrets;
  const keys = (event: APIGatewayProxyEventV2) => ({
    requestId: event.requestContext?.requestId,
    route: `${event.requestContext?.http?.method ?? ''} ${redact(event.rawPath ?? '', consoleSecrets(event))}`,
  });
  return observed<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(
    async (event) => {
      app ??= makeConsoleApp(d(), options());
      const res = await app(toConsoleRequest(event));
      return {
        statusCode: res.statusCode,
        headers: res.headers,
        body: res.body,
        ...(res.isBase64Encoded ? { isBase64Encoded: true } : {}),
        ...(res.cookies?.length ? { cookies: res.cookies } : {}),
      };
    },
    { secrets, keys },
  );
}

/** API Gateway (HTTP API, payload v2): every route under /console. */
export const handler = makeConsoleHandler();

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isWellFormedToken } from '../shared/domain/links';
import { bodyOf, parseCookies, queryOf } from '../http/api-event';
import type { ConsoleOptions, ConsoleRequest } from './types';

/** A console request as the router reads it, from API Gateway's payload-v2 event. */
export function toConsoleRequest(event: APIGatewayProxyEventV2): ConsoleRequest {
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    query: queryOf(event),
    body: bodyOf(event),
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

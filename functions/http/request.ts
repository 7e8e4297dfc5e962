import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { bodyOf, queryOf } from './api-event';
import type { HttpRequest } from './app';

/** API Gateway (HTTP API, payload v2) in front of the link pages. */
export function toRequest(event: APIGatewayProxyEventV2): HttpRequest {
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    query: queryOf(event),
    body: bodyOf(event).toString('utf8'),
    contentType: String(event.headers?.['content-type'] ?? ''),
  };
}

/** A link's token as the path carries it, and decoded: neither may reach the log. */
export function linkSecrets(event: Pick<APIGatewayProxyEventV2, 'rawPath'>): string[] {
  const raw = /^\/l\/([^/]+)/.exec(event.rawPath ?? '')?.[1];
  if (!raw) return [];
  try {
    return [raw, decodeURIComponent(raw)];
  } catch {
    return [raw];
  }
}

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { CoreDeps } from '../shared/ports';
import { deps } from '../shared/runtime/deps';
import { observed, redact } from '../shared/runtime/observability';
import { makeHttpApp, type HttpRequest } from './app';

/** API Gateway (HTTP API, payload v2) in front of the link pages. */
export function toRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const body = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query[k] = v;
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    query,
    body,
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

/** The link pages' handler on `d` (the runtime's adapters; tests pass fakes). */
export function makeHttpHandler(d: () => CoreDeps = deps) {
  return observed<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(async (event) => makeHttpApp(d())(toRequest(event)), {
    secrets: linkSecrets,
    keys: (event) => ({
      requestId: event.requestContext?.requestId,
      route: `${event.requestContext?.http?.method ?? ''} ${redact(event.rawPath ?? '', linkSecrets(event))}`,
    }),
  });
}

export const handler = makeHttpHandler();

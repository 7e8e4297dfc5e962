import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { redact } from '../shared/runtime/observability';

/** The query of a payload-v2 event, without the parameters API Gateway gives as undefined. */
export function queryOf(event: Pick<APIGatewayProxyEventV2, 'queryStringParameters'>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query[k] = v;
  return query;
}

/** The body's bytes, decoded from base64 when API Gateway encoded them. */
export function bodyOf(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): Buffer {
  return event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
}

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

/** The log keys of one request: its id, and its route with `secrets` (tokens, cookie values) written as `…`. */
export function requestKeys(event: APIGatewayProxyEventV2, secrets: readonly string[]): Record<string, string | undefined> {
  return {
    requestId: event.requestContext?.requestId,
    route: `${event.requestContext?.http?.method ?? ''} ${redact(event.rawPath ?? '', secrets)}`,
  };
}

import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { deps } from '../shared/runtime/deps';
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

export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>({ timeoutEarlyInMillis: 0 }).handler(async (event) =>
  makeHttpApp(deps())(toRequest(event)),
);

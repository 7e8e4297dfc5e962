import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { CoreDeps } from '../shared/ports';
import { boards, cycles, wire, type Builders } from '../shared/runtime/wire';
import { REQUEST_PORTS, sessionsOnFirstUse } from '../shared/runtime/on-first-use';
import { links } from '../shared/runtime/builders/links';
import { observed } from '../shared/runtime/observability';
import { bodyOf, queryOf, requestKeys } from './api-event';
import { makeHttpApp, type HttpRequest } from './app';

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

/**
 * The link pages' ports. Every request reads its link, and a live link its board and cycle: those adapters
 * load with the function. The rest serve some purposes only (an action's update, a wait's answer, an
 * interest, an email): each adapter is loaded by the first call of one of its methods, as S3's and SES's are.
 */
const LINK_PAGE_PORTS: Builders<keyof CoreDeps> = {
  links,
  boards,
  cycles,
  sessions: sessionsOnFirstUse,
  ...REQUEST_PORTS,
};

/** The link pages' handler on `d` (the runtime's adapters; tests pass fakes). */
export function makeHttpHandler(d: () => CoreDeps = wire(LINK_PAGE_PORTS)) {
  return observed<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(async (event) => makeHttpApp(d())(toRequest(event)), {
    secrets: linkSecrets,
    keys: (event) => requestKeys(event, linkSecrets(event)),
  });
}

export const handler = makeHttpHandler();

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { CoreDeps } from '../shared/ports';
import { boards, cycles, wire, type Builders } from '../shared/runtime/wire';
import { REQUEST_PORTS, sessionsOnFirstUse } from '../shared/runtime/on-first-use';
import { links } from '../shared/runtime/builders/links';
import { observed } from '../shared/runtime/observability';
import { requestKeys } from './api-event';
import { makeHttpApp } from './app';
import { linkSecrets, toRequest } from './request';

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

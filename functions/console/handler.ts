import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { CoreDeps } from '../shared/ports';
import { boards, cycles, wire, type Builders } from '../shared/runtime/wire';
import { REQUEST_PORTS, linksOnFirstUse } from '../shared/runtime/on-first-use';
import { sessions } from '../shared/runtime/builders/sessions';
import { observed } from '../shared/runtime/observability';
import { requestKeys } from '../http/api-event';
import { makeConsoleApp } from './app';
import { consoleOptionsFromEnv, consoleSecrets, toConsoleRequest } from './request';
import type { ConsoleOptions } from './types';

/**
 * The console's ports. A signed-in request reads its session, and a board's or meeting's page the board and
 * cycle: those adapters load with the function. The others serve some pages only (actions, interests, members'
 * links, the security log, sign-in links, emails): each adapter is loaded by the first call of one of its methods.
 */
const CONSOLE_PORTS: Builders<keyof CoreDeps> = {
  sessions,
  boards,
  cycles,
  links: linksOnFirstUse,
  ...REQUEST_PORTS,
};

/** Builds the Lambda handler; the local cloud passes its extras (clock, mailbox, "sign in as"), tests their deps. */
export function makeConsoleHandler(options: () => ConsoleOptions = consoleOptionsFromEnv, d: () => CoreDeps = wire(CONSOLE_PORTS)) {
  let app: ReturnType<typeof makeConsoleApp> | undefined;
  return observed<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(
    async (event) => {
      app ??= makeConsoleApp(d(), options());
      const { cookies, ...res } = await app(toConsoleRequest(event));
      return cookies?.length ? { ...res, cookies } : res;
    },
    { secrets: consoleSecrets, keys: (event) => requestKeys(event, consoleSecrets(event)) },
  );
}

/** API Gateway (HTTP API, payload v2): every route under /console. */
export const handler = makeConsoleHandler();

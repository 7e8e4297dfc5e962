import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { CoreDeps } from '../shared/ports';
import { deps } from '../shared/runtime/deps';
import { observed } from '../shared/runtime/observability';
import { requestKeys } from '../http/api-event';
import { makeConsoleApp } from './app';
import { consoleOptionsFromEnv, consoleSecrets, toConsoleRequest } from './request';
import type { ConsoleOptions } from './types';

/** Builds the Lambda handler; the local cloud passes its extras (clock, mailbox, "sign in as"), tests their deps. */
export function makeConsoleHandler(options: () => ConsoleOptions = consoleOptionsFromEnv, d: () => CoreDeps = deps) {
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

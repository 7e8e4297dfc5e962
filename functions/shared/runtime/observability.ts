import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { PowertoolsTelemetry } from '../adapters/powertools/powertools-telemetry';
import type { Telemetry } from '../ports';
import { optionalEnv } from './env';
import { installStackTraces } from './stack-traces';
import { traceHandler } from './tracing';

// In a Lambda bundle, stack traces name the TypeScript sources, read from the maps when one is printed.
installStackTraces();

/**
 * The one observability stack every handler shares: Powertools' logger and metrics, and the tracer
 * (runtime/tracing.ts, loaded only where it traces: in Lambda), as middy middlewares. Settings come from the
 * POWERTOOLS_* variables the stack sets (service, namespace, log level).
 */
export interface Instruments {
  logger: Logger;
  metrics: Metrics;
  telemetry: PowertoolsTelemetry;
}

let built: Instruments | undefined;

/**
 * The process's instruments, built on first use: the local cloud imports this module before it sets
 * the environment its handlers run in, and Powertools reads the environment once, when built.
 */
export function instruments(): Instruments {
  if (built) return built;
  const serviceName = optionalEnv('POWERTOOLS_SERVICE_NAME', 'meeting-cycle');
  const logger = new Logger({ serviceName });
  // Powertools' own remarks ("no application metrics to publish", on every invocation that counted
  // nothing) are for debugging, not for each function's log.
  const quiet = { debug: logger.debug.bind(logger), info: logger.debug.bind(logger), warn: logger.debug.bind(logger), error: logger.error.bind(logger) };
  const metrics = new Metrics({ serviceName, namespace: optionalEnv('POWERTOOLS_METRICS_NAMESPACE', 'MeetingCycle'), logger: quiet });
  built = { logger, metrics, telemetry: new PowertoolsTelemetry(metrics) };
  return built;
}

const invocation = new AsyncLocalStorage<Logger>();

/**
 * The logger of the invocation in progress, carrying its keys (request, board, cycle, state); the
 * process's logger outside one. Each invocation has its own, so concurrent invocations in one process
 * (the local cloud runs every handler in one) never swap keys.
 */
export function log(): Logger {
  return invocation.getStore() ?? instruments().logger;
}

/**
 * Adds keys to every later line of the invocation in progress; nothing outside one, so that code run
 * without a handler (a test, the CLI) never leaves keys on the process's logger.
 */
export function appendLogKeys(keys: Record<string, string>): void {
  invocation.getStore()?.appendKeys(keys);
}

/** Counts for operators: CloudWatch metrics, published as each invocation ends. */
export function telemetry(): Telemetry {
  return instruments().telemetry;
}

/** What a handler tells the stack about its events. */
export interface ObserveOptions<E> {
  /** Keys every log line of the invocation carries. Never a token, a session id or a body. */
  keys?: (event: E) => Record<string, string | undefined>;
  /** Strings of the event that must never be logged (a link's token, cookie values): written `…` wherever they appear. */
  secrets?: (event: E) => string[];
}

/** Replaces every occurrence of a secret in a string. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('…');
  return out;
}

/**
 * A middy handler running `run` inside the shared stack: the tracer's handler segment, the Lambda
 * context on the logger, metrics published when the invocation ends (whether it succeeds or throws).
 * `run` logs through {@link log}, which gives it this invocation's logger.
 */
export function observed<E, R>(run: (event: E, context: Context) => Promise<R>, options: ObserveOptions<E> = {}): middy.MiddyfiedHandler<E, R> {
  const { logger, metrics, telemetry: counts } = instruments();
  const flushCounts: middy.MiddlewareObj<E, R> = { after: () => counts.flush(), onError: () => counts.flush() };
  return (
    middy<E, R>({ timeoutEarlyInMillis: 0 })
      .use(traceHandler<E, R>())
      .use(injectLambdaContext(logger, { resetKeys: true }))
      .use(logMetrics(metrics))
      // Listed after logMetrics, so it runs first on the way out and its counts are published with the rest.
      .use(flushCounts)
      .handler(async (event: E, context: Context) => {
        const secrets = options.secrets?.(event).filter((s) => s.length >= 8) ?? [];
        const child = logger.createChild({
          ...(secrets.length ? { jsonReplacerFn: (_key: string, value: unknown) => (typeof value === 'string' ? redact(value, secrets) : value) } : {}),
        });
        // The invocation's own context, not the process logger's: another invocation may have replaced that.
        if (context?.awsRequestId) child.addContext(context);
        const keys = Object.fromEntries(Object.entries(options.keys?.(event) ?? {}).filter(([, v]) => v !== undefined && v !== ''));
        if (Object.keys(keys).length) child.appendKeys(keys);
        return invocation.run(child, () => run(event, context));
      })
  );
}

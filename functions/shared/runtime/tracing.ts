import type { Tracer } from '@aws-lambda-powertools/tracer';
import type middy from '@middy/core';
import { optionalEnv } from './env';

/*
 * X-Ray through Powertools' tracer, loaded only where it traces. The tracer brings the X-Ray SDK
 * (aws-xray-sdk-core), which costs a cold start tens of milliseconds; outside Lambda (the local cloud,
 * the tests, the CLI) the tracer switches itself off anyway, so it is never loaded there. In Lambda it is
 * loaded by the first invocation, before its handler runs and so before any SDK client is made (clients
 * are made on first use, runtime/clients.ts), which is what lets each client be captured as it is made.
 */

/**
 * Whether this process traces: Powertools' own rule (Tracer's `setTracingEnabled`), read without loading
 * it: in a Lambda execution environment, not under SAM or Amplify's mock, unless POWERTOOLS_TRACE_ENABLED
 * is `false`.
 */
export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.POWERTOOLS_TRACE_ENABLED ?? '').toLowerCase() === 'false') return false;
  const executionEnv = env.AWS_EXECUTION_ENV ?? '';
  return executionEnv !== '' && executionEnv !== 'AWS_Lambda_amplify-mock' && (env.AWS_SAM_LOCAL ?? '') === '';
}

interface Loaded {
  tracer: Tracer;
  handlerSegment: middy.MiddlewareObj;
}

let loading: Promise<Loaded> | undefined;
let loaded: Loaded | undefined;

/** Loads the tracer and its middy middleware, once per process. */
export function loadTracer(): Promise<Loaded> {
  loading ??= Promise.all([import('@aws-lambda-powertools/tracer'), import('@aws-lambda-powertools/tracer/middleware')]).then(
    ([{ Tracer }, { captureLambdaHandler }]) => {
      const tracer = new Tracer({ serviceName: optionalEnv('POWERTOOLS_SERVICE_NAME', 'meeting-cycle') });
      loaded = { tracer, handlerSegment: captureLambdaHandler(tracer, { captureResponse: false }) as middy.MiddlewareObj };
      return loaded;
    },
  );
  return loading;
}

/** The tracer if this process has loaded it (only where {@link tracingWanted}), else undefined. */
export function loadedTracer(): Tracer | undefined {
  return loaded?.tracer;
}

/**
 * `client` captured by the tracer, so X-Ray shows each of its calls, where the process traces; the client
 * itself elsewhere. Called when a client is first made, inside an invocation, after {@link traceHandler}
 * has loaded the tracer.
 */
export function traced<C>(client: C): C {
  return loadedTracer()?.captureAWSv3Client(client) ?? client;
}

/**
 * Powertools' handler segment (`captureLambdaHandler`, the response left out) as a middy middleware that
 * loads the tracer on the first invocation that traces, and does nothing where none does.
 */
export function traceHandler<E, R>(): middy.MiddlewareObj<E, R> {
  type Request = middy.Request<E, R>;
  const segment = (request: Request) => request as unknown as middy.Request;
  return {
    before: async (request: Request) => {
      if (!tracingWanted()) return;
      await (await loadTracer()).handlerSegment.before?.(segment(request));
    },
    after: async (request: Request) => {
      await loaded?.handlerSegment.after?.(segment(request));
    },
    onError: async (request: Request) => {
      await loaded?.handlerSegment.onError?.(segment(request));
    },
  };
}

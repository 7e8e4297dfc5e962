import { ServiceUnavailableError, ThrottledError } from '../domain/errors';

/** Names AWS services (and the SDK's retry strategy) use for "slow down". */
const THROTTLING = new Set([
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

/** Names of failures on the service's side, or on the way to it, that a later attempt may not meet. */
const UNAVAILABLE = new Set([
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'ServiceException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Node's codes for a connection that dropped or never opened. */
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: { throttling?: boolean } | null;
  $metadata?: { httpStatusCode?: unknown };
}

/**
 * Translates an AWS SDK error that outlived the SDK's own retries into the name the state machine
 * retries: ThrottledError for throttling (and 429), ServiceUnavailableError for 5xx, service-side faults,
 * timeouts and dropped connections. Anything else (a refused condition, a missing object, bad input)
 * comes back unchanged, so adapters still translate those by their SDK names. The SDK error is the
 * `cause` of the one returned.
 */
export function mapSdkError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const e = error as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : '';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const said = `${name || 'error'}${status ? ` (HTTP ${status})` : ''}: ${typeof e.message === 'string' ? e.message : ''}`;
  if (THROTTLING.has(name) || status === 429 || e.$retryable?.throttling === true) {
    return new ThrottledError(`AWS is throttling this request: ${said}`, { cause: error });
  }
  if (
    UNAVAILABLE.has(name) ||
    (status !== undefined && status >= 500) ||
    e.$fault === 'server' ||
    (e.$retryable !== undefined && e.$retryable !== null) ||
    (typeof e.code === 'string' && NETWORK.has(e.code))
  ) {
    return new ServiceUnavailableError(`AWS did not complete this request: ${said}`, { cause: error });
  }
  return error;
}

/** One step of an SDK command, as a middleware sees it. */
type Handler = (args: never) => Promise<unknown>;

/** The part of an SDK client (or document client) that runs every command. */
interface WithMiddleware {
  middlewareStack: { add(middleware: (next: Handler) => Handler, options: { step: 'initialize'; name: string; override: boolean }): void };
}

/** Added again by name, the middleware replaces itself, so a client that several adapters share carries it once. */
const MIDDLEWARE_NAME = 'meetingCycleMapSdkErrors';

/**
 * Makes every command of `client` throw {@link mapSdkError}'s translation. It sits in the initialize
 * step, outside the SDK's retry middleware, so it sees only what the SDK's own retries could not fix.
 * Adapters call it on the client they are given; a DynamoDB document client shares its stack with the
 * client it wraps. Returns the client.
 */
export function mapSdkErrors<C extends WithMiddleware>(client: C): C {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw mapSdkError(error);
      }
    },
    { step: 'initialize', name: MIDDLEWARE_NAME, override: true },
  );
  return client;
}

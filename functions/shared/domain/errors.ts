/**
 * Every error the workflow or an HTTP route makes a decision on. Lambda reports `error.name`,
 * and the ASL's Retry/Catch match it, so names are part of the contract with the state machine
 * (test/unit/asl.test.ts checks every ErrorEquals name exists here). Step Functions matches names
 * exactly, never a parent class: a RetryableError subclass is retried only where its own name is listed.
 */
export class MeetingCycleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Transient: the state machine retries these with backoff. */
export class RetryableError extends MeetingCycleError {}

/** Input that fails its schema; the message is written for the person who sent it. */
export class ValidationError extends MeetingCycleError {
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super(message);
  }
}

export class NotFoundError extends MeetingCycleError {}

/** Another writer changed the record first (optimistic concurrency on `version`). */
export class StaleVersionError extends RetryableError {}

/** An AWS service still refused for its rate (throttling, 429) after the SDK's own retries. */
export class ThrottledError extends RetryableError {}

/** An AWS service still failed on its side (5xx, timeout, dropped connection) after the SDK's own retries. */
export class ServiceUnavailableError extends RetryableError {}

/**
 * A fan-out sent what it could and some sends failed transiently; the message names who was not
 * sent. Retryable: send-once skips everyone already sent, so the retry sends only those.
 */
export class PartialSendError extends RetryableError {
  constructor(
    message: string,
    /** Who was not sent, as the fan-out labelled them. */
    readonly unsent: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A record that must be new already exists (duplicate member email, second cycle on a date). */
export class AlreadyExistsError extends MeetingCycleError {}

/** A timeline milestone would fall in the past or breaks a statutory rule. */
export class TimelineError extends MeetingCycleError {}

export class LinkNotFoundError extends MeetingCycleError {}
export class LinkExpiredError extends MeetingCycleError {}
export class LinkUsedError extends MeetingCycleError {}

export class UploadRejectedError extends MeetingCycleError {}
export class PaperTooLargeError extends UploadRejectedError {}

/** A link's holder has repeated an action as often as one link allows (paper versions, proposals); nothing was stored. */
export class LimitReachedError extends MeetingCycleError {}

/** The workflow was not waiting for this callback (already resumed, or timed out). */
export class NotWaitingError extends MeetingCycleError {}

/** The same reply delivered again (SES retries): it was recorded the first time. */
export class AlreadyAnsweredError extends NotWaitingError {}

/** Not an expected outcome: recorded, and the secretariat is told. */
export class CycleFailedError extends MeetingCycleError {}

/** An audit trail whose hash chain does not hold: an entry was changed, deleted or reordered after it was written. */
export class AuditChainBrokenError extends MeetingCycleError {}

/** Nobody answered a callback after every reminder and the escalation: the cycle stops, loudly. */
export class CallbackAbandonedError extends MeetingCycleError {}

/** What Lambda and its sandbox report for a failure of the invocation itself, which a second attempt may not meet. */
export const PLATFORM_RETRYABLE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.Unknown',
  'Lambda.ClientExecutionTimeoutException',
  'Sandbox.Timedout',
] as const;

/**
 * THE names every Task's Retry lists: RetryableError and each of its subclasses by its own name, and
 * the platform's. test/unit/retry-names.test.ts fails if a subclass is missing here or a Task misses one.
 */
export const RETRYABLE_ERROR_NAMES = [
  'RetryableError',
  'StaleVersionError',
  'ThrottledError',
  'ServiceUnavailableError',
  'PartialSendError',
  ...PLATFORM_RETRYABLE_ERRORS,
] as const;

import { PartialSendError, RetryableError } from './errors';

/**
 * Runs `fn` over `items` with at most `limit` in flight, keeping results in order. Fan-out to members
 * stays bounded so a board of hundreds does not trip the mail provider's rate limits.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** How many names a PartialSendError message spells out; the rest are counted. */
const NAMES_IN_MESSAGE = 20;

/** How {@link fanOut} spreads the work and names what failed. */
export interface FanOutOptions<T> {
  /** Most calls in flight at once. */
  concurrency: number;
  /** Names an item in the error (a member id), so the failure says who was not sent. */
  label: (item: T) => string;
}

/**
 * Sends to every recipient it can: runs `fn` over `items` as {@link mapLimit} does, but one failure
 * stops nothing, so a throttled send does not leave the members after it unsent until the retry.
 * Returns the results in order when every call succeeded.
 *
 * @throws PartialSendError (retryable) naming every item whose call failed, when all of those failures
 *   are RetryableError: the task's retry sends only those, send-once skipping the rest.
 * @throws the first failure unchanged when any failure is not retryable (a rejected address, a bug),
 *   since retrying cannot help and its name is what the workflow decides on.
 */
export async function fanOut<T, R>(items: readonly T[], options: FanOutOptions<T>, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const settled = await mapLimit(items, options.concurrency, (item, index) =>
    fn(item, index).then(
      (value): PromiseSettledResult<R> => ({ status: 'fulfilled', value }),
      (reason: unknown): PromiseSettledResult<R> => ({ status: 'rejected', reason }),
    ),
  );
  const failed = settled.flatMap((outcome, index) => (outcome.status === 'rejected' ? [{ item: items[index] as T, reason: outcome.reason as unknown }] : []));
  if (failed.length === 0) return settled.map((outcome) => (outcome as PromiseFulfilledResult<R>).value);
  const fatal = failed.find((f) => !(f.reason instanceof RetryableError));
  if (fatal) throw fatal.reason;
  const unsent = failed.map((f) => options.label(f.item));
  const more = unsent.length > NAMES_IN_MESSAGE ? ` and ${unsent.length - NAMES_IN_MESSAGE} more` : '';
  const first = failed[0]?.reason as Error;
  throw new PartialSendError(
    `${unsent.length} of ${items.length} not sent (${unsent.slice(0, NAMES_IN_MESSAGE).join(', ')}${more}): ${first.message}`,
    unsent,
    {
      cause: first,
    },
  );
}

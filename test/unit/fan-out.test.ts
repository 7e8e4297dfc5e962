import { fanOut } from '../../functions/shared/domain/concurrency';
import { PartialSendError, RetryableError, ValidationError } from '../../functions/shared/domain/errors';

const label = (n: number) => `m${n}`;

describe('fanOut', () => {
  it('returns the results in order, never running more than the concurrency at once', async () => {
    let running = 0;
    let most = 0;
    const results = await fanOut([1, 2, 3, 4, 5, 6, 7], { concurrency: 3, label }, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, (7 - n) * 2));
      running--;
      return n * 10;
    });

    expect(results).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most).toBe(3);
  });

  it('goes on past failures, then throws one retryable error naming every item not done', async () => {
    const done: number[] = [];
    const throttled = new RetryableError('SES did not accept the email for now (TooManyRequestsException)');

    const outcome = fanOut([1, 2, 3, 4, 5], { concurrency: 1, label }, async (n) => {
      if (n === 2 || n === 4) throw throttled;
      done.push(n);
    });

    await expect(outcome).rejects.toBeInstanceOf(PartialSendError);
    await expect(outcome).rejects.toBeInstanceOf(RetryableError);
    await expect(outcome).rejects.toMatchObject({
      name: 'PartialSendError',
      unsent: ['m2', 'm4'],
      message: '2 of 5 not sent (m2, m4): SES did not accept the email for now (TooManyRequestsException)',
      cause: throttled,
    });
    expect(done).toEqual([1, 3, 5]);
  });

  it('counts the names it does not spell out', async () => {
    const outcome = fanOut(
      Array.from({ length: 25 }, (_, i) => i),
      { concurrency: 4, label },
      async () => Promise.reject(new RetryableError('down')),
    );

    await expect(outcome).rejects.toThrow(/^25 of 25 not sent \(m0, m1, .*, m19 and 5 more\): down$/);
  });

  it('rethrows a failure that a retry cannot mend unchanged, once every other item was tried', async () => {
    const done: number[] = [];
    const rejected = new ValidationError('MessageRejected: the address is not valid');

    const outcome = fanOut([1, 2, 3], { concurrency: 1, label }, async (n) => {
      if (n === 1) throw rejected;
      if (n === 2) throw new RetryableError('throttled');
      done.push(n);
    });

    await expect(outcome).rejects.toBe(rejected);
    expect(done).toEqual([3]);
  });
});

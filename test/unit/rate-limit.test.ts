import { makeRateLimiter, sendFanOut } from '../../functions/shared/domain/rate-limit';
import type { RateLimiter } from '../../functions/shared/domain/rate-limit';

/**
 * A virtual clock: `sleep` parks a timer, and `run` moves time to the earliest timer only once every
 * promise that can settle without time passing has done so (a real setImmediate drains the microtask
 * queue). Concurrent sleepers therefore overlap as they would on a real clock, deterministically.
 */
class FakeClock {
  private t = 0;
  private seq = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];

  readonly now = (): number => this.t;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve });
    });

  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const settled = work.then(
      () => (done = true),
      () => (done = true),
    );
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) break;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const timer = this.timers.shift();
      if (timer === undefined) throw new Error('Deadlock: the work is waiting, but no timer is set.');
      this.t = timer.at;
      timer.resolve();
    }
    await settled;
    return work;
  }
}

/** The largest number of `times` in any window `[t, t + windowMs)`, checking a window at every time. */
function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (const start of sorted) {
    const inWindow = sorted.filter((t) => t >= start && t < start + windowMs).length;
    max = Math.max(max, inWindow);
  }
  return max;
}

/**
 * Mean rate over the whole seconds from the first completion: a union of disjoint one-second windows,
 * so it cannot exceed the limit unless some window does. (Count over first-to-last span overstates a
 * sliding window's rate, since it lets a full window through at both ends.)
 */
function achievedPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const seconds = Math.floor(((sorted.at(-1) ?? 0) - first) / 1000);
  return sorted.filter((t) => t < first + seconds * 1000).length / seconds;
}

describe('makeRateLimiter', () => {
  it('lets no more than 14 of 100 concurrent callers through in any one-second window', async () => {
    const clock = new FakeClock();
    const limiter = makeRateLimiter({ perSecond: 14, now: clock.now, sleep: clock.sleep });
    const done: number[] = [];

    await clock.run(Promise.all(Array.from({ length: 100 }, () => limiter.acquire().then(() => done.push(clock.now())))));

    expect(done).toHaveLength(100);
    expect(maxInWindow(done)).toBeLessThanOrEqual(14);
    expect(achievedPerSecond(done)).toBeGreaterThanOrEqual(0.9 * 14);
    // A 14-wide window is full at t = 0, 1000, ... 6000 (98 sends); the last two go at 7000.
    expect(Math.max(...done)).toBe(7000);
  });

  it('does not allow a double burst across a second boundary, as a per-second bucket would', async () => {
    const clock = new FakeClock();
    const limiter = makeRateLimiter({ perSecond: 14, now: clock.now, sleep: clock.sleep });
    const done: number[] = [];
    const acquireMany = (n: number): Promise<unknown> => Promise.all(Array.from({ length: n }, () => limiter.acquire().then(() => done.push(clock.now()))));

    // Arrange: the first 14 arrive late in the first second.
    await clock.run(clock.sleep(900).then(() => acquireMany(14)));
    // Act: 14 more arrive just after the boundary.
    await clock.run(clock.sleep(200).then(() => acquireMany(14)));

    // Assert: they wait until the first 14 are a full second old.
    expect(done.slice(0, 14).every((t) => t === 900)).toBe(true);
    expect(done.slice(14).every((t) => t === 1900)).toBe(true);
    expect(maxInWindow(done)).toBe(14);
  });

  it('lets callers through at once while the window has room', async () => {
    const clock = new FakeClock();
    const limiter = makeRateLimiter({ perSecond: 3, now: clock.now, sleep: clock.sleep });
    const done: number[] = [];

    for (const at of [0, 100, 200, 1000, 1150]) {
      await clock.run(clock.sleep(at - clock.now()).then(() => limiter.acquire().then(() => done.push(clock.now()))));
    }

    expect(done).toEqual([0, 100, 200, 1000, 1150]);
  });

  it('serves callers in the order they called', async () => {
    const clock = new FakeClock();
    const limiter = makeRateLimiter({ perSecond: 2, now: clock.now, sleep: clock.sleep });
    const order: number[] = [];

    await clock.run(Promise.all(Array.from({ length: 7 }, (_, i) => limiter.acquire().then(() => order.push(i)))));

    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('widens the window by the margin', async () => {
    const clock = new FakeClock();
    const limiter = makeRateLimiter({ perSecond: 14, marginMs: 50, now: clock.now, sleep: clock.sleep });
    const done: number[] = [];

    await clock.run(Promise.all(Array.from({ length: 30 }, () => limiter.acquire().then(() => done.push(clock.now())))));

    expect(maxInWindow(done, 1050)).toBe(14);
    expect(Math.max(...done)).toBe(2100);
  });

  it('checks again when a sleep ends early', async () => {
    let t = 0;
    const naps: number[] = [];
    // A clock that only ever moves half the time asked, as an early timer would.
    const limiter = makeRateLimiter({
      perSecond: 1,
      now: () => t,
      sleep: async (ms) => {
        naps.push(ms);
        t += ms / 2;
      },
    });

    await limiter.acquire();
    await limiter.acquire();

    expect(t).toBeGreaterThanOrEqual(1000);
    expect(naps.length).toBeGreaterThan(1);
  });

  it('keeps serving the others when one sleep fails', async () => {
    let t = 0;
    let fail = true;
    const limiter = makeRateLimiter({
      perSecond: 1,
      now: () => t,
      sleep: async (ms) => {
        if (fail) {
          fail = false;
          throw new Error('timer failed');
        }
        t += ms;
      },
    });

    await limiter.acquire();
    const results = await Promise.allSettled([limiter.acquire(), limiter.acquire()]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(t).toBe(1000);
  });

  it('keeps a slot until the send ends, so uneven latency cannot bunch sends where the provider counts them', async () => {
    // The provider counts each send when it ends; the first 14 are slow (new connections), the rest quick.
    const latency = (i: number): number => (i < 14 ? 100 : 5);
    const countedWith = async (useRun: boolean): Promise<number[]> => {
      const clock = new FakeClock();
      const limiter = makeRateLimiter({ perSecond: 14, now: clock.now, sleep: clock.sleep });
      const counted: number[] = [];
      const send = async (i: number): Promise<void> => {
        await clock.sleep(latency(i));
        counted.push(clock.now());
      };
      await clock.run(Promise.all(Array.from({ length: 42 }, (_, i) => (useRun ? limiter.run(() => send(i)) : limiter.acquire().then(() => send(i))))));
      return counted;
    };

    const afterAcquire = await countedWith(false);
    const underRun = await countedWith(true);

    // Granted 14 per second, but 14 counted at 100 ms and 14 more at 1005 ms.
    expect(maxInWindow(afterAcquire)).toBe(28);
    expect(underRun).toHaveLength(42);
    expect(maxInWindow(underRun)).toBe(14);
    expect(achievedPerSecond(underRun)).toBeGreaterThanOrEqual(0.9 * 14);
  });

  it('passes on the result of run, and its error after freeing the slot', async () => {
    const clock = new FakeClock();
    const limiter = makeRateLimiter({ perSecond: 1, now: clock.now, sleep: clock.sleep });

    await expect(clock.run(limiter.run(async () => 'sent'))).resolves.toBe('sent');
    await expect(clock.run(limiter.run(() => Promise.reject(new Error('rejected by the provider'))))).rejects.toThrow('rejected by the provider');
    await expect(clock.run(limiter.run(async () => clock.now()))).resolves.toBe(2000);
  });

  it.each([0, 0.5, -3, Number.NaN, Number.POSITIVE_INFINITY])('refuses a rate of %p per second', (perSecond) => {
    expect(() => makeRateLimiter({ perSecond, now: () => 0, sleep: async () => undefined })).toThrow(RangeError);
  });

  it('rounds a fractional rate down, so that it is never exceeded', async () => {
    const clock = new FakeClock();
    const limiter = makeRateLimiter({ perSecond: 2.9, now: clock.now, sleep: clock.sleep });
    const done: number[] = [];

    await clock.run(Promise.all(Array.from({ length: 6 }, () => limiter.acquire().then(() => done.push(clock.now())))));

    expect(done).toEqual([0, 0, 1000, 1000, 2000, 2000]);
  });
});

describe('sendFanOut', () => {
  it('keeps results in the order of the items while they finish out of order', async () => {
    const clock = new FakeClock();
    const limiter = makeRateLimiter({ perSecond: 100, now: clock.now, sleep: clock.sleep });
    const items = Array.from({ length: 20 }, (_, i) => i);

    const results = await clock.run(
      sendFanOut(items, { concurrency: 5, limiter }, async (item, index) => {
        await clock.sleep(((item * 37) % 11) * 10);
        return `${item}:${index}`;
      }),
    );

    expect(results).toEqual(items.map((i) => `${i}:${i}`));
  });

  it('bounds concurrency and the rate together', async () => {
    const clock = new FakeClock();
    const limiter = makeRateLimiter({ perSecond: 14, now: clock.now, sleep: clock.sleep });
    let inFlight = 0;
    let maxInFlight = 0;
    const started: number[] = [];
    const ended: number[] = [];

    await clock.run(
      sendFanOut(
        Array.from({ length: 100 }, (_, i) => i),
        { concurrency: 4, limiter },
        async () => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          started.push(clock.now());
          await clock.sleep(120);
          ended.push(clock.now());
          inFlight--;
        },
      ),
    );

    expect(maxInFlight).toBe(4);
    expect(started).toHaveLength(100);
    expect(maxInWindow(started)).toBeLessThanOrEqual(14);
    expect(maxInWindow(ended)).toBeLessThanOrEqual(14);
    expect(achievedPerSecond(ended)).toBeGreaterThanOrEqual(0.9 * 14);
  });

  it('is held back by concurrency when the provider is slow', async () => {
    const clock = new FakeClock();
    const limiter = makeRateLimiter({ perSecond: 14, now: clock.now, sleep: clock.sleep });
    const started: number[] = [];

    // 2 in flight at 500 ms each can only reach 4 a second, well under the limit.
    await clock.run(
      sendFanOut(
        Array.from({ length: 12 }, (_, i) => i),
        { concurrency: 2, limiter },
        async () => {
          started.push(clock.now());
          await clock.sleep(500);
        },
      ),
    );

    expect(started).toEqual([0, 0, 500, 500, 1000, 1000, 1500, 1500, 2000, 2000, 2500, 2500]);
  });

  it.each([0, 1.5, Number.NaN])('refuses a concurrency of %p', async (concurrency) => {
    const limiter = makeRateLimiter({ perSecond: 1, now: () => 0, sleep: async () => undefined });

    await expect(sendFanOut([1], { concurrency, limiter }, async (x) => x)).rejects.toThrow(RangeError);
  });

  it('returns an empty list for no items without waiting on the limiter', async () => {
    const acquire = jest.fn(async () => undefined);
    const run = jest.fn();
    const limiter: RateLimiter = {
      acquire,
      run: <R>(send: () => Promise<R>): Promise<R> => {
        run();
        return send();
      },
    };

    await expect(sendFanOut([], { concurrency: 3, limiter }, async (x) => x)).resolves.toEqual([]);
    expect(run).not.toHaveBeenCalled();
    expect(acquire).not.toHaveBeenCalled();
  });
});

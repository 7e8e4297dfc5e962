import {
  decideLane,
  releasedLane,
  SEND_LANE_LEAD_MS,
  SEND_LANE_LEASE_MS,
  SEND_LANE_SKIP_AFTER_MS,
  ticketPlace,
  type SendLane,
} from '../../functions/shared/domain/rate-limit';
import { makeSharedRateLimiter, type SendLaneStore } from '../../functions/shared/services/send-rate';

/** Virtual time: `run` moves to the earliest timer only once nothing else can settle . */
class VirtualTime {
  private t = 1_700_000_000_000;
  private seq = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  readonly now = (): number => this.t;
  readonly sleep = (ms: number): Promise<void> => new Promise<void>((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve }));

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

/** The table's SENDRATE items in memory, with the same conditional writes as DynamoSendRateLimiter. */
class MemoryLaneStore implements SendLaneStore {
  issued = 0;
  readonly lanes = new Map<number, SendLane>();
  async takeTicket(): Promise<number> {
    return this.issued++;
  }
  async readLane(lane: number): Promise<SendLane | undefined> {
    const l = this.lanes.get(lane);
    return l && { ...l };
  }
  async replaceLane(lane: number, seen: SendLane | undefined, next: SendLane): Promise<boolean> {
    const current = this.lanes.get(lane);
    const same =
      seen === undefined ? current === undefined : current?.round === seen.round && current.freeFrom === seen.freeFrom && current.heldSince === seen.heldSince;
    if (!same) return false;
    this.lanes.set(lane, { ...next });
    return true;
  }
  async releaseLane(lane: number, released: SendLane): Promise<void> {
    if (this.lanes.get(lane)?.round === released.round) this.lanes.set(lane, { ...released });
  }
}

function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(0, ...sorted.map((start) => sorted.filter((t) => t >= start && t < start + windowMs).length));
}

describe('decideLane', () => {
  const T = 1_000_000;

  it('places tickets round-robin over the lanes, a round per pass', () => {
    expect([0, 1, 13, 14, 29].map((n) => ticketPlace(n, 14))).toEqual([
      { lane: 0, round: 0 },
      { lane: 1, round: 0 },
      { lane: 13, round: 0 },
      { lane: 0, round: 1 },
      { lane: 1, round: 2 },
    ]);
  });

  it('takes a lane never used, and holds it for the lease', () => {
    expect(decideLane(undefined, 0, T, T)).toEqual({ kind: 'take', lane: { round: 0, freeFrom: T + SEND_LANE_LEASE_MS, heldSince: T } });
  });

  it('takes a freed lane a moment before it frees, for the send to start a second after the last one ended', () => {
    const lane = releasedLane(4, T);
    expect(decideLane(lane, 5, T, T + 200)).toEqual({ kind: 'wait', ms: 1000 - SEND_LANE_LEAD_MS - 200 });
    expect(decideLane(lane, 5, T, T + 1000 - SEND_LANE_LEAD_MS)).toEqual({
      kind: 'take',
      lane: { round: 5, heldSince: T + 1000, freeFrom: T + 1000 + SEND_LANE_LEASE_MS },
    });
    expect(decideLane(lane, 5, T, T + 1500)).toMatchObject({ kind: 'take', lane: { round: 5, heldSince: T + 1500 } });
  });

  it('waits for a held lane until a window after its send began, then looks often', () => {
    const held: SendLane = { round: 4, freeFrom: T + SEND_LANE_LEASE_MS, heldSince: T };
    expect(decideLane(held, 5, T, T + 100)).toEqual({ kind: 'wait', ms: 900 - SEND_LANE_LEAD_MS });
    expect(decideLane(held, 5, T, T + 1200)).toEqual({ kind: 'wait', ms: 50 });
    // The sender died: the lease runs out.
    expect(decideLane(held, 5, T, T + SEND_LANE_LEASE_MS)).toMatchObject({ kind: 'take' });
  });

  it('lets a later ticket take a free lane only once the ticket before it failed to come', () => {
    const lane = releasedLane(4, T);
    const freeAt = T + 1000;
    expect(decideLane(lane, 6, freeAt, freeAt)).toMatchObject({ kind: 'wait' });
    expect(decideLane(lane, 6, freeAt, freeAt + SEND_LANE_SKIP_AFTER_MS - 1)).toMatchObject({ kind: 'wait' });
    expect(decideLane(lane, 6, freeAt, freeAt + SEND_LANE_SKIP_AFTER_MS)).toMatchObject({ kind: 'take', lane: { round: 6 } });
    // A ticket issued after the lane freed gives the earlier ones as long to come.
    expect(decideLane(lane, 6, freeAt + 5000, freeAt + 5000 + SEND_LANE_SKIP_AFTER_MS - 1)).toMatchObject({ kind: 'wait' });
  });

  it('sends a ticket overtaken on its lane back to the queue', () => {
    expect(decideLane(releasedLane(6, T), 5, T, T)).toEqual({ kind: 'requeue' });
    expect(decideLane(releasedLane(6, T), 6, T, T)).toEqual({ kind: 'requeue' });
  });
});

describe('makeSharedRateLimiter', () => {
  /**
   * `processes` limiters on one store, each sending `perProcess` emails with `concurrency` in flight;
   * a send lasts 20–120 ms and the provider counts it at a random moment within it.
   */
  async function simulate(options: { processes: number; perProcess: number; concurrency: number; rate: number; store?: MemoryLaneStore }) {
    const time = new VirtualTime();
    const store = options.store ?? new MemoryLaneStore();
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const counted: number[] = [];
    const limiters = Array.from({ length: options.processes }, () =>
      makeSharedRateLimiter(store, { perSecond: async () => options.rate, now: time.now, sleep: time.sleep }),
    );
    const send = async (mayStart: () => Promise<void>) => {
      // Preparing (the outbox claim) takes a table write before the send may start.
      await time.sleep(30);
      await mayStart();
      const latency = 20 + random() * 100;
      const at = random() * latency;
      await time.sleep(at);
      counted.push(time.now());
      await time.sleep(latency - at);
    };
    const work = Promise.all(
      limiters.map(async (limiter) => {
        let next = 0;
        const worker = async () => {
          while (next++ < options.perProcess) await limiter.run(send);
        };
        await Promise.all(Array.from({ length: options.concurrency }, worker));
      }),
    );
    const began = time.now();
    await time.run(work);
    return { counted, seconds: (time.now() - began) / 1000, store };
  }

  it('never lets one second hold more sends than the rate, across every process, and keeps close to it', async () => {
    const { counted, seconds } = await simulate({ processes: 20, perProcess: 25, concurrency: 5, rate: 14 });

    expect(counted).toHaveLength(500);
    expect(maxInWindow(counted)).toBeLessThanOrEqual(14);
    expect(500 / seconds / 14).toBeGreaterThan(0.9);
  });

  it('goes on past a ticket whose process died before using it, and a lane whose sender died holding it', async () => {
    const store = new MemoryLaneStore();
    // Ticket 0 was taken and never used; lane 1 is held by a sender that died.
    store.issued = 1;
    store.lanes.set(1, { round: 0, freeFrom: 1_700_000_000_000 + SEND_LANE_LEASE_MS, heldSince: 1_700_000_000_000 });

    const { counted } = await simulate({ processes: 2, perProcess: 20, concurrency: 3, rate: 2, store });

    expect(counted).toHaveLength(40);
    expect(maxInWindow(counted)).toBeLessThanOrEqual(2);
  });

  it('reads the rate once, and again after a failed read', async () => {
    const time = new VirtualTime();
    const perSecond = jest.fn<Promise<number>, []>().mockRejectedValueOnce(new Error('SES unavailable')).mockResolvedValue(3.7);
    const limiter = makeSharedRateLimiter(new MemoryLaneStore(), { perSecond, now: time.now, sleep: time.sleep });

    await expect(time.run(limiter.run(async () => 'x'))).rejects.toThrow('SES unavailable');
    await expect(time.run(limiter.run(async () => 'y'))).resolves.toBe('y');
    await expect(time.run(limiter.run(async () => 'z'))).resolves.toBe('z');
    expect(perSecond).toHaveBeenCalledTimes(2);
  });

  it('refuses a rate below one', async () => {
    const time = new VirtualTime();
    const limiter = makeSharedRateLimiter(new MemoryLaneStore(), { perSecond: async () => 0.5, now: time.now, sleep: time.sleep });

    await expect(time.run(limiter.run(async () => 'x'))).rejects.toThrow(RangeError);
  });

  it('rejects with the send error and frees the lane a second after it', async () => {
    const time = new VirtualTime();
    const store = new MemoryLaneStore();
    const limiter = makeSharedRateLimiter(store, { perSecond: async () => 1, now: time.now, sleep: time.sleep });
    const refused = new Error('MessageRejected');

    await expect(time.run(limiter.run(async () => Promise.reject(refused)))).rejects.toBe(refused);
    expect(store.lanes.get(0)).toEqual({ round: 0, freeFrom: time.now() + 1000 });
  });
});

import { decideLane, releasedLane, ticketPlace, type SendLane } from '../domain/rate-limit';
import type { SendRateLimiter } from '../ports';

/** Where the lanes live: the table in AWS, a map in tests. Writes are conditional on what was read. */
export interface SendLaneStore {
  /** The next ticket: 0, 1, 2, … across every process, each number once. */
  takeTicket(): Promise<number>;
  readLane(lane: number): Promise<SendLane | undefined>;
  /** Writes `next` if the lane is still exactly `seen` (undefined: absent); false when another writer changed it. */
  replaceLane(lane: number, seen: SendLane | undefined, next: SendLane): Promise<boolean>;
  /** Writes `released` if the lane is still at `released.round`: a send whose lease ran out frees nothing. */
  releaseLane(lane: number, released: SendLane): Promise<void>;
}

/** How a shared limiter learns the rate and keeps time. */
export interface SharedRateLimiterOptions {
  /** Sends per second; asked on the first send and kept. Rounded down; at least 1. A failed answer is asked again. */
  perSecond: () => Promise<number>;
  /** Epoch milliseconds, the same on every process sharing the lanes. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Milliseconds added to the window, for clocks that differ between hosts. 0 when omitted. */
  marginMs?: number;
}

/**
 * A send-rate limiter shared by every process that uses the same `store`: the lanes of
 * {@link decideLane}, taken in ticket order. `run` waits for its lane, runs `send`, and frees the lane a
 * window after `send` settles; `send` may prepare at once and awaits `mayStart` before it contacts the
 * provider. It rejects with `send`'s error, and a failure to free the lane is swallowed (the lease
 * frees it later), so a sent email is never reported as failed.
 */
export function makeSharedRateLimiter(store: SendLaneStore, options: SharedRateLimiterOptions): SendRateLimiter {
  const { now, sleep } = options;
  let lanes: Promise<number> | undefined;
  const laneCount = (): Promise<number> => {
    lanes ??= options.perSecond().then((rate) => {
      const count = Math.floor(rate);
      if (!Number.isFinite(count) || count < 1) throw new RangeError(`A send rate of ${rate} per second cannot be enforced: it must be at least 1.`);
      return count;
    });
    lanes.catch(() => (lanes = undefined));
    return lanes;
  };

  const acquire = async (count: number): Promise<{ lane: number; round: number; startAt: number }> => {
    for (;;) {
      const ticket = await store.takeTicket();
      const ticketAt = now();
      const { lane, round } = ticketPlace(ticket, count);
      for (;;) {
        const seen = await store.readLane(lane);
        const decision = decideLane(seen, round, ticketAt, now());
        if (decision.kind === 'requeue') break;
        if (decision.kind === 'wait') await sleep(decision.ms);
        else if (await store.replaceLane(lane, seen, decision.lane)) return { lane, round, startAt: decision.lane.heldSince ?? now() };
      }
    }
  };

  return {
    run: async (send) => {
      const held = await acquire(await laneCount());
      try {
        return await send(async () => {
          const early = held.startAt - now();
          if (early > 0) await sleep(early);
        });
      } finally {
        await store.releaseLane(held.lane, releasedLane(held.round, now(), options.marginMs)).catch(() => undefined);
      }
    },
  };
}

/**
 * Keeps a fan-out of emails under the mail provider's send rate (SES: "maximum send rate", messages per
 * second). Exceeding it makes SES throttle, which fails the task and retries the whole fan-out later;
 * staying under it costs only waiting.
 */
import { mapLimit } from './concurrency';

/** How a limiter counts and waits. */
export interface RateLimiterOptions {
  /**
   * Most sends in any one-second window. A fractional rate (SES reports a double) is rounded down, so
   * the limit is never exceeded; it must be at least 1.
   */
  perSecond: number;
  /** Milliseconds added to the one-second window, for a provider that counts more strictly. 0 when omitted. */
  marginMs?: number;
  /**
   * Milliseconds from any fixed origin. Should be monotonic (`performance.now`): a clock that steps back
   * delays sends by the size of the step.
   */
  now: () => number;
  /** Resolves after `ms` milliseconds: `setTimeout` in production, a fake clock in tests. */
  sleep: (ms: number) => Promise<void>;
}

/**
 * A sliding-window send-rate limiter shared by every sender of one fan-out. Callers are served in the
 * order they called. A rejected `sleep` rejects that caller only; the limiter stays usable.
 */
export interface RateLimiter {
  /**
   * Resolves when one more send may start. Over any window of one second (plus the margin) no more
   * than `perSecond` calls resolve: the bound holds for the moments sends *start*, which is not where
   * the provider counts them. Prefer `run` for sends.
   */
  acquire(): Promise<void>;
  /**
   * Waits as `acquire` does, runs `send`, and keeps its slot until `send` settles: the slot is free
   * again a full window after the send *ended*. Wherever between start and end the provider counts a
   * send, no window of one second there holds more than `perSecond`, however much latency varies.
   * Rejects with `send`'s error.
   */
  run<R>(send: () => Promise<R>): Promise<R>;
}

const WINDOW_MS = 1000;

/**
 * Builds a limiter with `perSecond` slots. A slot, once used, is free again one window later: after the
 * grant for `acquire`, after the send ends for `run`. So any `perSecond + 1` consecutive sends span at
 * least a full window (a sliding window): unlike a token bucket refilled each second, it cannot let
 * `perSecond` through at the end of one second and `perSecond` more at the start of the next.
 *
 * Decisions are serialised on a promise chain: only the caller at the head waits on a timer, instead of
 * every waiting caller waking whenever a slot frees and racing for it (unfair: a caller could lose every
 * race). Choosing a slot and taking it happen with no `await` between them, so nothing interleaves.
 *
 * Why `run` exists: on a local run of 500 emails at 14/s, bursts of 14 granted within 10 ms reached the
 * SES capture up to 100 ms apart (new connections, MIME built on one CPU), and the arrivals held 22 in
 * one second although the grants never held more than 14. Holding the slot until the send ends makes
 * the bound hold at the provider too, at the cost of one latency per window (1% at 10 ms).
 *
 * @throws RangeError when `perSecond` is below 1 or `marginMs` is negative.
 */
export function makeRateLimiter(options: RateLimiterOptions): RateLimiter {
  const limit = Math.floor(options.perSecond);
  if (!Number.isFinite(limit) || limit < 1) throw new RangeError(`A send rate of ${options.perSecond} per second cannot be enforced: it must be at least 1.`);
  const marginMs = options.marginMs ?? 0;
  if (!Number.isFinite(marginMs) || marginMs < 0) throw new RangeError(`A rate-limit margin of ${marginMs} ms must be zero or more.`);
  const windowMs = WINDOW_MS + marginMs;
  const { now, sleep } = options;

  // When each slot not in use is free from; slots held by a running send are absent until it ends.
  const freeFrom: number[] = Array.from({ length: limit }, () => Number.NEGATIVE_INFINITY);
  // Set only while the head caller waits for a running send to end, because every slot is held.
  let wake: (() => void) | undefined;
  let tail: Promise<unknown> = Promise.resolve();

  /** Waits for the slot free soonest and takes it; returns the time it was taken. */
  const takeSlot = async (): Promise<number> => {
    for (;;) {
      if (freeFrom.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      let soonest = 0;
      for (let i = 1; i < freeFrom.length; i++) if ((freeFrom[i] as number) < (freeFrom[soonest] as number)) soonest = i;
      const t = now();
      const wait = (freeFrom[soonest] as number) - t;
      if (wait <= 0) {
        freeFrom.splice(soonest, 1);
        return t;
      }
      // Sleeping on the soonest slot is enough: a slot released meanwhile is free only a full window
      // after its release, later than this one. Checked again after waking, as a timer may fire a
      // little early against `now` and a fake clock may move by less than asked.
      await sleep(wait);
    }
  };

  const release = (at: number): void => {
    freeFrom.push(at + windowMs);
    const w = wake;
    wake = undefined;
    w?.();
  };

  const inTurn = <T>(step: () => Promise<T>): Promise<T> => {
    const turn = tail.then(step);
    // The next caller waits for this one's decision, not for its success: a failed sleep must not
    // block everyone queued behind it.
    tail = turn.catch(() => undefined);
    return turn;
  };

  return {
    acquire: () =>
      inTurn(async () => {
        release(await takeSlot());
      }),
    run: async (send) => {
      await inTurn(takeSlot);
      try {
        return await send();
      } finally {
        release(now());
      }
    },
  };
}

/** How `sendFanOut` spreads the work. */
export interface FanOutOptions {
  /** Most sends in flight at once (at least 1). */
  concurrency: number;
  /** Shared limiter every send runs under. */
  limiter: RateLimiter;
}

/**
 * Runs `fn` over `items` with at most `concurrency` in flight, each call under `limiter.run`, and returns
 * the results in the order of `items`. Concurrency covers the provider's latency (at 14/s and 200 ms a
 * call, fewer than 3 in flight cannot keep up); the limiter caps the rate. A rejected call rejects the
 * returned promise at once but, as in `mapLimit`, cancels nothing: the other workers go on through the
 * remaining items. Sends are idempotent (send-once), so a retry of the task skips what went out.
 *
 * @throws RangeError when `concurrency` is not a whole number of at least 1.
 */
export async function sendFanOut<T, R>(items: readonly T[], options: FanOutOptions, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  // mapLimit with 0 workers would return an array of holes without calling fn at all.
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new RangeError(`Fan-out concurrency ${options.concurrency} must be a whole number of at least 1.`);
  }
  return mapLimit(items, options.concurrency, (item, index) => options.limiter.run(() => fn(item, index)));
}

/**
 * One lane of the account-wide send-rate limiter, as the table stores it. The limiter has as many lanes
 * as sends per second; a send holds a lane from before it starts until a full window after it ends, the
 * same rule as {@link makeRateLimiter}'s slots, shared by every process through the table.
 */
export interface SendLane {
  /** The last round taken on this lane; a ticket's round is its number divided by the lane count. */
  round: number;
  /** Epoch ms from which the next round may start: a window after the last send ended, or the lease end while one runs. */
  freeFrom: number;
  /** Epoch ms from which the send holding the lane may start; absent once it ended. */
  heldSince?: number;
}

/**
 * How long a send holds its lane when its process dies before giving it back. Longer than any send
 * (the SDK gives up on a request long before), so a live send is never overtaken.
 */
export const SEND_LANE_LEASE_MS = 60_000;
/**
 * How long a free lane waits for the ticket whose turn it is before a later ticket may take it: a ticket
 * whose process died (or gave up) must not stop its lane for good. Every live ticket reads its lane
 * well within this.
 */
export const SEND_LANE_SKIP_AFTER_MS = 1_500;
/** How often a ticket whose turn has come looks again at a lane still held past its window. */
export const SEND_LANE_POLL_MS = 50;
/**
 * How long before its lane frees a ticket takes it: the table writes and the outbox claim happen in
 * this time, and the send itself starts the moment the lane frees, so the lane idles only as long as a
 * send lasts, however slow the table is.
 */
export const SEND_LANE_LEAD_MS = 250;

/** Where ticket `ticket` (0, 1, 2, … in the order taken) waits: lane `ticket mod lanes`, in turn `ticket div lanes`. */
export function ticketPlace(ticket: number, lanes: number): { lane: number; round: number } {
  return { lane: ticket % lanes, round: Math.floor(ticket / lanes) };
}

/** What a ticket does next about its lane. */
export type LaneDecision =
  | { kind: 'take'; lane: SendLane }
  | { kind: 'wait'; ms: number }
  /** A later round took the lane first (this ticket was too slow to claim its turn): take a new ticket. */
  | { kind: 'requeue' };

/**
 * Decides for the ticket of `round`, issued at `ticketAt`, on a lane last seen as `lane` (undefined: never
 * used) at `now` (epoch ms, all of them). A ticket takes the lane when its turn has come (the round before
 * it was taken) and the lane is free; a later ticket may take a free lane nobody claimed for
 * {@link SEND_LANE_SKIP_AFTER_MS} after both the lane freed and the ticket was issued (every earlier
 * ticket existed by then). Otherwise it waits as long as its turn cannot come, then looks again.
 *
 * Safety never depends on the waiting: a lane is taken only when `now >= freeFrom`, and a taken lane is
 * free again only a window after its send ends, so no window holds more sends than there are lanes.
 */
export function decideLane(lane: SendLane | undefined, round: number, ticketAt: number, now: number): LaneDecision {
  const seen = lane ?? { round: -1, freeFrom: Number.NEGATIVE_INFINITY };
  if (seen.round >= round) return { kind: 'requeue' };
  const startAt = Math.max(now, seen.freeFrom);
  const take: LaneDecision = { kind: 'take', lane: { round, freeFrom: startAt + SEND_LANE_LEASE_MS, heldSince: startAt } };
  const ahead = round - seen.round - 1;
  if (ahead === 0) {
    if (now >= seen.freeFrom) return take;
    // Held: the send cannot free the lane before a window after it started; then look often, as it ends any moment.
    if (seen.heldSince !== undefined)
      return { kind: 'wait', ms: Math.min(seen.freeFrom - now, Math.max(seen.heldSince + WINDOW_MS - SEND_LANE_LEAD_MS - now, SEND_LANE_POLL_MS)) };
    // Freed: its time is known, so take it ahead and start the send on the dot.
    if (now >= seen.freeFrom - SEND_LANE_LEAD_MS) return take;
    return { kind: 'wait', ms: seen.freeFrom - SEND_LANE_LEAD_MS - now };
  }
  const skipAt = Math.max(seen.freeFrom, ticketAt) + SEND_LANE_SKIP_AFTER_MS;
  if (now >= skipAt) return take;
  // `ahead` tickets come first, each a window at least: look again when the first of them should have
  // taken the lane (to see whether it did) or when this ticket's turn can come at the earliest.
  const earliestTurn = (seen.heldSince ?? Math.min(seen.freeFrom, now)) + (ahead + (seen.heldSince === undefined ? 0 : 1)) * WINDOW_MS - SEND_LANE_LEAD_MS;
  return { kind: 'wait', ms: Math.max(Math.min(skipAt, Math.max(earliestTurn, now + SEND_LANE_POLL_MS)) - now, 1) };
}

/** The lane as a send that took it at round `round` gives it back, having ended at `endedAt`. */
export function releasedLane(round: number, endedAt: number, marginMs = 0): SendLane {
  return { round, freeFrom: endedAt + WINDOW_MS + marginMs };
}

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
export function makeSharedRateLimiter(
  store: SendLaneStore,
  options: SharedRateLimiterOptions,
): { run<R>(send: (mayStart: () => Promise<void>) => Promise<R>): Promise<R> } {
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

/**
 * The send rate shared by every process, as pure decisions: senders take tickets, each ticket a lane
 * and a round, and a lane is held by one send from before it starts until a window after it ends, so
 * no one-second window at the mail provider holds more sends than there are lanes
 * (services/send-rate.ts runs them over a store; adapters/dynamodb keeps the lanes in the table).
 */

/** The window a provider's per-second rate is counted over, in milliseconds. */
const WINDOW_MS = 1000;

/**
 * One lane of the account-wide send-rate limiter, as the table stores it. The limiter has as many lanes
 * as sends per second; a send holds a lane from before it starts until a full window after it ends, so
 * no window holds more sends than there are lanes, across every process sharing the table.
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

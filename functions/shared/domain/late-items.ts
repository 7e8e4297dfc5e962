/**
 * Late and urgent items: an item added after the agenda went out is taken only when the chair agrees
 * it is urgent, by reason of special circumstances which the chair specifies (LGA 1972 s.100B(4)(b)).
 * The rules here are pure; the secretariat adds an item (functions/admin/late-items.ts), the chair
 * decides by link (functions/http/links/decide-late-item/).
 */
import { createHash } from 'node:crypto';
import type { AgendaItem, Cycle, ItemPurpose } from './types';

/** The statute the chair's reason answers to, as the agenda and the minutes cite it. */
export const URGENCY_STATUTE = 'Local Government Act 1972, s.100B(4)(b)';

/** Shortest reason that says something: "urgent" alone does not specify the circumstances. */
export const MIN_REASON_CHARS = 10;
export const MAX_REASON_CHARS = 1000;

/** The chair's answer to a late item. */
export interface LateItemDecision {
  decision: 'approved' | 'refused';
  /** The chair's member id and name. */
  by: string;
  byName: string;
  /** Approved: the special circumstances the chair specified. Refused: why, if the chair said. */
  reason?: string;
  at: string;
  /** Approved: the item's number on the agenda (after every item already on it). */
  itemNumber?: number;
}

/** An item the secretariat added after circulation, waiting for (or given) the chair's decision. */
export interface LateItem {
  /** From the cycle and the title: adding the same item twice (a double click, a retried command) adds it once. */
  lateItemId: string;
  title: string;
  purpose: ItemPurpose;
  presenterMemberId?: string;
  confidential: boolean;
  /** Why it cannot wait for the next meeting, as the secretariat put it to the chair. */
  reason: string;
  /** Who added it: a name, or an email address. */
  addedBy: string;
  addedAt: string;
  decision?: LateItemDecision;
  /**
   * The outbox prefix of the supplementary agenda that carries it to members, claimed (on the cycle,
   * conditional on its version) before any email goes: one agenda sends it, and a retry of that one finishes.
   */
  circulatedIn?: string;
}

/** What an approved late item carries on the agenda: the chair's reason, printed with it. */
export interface ItemUrgency {
  lateItemId: string;
  /** The special circumstances, as the chair specified them. */
  reason: string;
  /** The chair's name. */
  chair: string;
  agreedAt: string;
}

/** Where a late item stands; `not-taken`: the meeting started before the chair decided. */
export type LateItemState = 'awaiting-chair' | 'approved' | 'refused' | 'not-taken';

/** The state of a late item at `now`: undecided at the meeting's start, it is not taken. */
export function lateItemState(item: Pick<LateItem, 'decision'>, meetingAt: string, now: Date): LateItemState {
  if (item.decision) return item.decision.decision;
  return now.getTime() >= Date.parse(meetingAt) ? 'not-taken' : 'awaiting-chair';
}

/** The state in words, for the console and the CLI. */
export function describeLateItemState(item: LateItem, meetingAt: string, now: Date, when: (iso: string) => string): string {
  const state = lateItemState(item, meetingAt, now);
  const d = item.decision;
  if (state === 'approved' && d) return `Approved by ${d.byName} on ${when(d.at)} as item ${d.itemNumber ?? '?'}: ${d.reason ?? ''}`;
  if (state === 'refused' && d) return `Refused by ${d.byName} on ${when(d.at)}${d.reason ? `: ${d.reason}` : ''}. It is not on the agenda.`;
  if (state === 'not-taken') return 'Not taken: the meeting started before the chair decided.';
  return 'Waiting for the chair: the chair was sent a link to approve or refuse it.';
}

/** The id of a late item: one per cycle and title (case and spacing aside). */
export function lateItemIdFor(cycleId: string, title: string): string {
  const normal = title.trim().replace(/\s+/g, ' ').toLowerCase();
  return createHash('sha256').update(`${cycleId}\n${normal}`).digest('hex').slice(0, 16);
}

/**
 * Why no late item may be added to the cycle now, in words a clerk can act on; undefined when one may.
 * Late means after circulation: before it, items come by the agenda call's link. At the meeting's start
 * the agenda closes: anything else is any other business, or the next meeting's.
 */
export function lateItemRefusal(cycle: Pick<Cycle, 'status' | 'packs' | 'timeline'>, now: Date, when: (iso: string) => string): string | undefined {
  if (now.getTime() >= Date.parse(cycle.timeline.meeting)) {
    return `The meeting started on ${when(cycle.timeline.meeting)}: a late item can no longer be added. Raise it under any other business, or propose it for the next meeting.`;
  }
  if (cycle.status !== 'running') return `The cycle is ${cycle.status}: late items are added to a running cycle only.`;
  if (!cycle.packs) {
    return (
      `The papers have not gone out yet (they circulate on ${when(cycle.timeline.circulation)}). A late item is one added after circulation, ` +
      `with the chair's agreement; until then items are proposed with the agenda call's link, which closed on ${when(cycle.timeline.itemDeadline)}.`
    );
  }
  return undefined;
}

/** The number an approved late item takes: after every item on the agenda and every late item numbered before it. */
export function nextItemNumber(items: readonly Pick<AgendaItem, 'number'>[], lateItems: readonly LateItem[]): number {
  const numbers = [...items.map((i) => i.number), ...lateItems.map((l) => l.decision?.itemNumber ?? 0)];
  return Math.max(0, ...numbers) + 1;
}

/**
 * The cycle's late items with `lateItemId` decided, or undefined when it is not waiting for the chair
 * (already decided: a second decision changes nothing). An approved item takes the next number.
 */
export function withDecision(
  lateItems: readonly LateItem[],
  lateItemId: string,
  decision: Omit<LateItemDecision, 'itemNumber'>,
  items: readonly Pick<AgendaItem, 'number'>[],
): LateItem[] | undefined {
  const item = lateItems.find((l) => l.lateItemId === lateItemId);
  if (!item || item.decision) return undefined;
  const numbered: LateItemDecision = decision.decision === 'approved' ? { ...decision, itemNumber: nextItemNumber(items, lateItems) } : decision;
  return lateItems.map((l) => (l.lateItemId === lateItemId ? { ...l, decision: numbered } : l));
}

/** The sentence printed under an urgent item on the agenda. */
export function urgencyNote(urgency: Pick<ItemUrgency, 'reason' | 'chair'>): string {
  return `Urgent business (${URGENCY_STATUTE}): added after the agenda went out, with the agreement of the chair, ${urgency.chair}, by reason of these special circumstances: ${urgency.reason}`;
}

/** The agenda item of an approved late item, carrying the chair's reason (and printing it under its title). */
export function agendaItemFor(cycleId: string, item: LateItem): AgendaItem | undefined {
  const d = item.decision;
  if (d?.decision !== 'approved' || d.itemNumber === undefined) return undefined;
  const urgency: ItemUrgency = { lateItemId: item.lateItemId, reason: d.reason ?? '', chair: d.byName, agreedAt: d.at };
  return {
    cycleId,
    number: d.itemNumber,
    title: item.title,
    purpose: item.purpose,
    source: 'proposal',
    ...(item.presenterMemberId ? { presenterMemberId: item.presenterMemberId } : {}),
    paperExpected: false,
    confidential: item.confidential,
    proposedBy: item.addedBy,
    notes: [urgencyNote(urgency)],
    urgency,
  };
}

/** The agenda with every approved late item on it, in number order: what a retry or a second decision converges on. */
export function agendaWithLateItems(cycleId: string, items: readonly AgendaItem[], lateItems: readonly LateItem[]): AgendaItem[] {
  const late = lateItems.flatMap((l) => agendaItemFor(cycleId, l) ?? []);
  const taken = new Set(late.map((i) => i.number));
  return [...items.filter((i) => !taken.has(i.number)), ...late].sort((a, b) => a.number - b.number);
}

/** Approved late items that no supplementary agenda has claimed yet, or that `prefix` claimed (a retry). */
export function lateItemsToCirculate(lateItems: readonly LateItem[], prefix?: string): LateItem[] {
  return lateItems.filter((l) => l.decision?.decision === 'approved' && (l.circulatedIn === undefined || l.circulatedIn === prefix));
}

/**
 * The minutes draft's lines under an urgent item: the chair's opinion and the special circumstances,
 * which the statute asks the minutes to specify. Nothing for any other item.
 */
export function urgentItemMinutes(item: Pick<AgendaItem, 'urgency'>): string[] {
  if (!item.urgency) return [];
  return [
    `The Chair was of the opinion that this item should be considered at the meeting as a matter of urgency by reason of special circumstances (${URGENCY_STATUTE}), namely: ${item.urgency.reason.replace(/\s+/g, ' ').trim()}`,
    '',
  ];
}

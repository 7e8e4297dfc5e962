import { circulationEmail } from '../emails';
import { fanOut } from '../shared/domain/concurrency';
import { agendaWithLateItems, lateItemsToCirculate, type LateItem } from '../shared/domain/late-items';
import { linkExpiry } from '../shared/domain/link-policy';
import type { Cycle } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { loadCycleContext } from '../shared/services/cycle-context';
import { makeSendWithLink } from '../shared/services/notify';
import { outboxKeys } from '../shared/table/outbox-keys';

/**
 * Puts every approved late item on the agenda (numbers after the items already there), if one is
 * missing: the chair's decision is recorded on the cycle first, so whoever comes next (a retried
 * decision, the supplementary circulation) finishes what a failure left undone.
 */
export async function ensureLateItemsOnAgenda(d: Pick<CoreDeps, 'cycles'>, cycle: Pick<Cycle, 'cycleId' | 'lateItems'>): Promise<void> {
  const items = await d.cycles.listItems(cycle.cycleId);
  const agenda = agendaWithLateItems(cycle.cycleId, items, cycle.lateItems ?? []);
  if (agenda.length !== items.length) await d.cycles.putItems(cycle.cycleId, agenda);
}

/**
 * Claims the approved late items that no supplementary agenda carries yet for the one sent under
 * `prefix` (its outbox prefix), or only `only` of them; a retry under the same prefix gets the same
 * items back. Written on the cycle, conditional on its version, before any email goes: two senders
 * never both send one item.
 */
export async function claimLateItems(d: Pick<CoreDeps, 'cycles'>, ref: CycleRef, prefix: string, only?: string): Promise<LateItem[]> {
  let claimed: LateItem[] = [];
  await d.cycles.updateCycle(ref.boardId, ref.cycleId, (c) => {
    claimed = lateItemsToCirculate(c.lateItems ?? [], prefix).filter((l) => only === undefined || l.lateItemId === only);
    if (claimed.length === 0) return {};
    const ids = new Set(claimed.map((l) => l.lateItemId));
    return { lateItems: (c.lateItems ?? []).map((l) => (ids.has(l.lateItemId) ? { ...l, circulatedIn: prefix } : l)) };
  });
  return claimed;
}

/** The agenda numbers of late items. */
export const lateItemNumbers = (late: readonly LateItem[]): Set<number> => new Set(late.flatMap((l) => l.decision?.itemNumber ?? []));

/** What each late item's line says is new, by agenda number. */
export const lateItemChanges = (late: readonly LateItem[]): [number, string][] =>
  late.flatMap((l) =>
    l.decision?.itemNumber !== undefined ? [[l.decision.itemNumber, "added as urgent business with the chair's agreement"] as [number, string]] : [],
  );

/** The line above a supplementary agenda about its late items. */
export function lateItemsNote(late: readonly LateItem[], packPages?: number): string {
  const numbers = [...lateItemNumbers(late)].sort((a, b) => a - b);
  const which = numbers.length === 1 ? `Item ${numbers[0]} was` : `Items ${numbers.join(', ')} were`;
  const pack = packPages !== undefined ? ` The board pack's agenda now lists ${numbers.length === 1 ? 'it' : 'them'} (${packPages} pages).` : '';
  return `${which} added to the agenda after it went out, as urgent business with the chair's agreement: the chair's reason is printed under each.${pack}`;
}

/**
 * A late item approved after the supplementary circulation's day goes out at once, on a supplementary
 * agenda of its own (the item and the chair's reason, and the papers page) to every member. The pack is
 * not rebuilt: this runs behind the chair's link, and the item is taken at the meeting as tabled.
 * @returns how many members were sent it (0 when another agenda carries it already).
 */
export async function sendLateItemAgenda(
  d: Pick<CoreDeps, 'boards' | 'cycles' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config'>,
  ref: CycleRef,
  lateItemId: string,
): Promise<number> {
  const prefix = outboxKeys.supplementary(ref.cycleId, `late-${lateItemId}`);
  const late = await claimLateItems(d, ref, prefix, lateItemId);
  if (late.length === 0) return 0;
  const ctx = await loadCycleContext(d, ref.boardId, ref.cycleId);
  await ensureLateItemsOnAgenda(d, ctx.cycle);
  const numbers = lateItemNumbers(late);
  const items = (await d.cycles.listItems(ref.cycleId)).filter((i) => numbers.has(i.number));
  const changes = new Map(lateItemChanges(late));
  const sendWithLink = makeSendWithLink(d);
  const basis = { now: d.clock.now(), timeline: ctx.cycle.timeline };
  const sent = await fanOut(ctx.members, { concurrency: d.config.sendConcurrency, label: (m) => m.memberId }, (member) =>
    sendWithLink({
      key: outboxKeys.circulationTo(prefix, member.memberId),
      to: member,
      kind: 'circulation',
      link: { purpose: 'view-papers', boardId: ref.boardId, cycleId: ref.cycleId, expiresAt: linkExpiry('view-papers', basis) },
      render: (papersUrl) =>
        circulationEmail({
          board: ctx.board.name,
          secretariatEmail: ctx.secretariatEmail,
          meetingWhen: ctx.when(ctx.cycle.timeline.meeting),
          venue: ctx.cycle.meeting.venue,
          supplementary: true,
          items: items.map((i) => ({ number: i.number, title: i.title, notes: i.notes ?? [], change: changes.get(i.number) ?? '' })),
          packUrl: papersUrl,
          papersNote: lateItemsNote(late),
        }),
    }),
  );
  return sent.filter(Boolean).length;
}

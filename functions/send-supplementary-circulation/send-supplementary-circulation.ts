import { makeBuildBoardPack } from '../build-board-pack/build-board-pack';
import { circulate } from '../circulate-papers/circulate-papers';
import { loadCycleContext } from '../shared/services/cycle-context';
import { sendDeputyPapers } from '../shared/services/deputy-papers';
import { describeFile } from '../shared/documents/file-type';
import type { Paper } from '../shared/domain/types';
import { appendicesByItem, isPaper, latestPapers } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';
import { claimLateItems, ensureLateItemsOnAgenda, lateItemChanges, lateItemNumbers, lateItemsNote } from '../admin/late-item-agenda';

/** What arrived for one item after the papers went out. */
export interface ItemChange {
  /** A new paper, or a new version of one: the pack must be rebuilt. */
  paper: boolean;
  appendices: number;
  /** As the email says it: "a new version of the paper and appendix 2 (Excel workbook, 1.2 MB)". */
  text: string;
}

/** "a, b and c". */
function andList(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** What is new for each item, by item number, compared with the S3 keys that went out (`circulated`). */
export function changesSince(uploads: readonly Paper[], circulated: ReadonlySet<string>): Map<number, ItemChange> {
  const changes = new Map<number, { paper: boolean; appendices: number; parts: string[] }>();
  const change = (item: number) => changes.get(item) ?? changes.set(item, { paper: false, appendices: 0, parts: [] }).get(item)!;
  for (const [item, paper] of latestPapers(uploads)) {
    if (circulated.has(paper.s3Key)) continue;
    const replaces = uploads.some((u) => u.itemNumber === item && isPaper(u) && circulated.has(u.s3Key));
    const c = change(item);
    c.paper = true;
    c.parts.push(replaces ? 'a new version of the paper' : 'the paper');
  }
  for (const [item, appendices] of appendicesByItem(uploads)) {
    appendices.forEach((a, i) => {
      if (circulated.has(a.s3Key)) return;
      const c = change(item);
      c.appendices += 1;
      c.parts.push(`appendix ${i + 1} (${describeFile(a)})`);
    });
  }
  return new Map([...changes].sort(([a], [b]) => a - b).map(([item, { paper, appendices, parts }]) => [item, { paper, appendices, text: andList(parts) }]));
}

/** The line above the agenda of a supplementary circulation: what arrived, and whether the pack changed. */
function supplementaryNote(items: number, newPapers: number, papersOnly: boolean, pages: number): string {
  if (papersOnly) {
    return `${items === 1 ? 'This paper arrived' : `These ${items} papers arrived`} after the papers went out. The board pack now includes ${items === 1 ? 'it' : 'them'} (${pages} pages).`;
  }
  const what = `${items === 1 ? 'This item has' : `These ${items} items have`} new papers or appendices since the papers went out.`;
  return newPapers > 0
    ? `${what} The board pack now includes the new ${newPapers === 1 ? 'paper' : 'papers'} (${pages} pages); appendices are separate files.`
    : `${what} Appendices are separate files: the board pack has not changed.`;
}

/**
 * Before the meeting: papers and appendices that arrived after the main circulation, and late items the
 * chair agreed to take as urgent business, go out in one supplementary circulation. The packs are rebuilt
 * when a paper or an item is new, and the email lists only the items that changed, each saying what is new
 * (a late item, the chair's reason).
 */
export const makeSendSupplementaryCirculation =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'documents' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config' | 'interests'>) =>
  async (input: CycleRef): Promise<{ items: number; sent: number }> => {
    const before = await loadCycleContext(d, input.boardId, input.cycleId);
    const packs = before.cycle.packs;
    if (!packs) return { items: 0, sent: 0 };
    const uploads = await d.cycles.listPapers(input.cycleId);
    // What had gone out: a retry after the packs were rebuilt (and some emails sent) reads it from the
    // record made before the rebuild, so the same changes go to the members not yet reached.
    const basis = before.cycle.supplementaryPending ?? { circulated: packs.papers ?? [], builtAt: packs.builtAt };
    // Late: not among what went out (a new paper or version of one, or a new appendix).
    const changes = changesSince(uploads, new Set(basis.circulated));
    const keyPrefix = outboxKeys.supplementary(input.cycleId, basis.builtAt);
    const late = await claimLateItems(d, input, keyPrefix);
    if (changes.size === 0 && late.length === 0) return { items: 0, sent: 0 };
    const newPapers = [...changes.values()].filter((c) => c.paper).length;
    if (!before.cycle.supplementaryPending) await d.cycles.updateCycle(input.boardId, input.cycleId, () => ({ supplementaryPending: basis }));
    if (late.length > 0) await ensureLateItemsOnAgenda(d, (await d.cycles.getCycle(input.boardId, input.cycleId)) ?? before.cycle);
    if (newPapers > 0 || late.length > 0) await makeBuildBoardPack(d)(input);
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const lateNumbers = lateItemNumbers(late);
    const items = (await d.cycles.listItems(input.cycleId)).filter((i) => changes.has(i.number) || lateNumbers.has(i.number));
    const sent = await circulate(d, ctx, items, {
      keyPrefix,
      supplementary: true,
      uploads,
      changes: new Map([...[...changes].map(([item, c]): [number, string] => [item, c.text]), ...lateItemChanges(late)]),
      note: (pages) =>
        [
          changes.size > 0
            ? supplementaryNote(
                changes.size,
                newPapers,
                [...changes.values()].every((c) => c.appendices === 0),
                pages,
              )
            : '',
          late.length > 0 ? lateItemsNote(late, pages) : '',
        ]
          .filter(Boolean)
          .join(' '),
    });
    await sendDeputyPapers(d, ctx, { kind: 'supplementary', builtAt: basis.builtAt, items });
    // Everything went: the uploads are recorded as sent (the rebuilt pack lists its papers already;
    // appendices are added here) and the pending record is cleared, in one write.
    const sentKeys = uploads.map((u) => u.s3Key);
    await d.cycles.updateCycle(input.boardId, input.cycleId, (c) => ({
      ...(c.packs ? { packs: { ...c.packs, papers: [...new Set([...(c.packs.papers ?? []), ...sentKeys])] } } : {}),
      supplementaryPending: undefined,
    }));
    return { items: items.length, sent };
  };

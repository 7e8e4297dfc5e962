import { makeBuildBoardPack } from '../build-board-pack/build-board-pack';
import { circulate } from '../circulate-papers/circulate-papers';
import { loadCycleContext } from '../shared/domain/cycle-context';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

/**
 * Before the meeting: papers that arrived after the main circulation go out in one supplementary
 * circulation. The packs are rebuilt to include them, and the email lists only the items that changed.
 */
export const makeSendSupplementaryCirculation =
  (d: CoreDeps) =>
  async (input: CycleRef): Promise<{ items: number; sent: number }> => {
    const before = await loadCycleContext(d, input.boardId, input.cycleId);
    const builtAt = before.cycle.packs?.builtAt;
    const inPack = new Set(before.cycle.packs?.papers ?? []);
    const papers = await d.cycles.listPapers(input.cycleId);
    // Late: a version that is not in the circulated pack (a new paper, or a new version of one).
    const late = new Set(papers.filter((p) => builtAt !== undefined && !inPack.has(p.s3Key)).map((p) => p.itemNumber));
    if (late.size === 0) return { items: 0, sent: 0 };
    await makeBuildBoardPack(d)(input);
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const items = (await d.cycles.listItems(input.cycleId)).filter((i) => late.has(i.number));
    const sent = await circulate(d, ctx, items, {
      keyPrefix: `supplementary#${input.cycleId}#${builtAt}`,
      supplementary: true,
      withPaper: late,
      note: (pages) =>
        `${items.length === 1 ? 'This paper arrived' : `These ${items.length} papers arrived`} after the papers went out. The board pack now includes ${items.length === 1 ? 'it' : 'them'} (${pages} pages).`,
    });
    return { items: items.length, sent };
  };

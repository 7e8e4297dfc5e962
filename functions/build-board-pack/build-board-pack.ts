import { buildBoardPack, type PackAudience } from '../shared/domain/board-pack';
import { loadCycleContext } from '../shared/domain/cycle-context';
import type { Paper, PackFile } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

export const packKey = (cycleId: string, audience: PackAudience): string => `packs/${cycleId}/${audience}.pdf`;

/**
 * At circulation: the latest version of each paper, merged in agenda order with a cover, an agenda with
 * page numbers and bookmarks, into the members' pack and the public pack (exempt items withheld).
 * Rebuilding gives the same packs, so a retry is harmless.
 */
export const makeBuildBoardPack =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'documents' | 'clock'>) =>
  async (input: CycleRef): Promise<{ members: number; public: number }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const [items, papers] = await Promise.all([d.cycles.listItems(input.cycleId), d.cycles.listPapers(input.cycleId)]);
    const latest = new Map<number, Paper>();
    for (const p of papers) if ((latest.get(p.itemNumber)?.version ?? 0) < p.version) latest.set(p.itemNumber, p);
    const names = new Map(ctx.members.map((m) => [m.memberId, m.name]));
    const withPapers = await Promise.all(
      items.map(async (item) => {
        const paper = latest.get(item.number);
        const presenter = item.presenterMemberId ? names.get(item.presenterMemberId) : undefined;
        return {
          number: item.number,
          title: item.title,
          confidential: item.confidential,
          ...(presenter ? { presenter } : {}),
          ...(paper ? { paper: { bytes: await d.documents.getBytes(paper.s3Key), fileName: paper.fileName } } : {}),
        };
      }),
    );
    const build = async (audience: PackAudience): Promise<PackFile> => {
      const pack = await buildBoardPack({
        boardName: ctx.board.name,
        meetingWhen: ctx.when(ctx.cycle.timeline.meeting),
        venue: ctx.cycle.meeting.venue,
        items: withPapers,
        audience,
      });
      const s3Key = packKey(input.cycleId, audience);
      await d.documents.putBytes(s3Key, pack.pdf, 'application/pdf');
      return { s3Key, pages: pack.pages, size: pack.pdf.byteLength, itemStartPages: pack.itemStartPages };
    };
    const members = await build('members');
    const publicPack = await build('public');
    const included = [...latest.values()].map((p) => p.s3Key);
    await d.cycles.updateCycle(input.boardId, input.cycleId, () => ({
      packs: { members, public: publicPack, builtAt: d.clock.now().toISOString(), papers: included },
    }));
    return { members: members.pages, public: publicPack.pages };
  };

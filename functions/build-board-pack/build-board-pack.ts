import { createHash } from 'node:crypto';
import type { BoardPackItem, PackAudience } from '../shared/documents/board-pack';
import { assembleBoardPack } from '../shared/documents/on-demand-board-pack';
import { loadCycleContext } from '../shared/services/cycle-context';
import { CycleFailedError } from '../shared/domain/errors';
import type { PackFile, Paper } from '../shared/domain/types';
import { isPaper, latestPapers } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { packTitle } from '../shared/domain/short-notice';
import { packHtmlKey, packKey } from '../shared/table/object-keys';
import { packHtml } from '../shared/documents/pack-html';
import { log } from '../shared/runtime/observability';

/**
 * The bytes of a paper as they were checked. Only the app writes a checked key, so a mismatch is not
 * an expected outcome: the pack is not built rather than built with a file nobody checked.
 */
async function checkedBytes(d: Pick<CoreDeps, 'documents'>, paper: Paper): Promise<Uint8Array> {
  const bytes = await d.documents.getBytes(paper.s3Key);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (paper.sha256 !== undefined && sha256 !== paper.sha256) {
    throw new CycleFailedError(
      `The paper for item ${paper.itemNumber} (version ${paper.version}) at ${paper.s3Key} is not the file that was checked when it was uploaded.`,
    );
  }
  return bytes;
}

/**
 * At circulation: the latest version of each paper, merged in agenda order with a cover, an agenda with
 * page numbers and bookmarks, into the members' pack and the public pack (exempt items withheld).
 * Appendices stay out of both: they are circulated as files of their own. Each pack gets a web page
 * twin beside it (cover and agenda with a link to each paper, for screen readers). Rebuilding gives the
 * same packs, so a retry is harmless.
 *
 * Memory stays near one pack plus one paper: each paper is fetched only when the pack reaches it and
 * dropped once its pages are in, and the pack is uploaded in parts as it is written.
 */
export const makeBuildBoardPack =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'documents' | 'clock'>) =>
  async (input: CycleRef): Promise<{ members: number; public: number }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const [items, uploads] = await Promise.all([d.cycles.listItems(input.cycleId), d.cycles.listPapers(input.cycleId)]);
    const latest = latestPapers(uploads);
    const names = new Map(ctx.members.map((m) => [m.memberId, m.name]));
    const packItems: BoardPackItem[] = items.map((item) => {
      const paper = latest.get(item.number);
      const presenter = item.presenterMemberId ? names.get(item.presenterMemberId) : undefined;
      return {
        number: item.number,
        title: item.title,
        confidential: item.confidential,
        ...(presenter ? { presenter } : {}),
        ...(item.urgency ? { urgency: item.urgency.reason } : {}),
        ...(paper ? { paper: { fileName: paper.fileName, load: () => checkedBytes(d, paper) } } : {}),
      };
    });
    const cover = { boardName: packTitle(ctx.board.name, ctx.cycle), meetingWhen: ctx.when(ctx.cycle.timeline.meeting), venue: ctx.cycle.meeting.venue };
    const build = async (audience: PackAudience): Promise<PackFile> => {
      const pack = await assembleBoardPack({ ...cover, items: packItems, audience });
      const s3Key = packKey(input.cycleId, audience);
      const { size } = await d.documents.putStream(s3Key, pack.chunks, 'application/pdf');
      if (pack.undrawable > 0) log().warn('Characters the font cannot draw were printed as "?" in the board pack', { audience, undrawable: pack.undrawable });
      // The web page twin, for screen readers: written after the pack, whose pages and size it gives.
      const twin = packHtml({
        ...cover,
        audience,
        pack: { pages: pack.pages, size },
        items: packItems.map(({ number, title, presenter, confidential, urgency }) => {
          const paper = latest.get(number);
          const packPage = pack.itemStartPages[number];
          return {
            number,
            title,
            confidential,
            ...(presenter ? { presenter } : {}),
            ...(urgency ? { urgency } : {}),
            ...(paper && packPage !== undefined
              ? { paper: { contentType: paper.contentType, size: paper.size, pages: pack.itemPageCounts[number] ?? 0, packPage } }
              : {}),
          };
        }),
      });
      await d.documents.putText(packHtmlKey(input.cycleId, audience), twin, 'text/html; charset=utf-8');
      return { s3Key, pages: pack.pages, size, itemStartPages: pack.itemStartPages };
    };
    // One after the other: each pack holds its papers' pages in memory until it is written.
    const members = await build('members');
    const publicPack = await build('public');
    // What goes out at circulation: the supplementary circulation sends whatever is not in this list.
    const circulated = [...latest.values(), ...uploads.filter((u) => !isPaper(u))].map((p) => p.s3Key);
    await d.cycles.updateCycle(input.boardId, input.cycleId, () => ({
      packs: { members, public: publicPack, builtAt: d.clock.now().toISOString(), papers: circulated },
    }));
    return { members: members.pages, public: publicPack.pages };
  };

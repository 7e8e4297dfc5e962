import { makeBuildBoardPack } from '../build-board-pack/build-board-pack';
import { circulationEmail } from '../emails';
import { mapLimit } from '../shared/domain/concurrency';
import { loadCycleContext } from '../shared/domain/cycle-context';
import { DAY_MS } from '../shared/domain/issue-link';
import { makeSendWithLink } from '../shared/domain/notify';
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
    const late = [...new Set(papers.filter((p) => builtAt !== undefined && !inPack.has(p.s3Key)).map((p) => p.itemNumber))];
    if (late.length === 0) return { items: 0, sent: 0 };
    await makeBuildBoardPack(d)(input);
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const items = (await d.cycles.listItems(input.cycleId)).filter((i) => late.includes(i.number));
    const names = new Map(ctx.members.map((m) => [m.memberId, m.name]));
    const sendWithLink = makeSendWithLink(d);
    const packs = ctx.cycle.packs;
    const sent = await mapLimit(ctx.members, d.config.sendConcurrency, (member) =>
      sendWithLink({
        key: `supplementary#${input.cycleId}#${builtAt}#${member.memberId}`,
        to: member,
        kind: 'circulation',
        link: {
          purpose: 'view-papers',
          boardId: input.boardId,
          cycleId: input.cycleId,
          expiresAt: new Date(Date.parse(ctx.cycle.timeline.meeting) + 90 * DAY_MS),
          singleUse: false,
        },
        render: (papersUrl) =>
          circulationEmail({
            board: ctx.board.name,
            secretariatEmail: ctx.secretariatEmail,
            meetingWhen: ctx.when(ctx.cycle.timeline.meeting),
            venue: ctx.cycle.meeting.venue,
            supplementary: true,
            items: items.map((i) => ({
              number: i.number,
              title: i.title,
              ...(i.presenterMemberId ? { presenter: names.get(i.presenterMemberId) ?? '' } : {}),
              paperUrl: `${papersUrl}/paper/${i.number}`,
            })),
            apologiesUrl: `${papersUrl}/apologies`,
            ...(packs
              ? {
                  packUrl: papersUrl,
                  papersNote: `${items.length === 1 ? 'This paper arrived' : `These ${items.length} papers arrived`} after the papers went out. The board pack now includes ${items.length === 1 ? 'it' : 'them'} (${packs.members.pages} pages).`,
                }
              : {}),
          }),
      }),
    );
    return { items: items.length, sent: sent.filter(Boolean).length };
  };

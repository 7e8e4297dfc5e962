import { circulationEmail } from '../emails';
import { mapLimit } from '../shared/domain/concurrency';
import { loadCycleContext } from '../shared/domain/cycle-context';
import { DAY_MS } from '../shared/domain/issue-link';
import { invitationFor } from '../shared/domain/invitation';
import { makeSendWithLink } from '../shared/domain/notify';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

/**
 * Sends every member the agenda and a link per paper. Links lead to the app, which issues a short-lived
 * download only when followed: no presigned URL is ever put in an email.
 */
export const makeCirculatePapers =
  (d: CoreDeps) =>
  async (input: CycleRef): Promise<{ sent: number; papers: number }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const [items, papers] = await Promise.all([d.cycles.listItems(input.cycleId), d.cycles.listPapers(input.cycleId)]);
    const withPaper = new Set(papers.map((p) => p.itemNumber));
    const names = new Map(ctx.members.map((m) => [m.memberId, m.name]));
    const packs = ctx.cycle.packs;
    const sendWithLink = makeSendWithLink(d);
    const sent = await mapLimit(ctx.members, d.config.sendConcurrency, (member) =>
      sendWithLink({
        key: `circulation#${input.cycleId}#${member.memberId}`,
        to: member,
        kind: 'circulation',
        attachments: invitationFor(ctx, member, d.clock.now(), items.map((i) => `${i.number}. ${i.title}`).join('\n')),
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
            items: items.map((i) => ({
              number: i.number,
              title: i.title,
              ...(i.presenterMemberId ? { presenter: names.get(i.presenterMemberId) ?? '' } : {}),
              ...(withPaper.has(i.number) ? { paperUrl: `${papersUrl}/paper/${i.number}` } : {}),
              ...(packs?.members.itemStartPages?.[i.number] !== undefined ? { packPage: packs.members.itemStartPages[i.number] } : {}),
            })),
            apologiesUrl: `${papersUrl}/apologies`,
            ...(packs
              ? {
                  // The papers page, whose button opens the pack: a POST counts the opening, a scanner's GET does not.
                  packUrl: papersUrl,
                  papersNote: `The board pack is one PDF of ${packs.members.pages} pages; each paper can also be opened on its own.`,
                }
              : {}),
          }),
      }),
    );
    return { sent: sent.filter(Boolean).length, papers: withPaper.size };
  };

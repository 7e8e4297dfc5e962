import { circulationEmail } from '../emails';
import { fanOut } from '../shared/domain/concurrency';
import { loadCycleContext, type CycleContext } from '../shared/services/cycle-context';
import { linkExpiry } from '../shared/domain/link-policy';
import { appendixPath } from '../shared/domain/links';
import { sendDeputyPapers } from '../shared/services/deputy-papers';
import { makeIssueLink } from '../shared/services/issue-link';
import { invitationFor } from '../shared/services/invitation';
import { prepareInterests } from '../shared/services/interests-circulation';
import { alreadySent, makeSendWithLink } from '../shared/services/notify';
import { describeFile } from '../shared/documents/file-type';
import { PACK_HTML_PATH } from '../shared/documents/pack-html';
import type { AgendaItem, Paper } from '../shared/domain/types';
import { appendicesByItem, isPaper, latestPapers } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';

/**
 * Sends every member the agenda (or, for a supplementary circulation, the items that changed) with
 * links to the papers, their appendices, the pack and apologies. Links lead to the app, which issues a
 * short-lived download only when followed: no presigned URL is ever put in an email.
 *
 * `uploads` are the papers and appendices to link: each item's latest paper and all its appendices.
 */
export async function circulate(
  d: Pick<CoreDeps, 'outbox' | 'sendOnce' | 'links' | 'boards' | 'clock' | 'config' | 'interests'>,
  ctx: CycleContext,
  items: readonly AgendaItem[],
  opts: {
    keyPrefix: string;
    supplementary: boolean;
    uploads: readonly Paper[];
    /** What is new for each item since the papers went out (supplementary circulations). */
    changes?: ReadonlyMap<number, string>;
    note: (packPages: number) => string;
  },
): Promise<number> {
  const { cycle } = ctx;
  const names = new Map(ctx.members.map((m) => [m.memberId, m.name]));
  const packs = cycle.packs;
  const papers = latestPapers(opts.uploads);
  const appendices = appendicesByItem(opts.uploads);
  const sendWithLink = makeSendWithLink(d);
  const issueLink = makeIssueLink(d);
  const basis = { now: d.clock.now(), timeline: cycle.timeline };
  const interestsOf = await prepareInterests(d, ctx, items, opts.supplementary);
  const sent = await fanOut(ctx.members, { concurrency: d.config.sendConcurrency, label: (m) => m.memberId }, async (member) => {
    const key = outboxKeys.circulationTo(opts.keyPrefix, member.memberId);
    // Checked before the apologies link is issued, so that a retry makes none that nobody receives.
    if (await alreadySent(d, key)) return false;
    const apologiesUrl = await issueLink({
      purpose: 'send-apologies',
      boardId: cycle.boardId,
      cycleId: cycle.cycleId,
      memberId: member.memberId,
      expiresAt: linkExpiry('send-apologies', basis),
    });
    const interests = await interestsOf(member);
    return sendWithLink({
      key,
      to: member,
      kind: 'circulation',
      attachments: opts.supplementary ? [] : await invitationFor(ctx, member, d.clock.now(), items.map((i) => `${i.number}. ${i.title}`).join('\n')),
      link: {
        purpose: 'view-papers',
        boardId: cycle.boardId,
        cycleId: cycle.cycleId,
        expiresAt: linkExpiry('view-papers', basis),
      },
      render: (papersUrl) =>
        circulationEmail({
          board: ctx.board.name,
          secretariatEmail: ctx.secretariatEmail,
          meetingWhen: ctx.when(cycle.timeline.meeting),
          venue: cycle.meeting.venue,
          supplementary: opts.supplementary,
          ...(cycle.online ? { online: cycle.online } : {}),
          items: items.map((i) => ({
            number: i.number,
            title: i.title,
            ...(i.presenterMemberId ? { presenter: names.get(i.presenterMemberId) ?? '' } : {}),
            ...(papers.has(i.number) ? { paperUrl: `${papersUrl}/paper/${i.number}` } : {}),
            ...(appendices.has(i.number)
              ? {
                  appendices: appendices.get(i.number)!.map((a, n) => ({
                    number: n + 1,
                    url: `${papersUrl}/${appendixPath(a)}`,
                    description: describeFile(a),
                  })),
                }
              : {}),
            ...(opts.changes?.has(i.number) ? { change: opts.changes.get(i.number)! } : {}),
            ...(i.notes?.length ? { notes: i.notes } : {}),
            ...(packs?.members.itemStartPages?.[i.number] !== undefined ? { packPage: packs.members.itemStartPages[i.number] } : {}),
            ...(interests.withheld.has(i.number) ? { withheld: true } : {}),
          })),
          apologiesUrl,
          interests,
          ...(cycle.extraordinary ? { extraordinary: { reason: cycle.extraordinary.reason } } : {}),
          // The papers page, whose button opens the pack: a POST counts the opening, a scanner's GET does not.
          ...(packs ? { packUrl: papersUrl, papersNote: opts.note(packs.members.pages) } : {}),
          ...(packs ? { packHtmlUrl: `${papersUrl}/${PACK_HTML_PATH}` } : {}),
        }),
    });
  });
  return sent.filter(Boolean).length;
}

/** At circulation: the agenda and every paper and appendix to every member, with a calendar invitation. */
export const makeCirculatePapers =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config' | 'interests'>) =>
  async (input: CycleRef): Promise<{ sent: number; papers: number }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const [items, uploads] = await Promise.all([d.cycles.listItems(input.cycleId), d.cycles.listPapers(input.cycleId)]);
    const sent = await circulate(d, ctx, items, {
      keyPrefix: outboxKeys.circulation(input.cycleId),
      supplementary: false,
      uploads,
      note: (pages) =>
        `The board pack is one PDF of ${pages} pages; each paper can also be opened on its own${uploads.some((u) => !isPaper(u)) ? ', and appendices are separate files' : ''}.`,
    });
    // Deputies named before the papers went out get them too, with a link of their own.
    await sendDeputyPapers(d, ctx, { kind: 'circulation' });
    return { sent, papers: latestPapers(uploads).size };
  };

import { deputyPapersEmail } from '../../emails';
import { deputySeal } from '../domain/attendance';
import { linkExpiry } from '../domain/link-policy';
import type { AgendaItem } from '../domain/types';
import type { CoreDeps } from '../ports';
import { outboxKeys } from '../table/outbox-keys';
import type { CycleContext } from './cycle-context';
import { makeIssueLink } from './issue-link';
import { alreadySent, messageTo } from './notify';

/** Which sending of the papers a deputy gets: the circulation, or one supplementary circulation (by its pack's build time). */
export type DeputyRound = { kind: 'circulation' } | { kind: 'supplementary'; builtAt: string; items: readonly AgendaItem[] };

/**
 * Sends each deputy named with apologies (or only `memberId`'s) the papers, with a link of their own:
 * sealed to this cycle and to the apologies that named them, so it stops working when those change. Once
 * per deputy and round, whoever calls first (the circulation, or apologies arriving after it).
 */
export async function sendDeputyPapers(
  d: Pick<CoreDeps, 'cycles' | 'outbox' | 'sendOnce' | 'links' | 'boards' | 'clock' | 'config'>,
  ctx: CycleContext,
  round: DeputyRound,
  memberId?: string,
): Promise<number> {
  const { cycle } = ctx;
  const attendance = (await d.cycles.listAttendance(cycle.cycleId)).filter(
    (a) => a.status === 'apologies' && a.deputy && (memberId === undefined || a.memberId === memberId),
  );
  if (attendance.length === 0) return 0;
  const items = round.kind === 'supplementary' ? round.items : await d.cycles.listItems(cycle.cycleId);
  const issueLink = makeIssueLink(d);
  let sent = 0;
  for (const a of attendance) {
    const member = ctx.members.find((m) => m.memberId === a.memberId);
    const seal = deputySeal(cycle.cycleId, a);
    if (!member || !a.deputy || !seal) continue;
    const key = outboxKeys.deputyPapers(cycle.cycleId, a.memberId, seal, round.kind === 'circulation' ? 'circulation' : round.builtAt);
    // Checked before the link is issued, so that a retry makes none that nobody receives.
    if (await alreadySent(d, key)) continue;
    const papersUrl = await issueLink({
      purpose: 'deputy-papers',
      boardId: cycle.boardId,
      cycleId: cycle.cycleId,
      memberId: member.memberId,
      subject: seal,
      expiresAt: linkExpiry('deputy-papers', { now: d.clock.now(), timeline: cycle.timeline }),
    });
    const email = deputyPapersEmail({
      board: ctx.board.name,
      secretariatEmail: ctx.secretariatEmail,
      deputyName: a.deputy.name,
      memberName: member.name,
      meetingWhen: ctx.when(cycle.timeline.meeting),
      venue: cycle.meeting.venue,
      items: items.map((i) => ({ number: i.number, title: i.title })),
      papersUrl,
      supplementary: round.kind === 'supplementary',
      ...(cycle.online ? { online: cycle.online } : {}),
    });
    // The deputy is no member: the message names the board (for its audit trail) but no member recipient.
    const to = { name: a.deputy.name, email: a.deputy.email, boardId: cycle.boardId };
    if ((await d.sendOnce(key, messageTo(to, 'deputy-papers', email))).sent) sent += 1;
  }
  return sent;
}

import { papersNotReceivedEmail } from '../emails';
import { loadCycleContext, requireSecretariat } from '../shared/services/cycle-context';
import { messageTo } from '../shared/services/notify';
import { isPaper } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';

/**
 * At the paper deadline: the secretariat hears which papers have not arrived (nothing when all have). An
 * item with appendices but no paper is missing its paper.
 */
export const makeReportMissingPapers =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'sendOnce'>) =>
  async (input: CycleRef): Promise<{ missing: number }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const [items, papers] = await Promise.all([d.cycles.listItems(input.cycleId), d.cycles.listPapers(input.cycleId)]);
    const received = new Set(papers.filter(isPaper).map((p) => p.itemNumber));
    const missing = items
      .filter((i) => i.paperExpected && !received.has(i.number))
      .map((i) => {
        const presenter = ctx.members.find((m) => m.memberId === i.presenterMemberId);
        return { number: i.number, title: i.title, presenter: presenter?.name ?? 'No presenter named', presenterEmail: presenter?.email ?? '' };
      });
    if (missing.length === 0) return { missing: 0 };
    for (const member of requireSecretariat(ctx)) {
      const email = papersNotReceivedEmail({
        board: ctx.board.name,
        secretariatEmail: ctx.secretariatEmail,
        meetingWhen: ctx.when(ctx.cycle.timeline.meeting),
        circulationWhen: ctx.when(ctx.cycle.timeline.circulation),
        missing,
      });
      await d.sendOnce(outboxKeys.papersNotReceived(input.cycleId, member.memberId), messageTo(member, 'papers-not-received', email));
    }
    return { missing: missing.length };
  };

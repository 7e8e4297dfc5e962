import { SYSTEM } from '../shared/domain/audit';
import { recordAudit } from '../shared/services/audit';
import { isPaper } from '../shared/domain/types';
import { cycleClosedEmail } from '../emails';
import { followUpSuccessor } from '../shared/domain/action-reminders';
import { DAY_MS } from '../shared/domain/calendar';
import { loadCycleContext, requireSecretariat } from '../shared/services/cycle-context';
import { messageTo } from '../shared/services/notify';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';

/**
 * Marks the cycle completed and sends the secretariat its summary, saying which later cycle took the
 * action follow-up over (or that none had, when the follow-up ran its longest).
 */
export const makeCloseCycle =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions' | 'sendOnce' | 'clock' | 'audit'>) =>
  async (input: CycleRef): Promise<{ status: 'completed' }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const [items, papers, minutes, actions, cycles] = await Promise.all([
      d.cycles.listItems(input.cycleId),
      d.cycles.listPapers(input.cycleId),
      d.cycles.latestMinutes(input.cycleId),
      d.actions.listActions(input.boardId, { cycleId: input.cycleId }),
      d.cycles.listCycles(input.boardId),
    ]);
    const successor = followUpSuccessor(ctx.cycle, cycles);
    const followUpDays = Math.max(0, Math.floor((d.clock.now().getTime() - Date.parse(ctx.cycle.timeline.meeting)) / DAY_MS));
    if (ctx.cycle.status !== 'completed') await d.cycles.updateCycle(input.boardId, input.cycleId, () => ({ status: 'completed' }));
    await recordAudit(d, input.boardId, SYSTEM, { type: 'cycle-closed' }, { cycleId: input.cycleId, key: `closed#${input.cycleId}` });
    for (const member of requireSecretariat(ctx)) {
      const email = cycleClosedEmail({
        board: ctx.board.name,
        secretariatEmail: ctx.secretariatEmail,
        meetingWhen: ctx.when(ctx.cycle.timeline.meeting),
        agendaItems: items.length,
        papersReceived: new Set(papers.filter(isPaper).map((p) => p.itemNumber)).size,
        latePapers: papers.filter((p) => p.late && isPaper(p)).length,
        minutesVersions: minutes?.version ?? 0,
        actionsRaised: actions.length,
        actionsOpen: actions.filter((a) => a.status === 'open' || a.status === 'in-progress').length,
        ...(successor ? { handedOverTo: ctx.when(successor.timeline.meeting) } : { followUpDays }),
      });
      await d.sendOnce(outboxKeys.cycleClosed(input.cycleId, member.memberId), messageTo(member, 'cycle-closed', email));
    }
    return { status: 'completed' };
  };

import { fanOut } from '../shared/domain/concurrency';
import { makeSendActionUpdateRequest } from '../shared/services/action-update-request';
import { loadCycleContext } from '../shared/services/cycle-context';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';

/**
 * One email per action per owner (so it can be flagged or forwarded), with a link that stays usable
 * for later updates until it expires. Actions with no owner wait for the secretariat (follow-up digest).
 */
export const makeNotifyActionOwners =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config'>) =>
  async (input: CycleRef): Promise<{ sent: number; unassigned: number }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const actions = await d.actions.listActions(input.boardId, { cycleId: input.cycleId });
    const pairs = actions.flatMap((action) => action.ownerMemberIds.map((memberId) => ({ action, memberId })));
    const sendActionUpdateRequest = makeSendActionUpdateRequest(d);
    const sent = await fanOut(
      pairs,
      { concurrency: d.config.sendConcurrency, label: (p) => `${p.memberId}#${p.action.number}` },
      async ({ action, memberId }) => {
        const owner = ctx.members.find((m) => m.memberId === memberId);
        if (!owner) return false;
        return sendActionUpdateRequest(ctx, action, owner, outboxKeys.actionUpdate(action.actionId, memberId));
      },
    );
    return { sent: sent.filter(Boolean).length, unassigned: actions.filter((a) => a.ownerMemberIds.length === 0).length };
  };

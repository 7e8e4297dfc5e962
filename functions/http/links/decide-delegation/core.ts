import { recordDecision } from '../shared/decision-audit';
import { actionDelegationDecisionEmail } from '../../../emails';
import { planDelegationDecision, type DecisionInput } from '../../../shared/domain/action-changes';
import type { Action, Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import { changeAction } from '../../../shared/services/action-changes';
import { makeSendActionUpdateRequest } from '../../../shared/services/action-update-request';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { messageTo } from '../../../shared/services/notify';
import { loadAction, namesOf } from '../shared/action-view';
import { outboxKeys } from '../../../shared/table/outbox-keys';

export { decisionForm } from '../shared/decision-form';

/** Why a hand-over cannot be decided: no longer the pending request, with the reason to show if there is one. */
export type HandOverRefusal = { refused: Action; why?: string };

/**
 * Confirms or declines an owner's request to hand an action to another member. On confirmation the new
 * owner takes the old one's place (a conditional write: no update made meanwhile is lost) and gets the
 * usual update request with a link of their own; the owner who asked is told either way.
 */
export async function decideHandOver(
  d: Pick<CoreDeps, 'actions' | 'outbox' | 'sendOnce' | 'links' | 'boards' | 'cycles' | 'waits' | 'workflow' | 'clock' | 'config' | 'audit'>,
  input: { cycle: CycleContext; boardId: string; actionId: string; changeId: string; decider: Member; decision: DecisionInput },
): Promise<HandOverRefusal | { outcome: string; told: string; confirmed: boolean }> {
  const { cycle, actionId, changeId, decider, decision } = input;
  const name = namesOf(cycle);
  if (decision.decision === 'accept') {
    const current = await loadAction(d, input.boardId, actionId);
    const to = current.pendingDelegation?.id === changeId ? current.pendingDelegation.to : undefined;
    if (to !== undefined && !cycle.members.some((m) => m.memberId === to)) {
      return { refused: current, why: `The member it was to go to is no longer on ${cycle.board.name}, so it cannot go to them: please decline instead.` };
    }
  }
  const result = await changeAction(d, input.boardId, actionId, (action, at) =>
    planDelegationDecision(action, changeId, decision, { by: decider.memberId, at, name }),
  );
  if (result.refused) return { refused: result.action, ...(result.refused.reason === 'not-owner' ? { why: result.refused.message } : {}) };
  const { action, before } = result;
  const request = before.pendingDelegation;
  if (!request) throw new Error('A decided request was pending when read.');
  const confirmed = decision.decision === 'accept';
  await recordDecision(d, input, action, { kind: 'hand-over', asked: name(request.to) });
  const delegate = cycle.members.find((m) => m.memberId === request.to);
  const delegator = cycle.members.find((m) => m.memberId === request.from);
  if (confirmed && delegate) {
    const from = delegator?.name ?? 'Its previous owner';
    await makeSendActionUpdateRequest(d)(
      cycle,
      action,
      delegate,
      outboxKeys.actionHandedOver(actionId, delegate.memberId, changeId),
      `${from} handed this action to you, and the secretariat confirmed it: it is yours now.`,
    );
  }
  if (delegator) {
    const email = actionDelegationDecisionEmail({
      board: cycle.board.name,
      secretariatEmail: cycle.secretariatEmail,
      confirmed,
      actionNumber: action.number,
      actionText: action.text,
      to: name(request.to),
      decidedBy: decider.name,
      ...(decision.reason ? { reason: decision.reason } : {}),
    });
    await d.sendOnce(outboxKeys.actionDelegationDecision(actionId, changeId), messageTo(delegator, 'action-delegation-decision', email));
  }
  const when = cycle.when(d.clock.now().toISOString());
  const outcome = confirmed
    ? `${decider.name} handed action ${action.number} from ${name(request.from)} to ${name(request.to)} on ${when}.`
    : `${decider.name} declined handing action ${action.number} from ${name(request.from)} to ${name(request.to)} on ${when}.`;
  const told = confirmed
    ? `${name(request.to)} has been sent the action with their own update link, and ${name(request.from)} has been told.`
    : `${name(request.from)} has been told; the action stays with them.`;
  return { outcome, told, confirmed };
}

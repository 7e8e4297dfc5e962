import { recordDecision } from '../shared/decision-audit';
import { actionDueDecisionEmail } from '../../../emails';
import { displayDue, planDueDecision, type DecisionInput } from '../../../shared/domain/action-changes';
import type { Action, Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import { changeAction } from '../../../shared/services/action-changes';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { messageTo } from '../../../shared/services/notify';
import { namesOf } from '../shared/action-view';
import { outboxKeys } from '../../../shared/table/outbox-keys';

export { decisionForm } from '../shared/decision-form';

/**
 * Answers an owner's proposed due date: accepting changes the due date, declining keeps it; the owner is
 * told either way. Decided on the action as read and written conditional on its version, so a proposal
 * already answered, or replaced by a later one, is refused (with the action as it now stands).
 */
export async function decideDueDate(
  d: Pick<CoreDeps, 'actions' | 'boards' | 'cycles' | 'waits' | 'workflow' | 'sendOnce' | 'clock' | 'audit'>,
  input: { cycle: CycleContext; boardId: string; actionId: string; changeId: string; decider: Member; decision: DecisionInput },
): Promise<{ refused: Action } | { outcome: string; told: string; accepted: boolean }> {
  const { cycle, actionId, changeId, decider, decision } = input;
  const name = namesOf(cycle);
  const result = await changeAction(d, input.boardId, actionId, (action, at) =>
    planDueDecision(action, changeId, decision, { by: decider.memberId, at, name }),
  );
  if (result.refused) return { refused: result.action };
  const { action, before } = result;
  const proposal = before.pendingDue;
  if (!proposal) throw new Error('A decided proposal was pending when read.');
  const accepted = decision.decision === 'accept';
  await recordDecision(d, input, action, { kind: 'due-date', asked: displayDue(proposal.due) });
  const owner = cycle.members.find((m) => m.memberId === proposal.by);
  if (owner) {
    const email = actionDueDecisionEmail({
      board: cycle.board.name,
      secretariatEmail: cycle.secretariatEmail,
      accepted,
      actionNumber: action.number,
      actionText: action.text,
      proposedDue: displayDue(proposal.due),
      ...(action.due ? { due: displayDue(action.due) } : {}),
      decidedBy: decider.name,
      ...(decision.reason ? { reason: decision.reason } : {}),
    });
    await d.sendOnce(outboxKeys.actionDueDecision(actionId, changeId), messageTo(owner, 'action-due-decision', email));
  }
  const when = cycle.when(d.clock.now().toISOString());
  const outcome = `${decider.name} ${accepted ? 'accepted' : 'declined'} ${displayDue(proposal.due)} as the new due date of action ${action.number} on ${when}.`;
  const told = owner ? `${owner.name} has been told by email.` : 'The owner who proposed it is no longer a member, so nobody was told.';
  return { outcome, told, accepted };
}

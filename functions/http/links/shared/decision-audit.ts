import type { DecisionInput } from '../../../shared/domain/action-changes';
import type { Action, Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import { recordAudit } from '../../../shared/services/audit';

/**
 * The secretariat's decision on an owner's request, in the board's audit trail as the decider's: beside
 * the action change it made, keyed by the request, so pressing the button again writes no second entry.
 */
export function recordDecision(
  d: Pick<CoreDeps, 'audit' | 'clock'>,
  input: { boardId: string; actionId: string; changeId: string; decider: Member; decision: DecisionInput },
  action: Pick<Action, 'number' | 'cycleId'>,
  request: { kind: 'hand-over' | 'due-date'; asked: string },
) {
  const { boardId, actionId, changeId, decider, decision } = input;
  return recordAudit(
    d,
    boardId,
    { kind: 'member', name: decider.name, email: decider.email },
    {
      type: 'action-decided',
      actionId,
      number: action.number,
      request: request.kind,
      decision: decision.decision === 'accept' ? 'accepted' : 'declined',
      asked: request.asked,
      ...(decision.reason ? { reason: decision.reason } : {}),
    },
    { ...(action.cycleId ? { cycleId: action.cycleId } : {}), key: `decided#${actionId}#${changeId}` },
  );
}

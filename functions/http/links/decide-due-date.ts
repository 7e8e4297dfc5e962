import { actionDueDecisionEmail } from '../../emails';
import { changeAction } from '../../shared/services/action-changes';
import { displayDue, isClosed, planDueDecision, readDecisionForm, readDecisionSubject } from '../../shared/domain/action-changes';
import { html } from '../../shared/domain/html';
import { messageTo } from '../../shared/services/notify';
import type { Action } from '../../shared/domain/types';
import { notice, page, type HttpResponse } from '../page';
import { acceptOrDecline, actionSummary, historyTable, loadAction, namesOf, notPendingPage } from './action-view';
import type { LinkContext, LinkPage } from './types';

/** What a proposal's link says once it is no longer the pending one: answered (by whom), or replaced by a later one. */
function notPending(c: LinkContext, action: Action, changeId: string, status = 200): Promise<HttpResponse> {
  const later = action.pendingDue ? `: ${displayDue(action.pendingDue.due)} is proposed now, with its own email and link` : '';
  return notPendingPage(
    c,
    action,
    changeId,
    {
      answeredBy: ['due-accepted', 'due-declined'],
      whenClosed: 'Its due date no longer matters: nothing to decide.',
      superseded: { title: 'This proposal was superseded', text: `A later proposal replaced this one${later}. Nothing to decide here.` },
    },
    status,
  );
}

/**
 * The secretariat answers an owner's proposed due date: accepting changes the due date, declining keeps
 * it; the owner is told either way. Decided on the action as read, written conditional on its version,
 * so a proposal already answered, or replaced by a later one, cannot be answered again.
 */
export const decideDueDate: LinkPage = {
  purpose: 'decide-due-date',
  async show(c) {
    const { actionId, changeId } = readDecisionSubject(c.link.subject);
    const action = await loadAction(c.d, c.link.boardId, actionId);
    const pending = action.pendingDue;
    if (isClosed(action) || pending?.id !== changeId) return notPending(c, action, changeId);
    const name = namesOf(c.cycle);
    const body = html`${notice(`${name(pending.by)} proposes to move the due date of action ${action.number} from ${displayDue(action.due)} to ${displayDue(pending.due)}.`)}
      ${pending.reason ? html`<p>Reason: ${pending.reason}</p>` : html`<p>No reason was given.</p>`}
      ${acceptOrDecline(c, `Accept ${displayDue(pending.due)}`, name(pending.by))}
      <h2>The action</h2>${actionSummary(c.cycle, action)}${historyTable(c.cycle, await c.d.actions.listEvents(action.actionId))}`;
    return page(200, `Action ${action.number}: new due date proposed`, body);
  },
  async perform(c, raw) {
    const input = readDecisionForm(raw);
    const { actionId, changeId } = readDecisionSubject(c.link.subject);
    const name = namesOf(c.cycle);
    const result = await changeAction(c.d, c.link.boardId, actionId, (action, at) =>
      planDueDecision(action, changeId, input, { by: c.holder.memberId, at, name }),
    );
    if (result.refused) return { outcome: '', response: await notPending(c, result.action, changeId, 409) };
    const { action, before } = result;
    const proposal = before.pendingDue;
    if (!proposal) throw new Error('A decided proposal was pending when read.');
    const accepted = input.decision === 'accept';
    const owner = c.cycle.members.find((m) => m.memberId === proposal.by);
    if (owner) {
      const email = actionDueDecisionEmail({
        board: c.cycle.board.name,
        secretariatEmail: c.cycle.secretariatEmail,
        accepted,
        actionNumber: action.number,
        actionText: action.text,
        proposedDue: displayDue(proposal.due),
        ...(action.due ? { due: displayDue(action.due) } : {}),
        decidedBy: c.holder.name,
        ...(input.reason ? { reason: input.reason } : {}),
      });
      await c.d.sendOnce(`action-due-decision#${actionId}#${changeId}`, messageTo(owner, 'action-due-decision', email));
    }
    const when = c.cycle.when(c.d.clock.now().toISOString());
    const outcome = `${c.holder.name} ${accepted ? 'accepted' : 'declined'} ${displayDue(proposal.due)} as the new due date of action ${action.number} on ${when}.`;
    const told = owner ? `${owner.name} has been told by email.` : 'The owner who proposed it is no longer a member, so nobody was told.';
    return { outcome, response: page(200, accepted ? 'New due date accepted' : 'New due date declined', html`${notice(outcome)}<p>${told}</p>`) };
  },
};

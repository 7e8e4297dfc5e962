import { actionDelegationDecisionEmail } from '../../emails';
import { makeSendActionUpdateRequest } from '../../notify-action-owners/notify-action-owners';
import { changeAction } from '../../shared/services/action-changes';
import { isClosed, planDelegationDecision, readDecisionForm, readDecisionSubject } from '../../shared/domain/action-changes';
import { html } from '../../shared/domain/html';
import { messageTo } from '../../shared/services/notify';
import type { Action } from '../../shared/domain/types';
import { notice, page, type HttpResponse } from '../page';
import { acceptOrDecline, actionSummary, historyTable, loadAction, namesOf, notPendingPage } from './action-view';
import type { LinkContext, LinkPage } from './types';

/** What a hand-over request's link says once it is no longer the pending one: answered, or replaced. */
const notPending = (c: LinkContext, action: Action, changeId: string, status = 200, why?: string): Promise<HttpResponse> =>
  notPendingPage(
    c,
    action,
    changeId,
    {
      answeredBy: ['delegation-confirmed', 'delegation-declined'],
      whenClosed: 'It needs no new owner: nothing to decide.',
      superseded: { title: 'This request was superseded', text: 'A later request replaced this one. Nothing to decide here.' },
      ...(why ? { why: { title: 'Nothing to hand over', text: why } } : {}),
    },
    status,
  );

/**
 * The secretariat confirms or declines an owner's request to hand an action to another member. On
 * confirmation the new owner takes the old one's place (a conditional write: no update made meanwhile
 * is lost) and gets the usual update request with a link of their own; the owner who asked is told
 * either way.
 */
export const decideDelegation: LinkPage = {
  purpose: 'decide-delegation',
  async show(c) {
    const { actionId, changeId } = readDecisionSubject(c.link.subject);
    const action = await loadAction(c.d, c.link.boardId, actionId);
    const pending = action.pendingDelegation;
    if (isClosed(action) || pending?.id !== changeId) return notPending(c, action, changeId);
    const name = namesOf(c.cycle);
    const body = html`${notice(`${name(pending.from)} asks to hand action ${action.number} to ${name(pending.to)}.`)}
      <p>Reason: ${pending.reason}</p>
      ${acceptOrDecline(c, `Confirm: hand it to ${name(pending.to)}`, name(pending.from))}
      <h2>The action</h2>${actionSummary(c.cycle, action)}${historyTable(c.cycle, await c.d.actions.listEvents(action.actionId))}`;
    return page(200, `Action ${action.number}: hand-over requested`, body);
  },
  async perform(c, raw) {
    const input = readDecisionForm(raw);
    const { actionId, changeId } = readDecisionSubject(c.link.subject);
    const name = namesOf(c.cycle);
    if (input.decision === 'accept') {
      const current = await loadAction(c.d, c.link.boardId, actionId);
      const to = current.pendingDelegation?.id === changeId ? current.pendingDelegation.to : undefined;
      if (to !== undefined && !c.cycle.members.some((m) => m.memberId === to)) {
        const why = `The member it was to go to is no longer on ${c.cycle.board.name}, so it cannot go to them: please decline instead.`;
        return { outcome: '', response: await notPending(c, current, changeId, 409, why) };
      }
    }
    const result = await changeAction(c.d, c.link.boardId, actionId, (action, at) =>
      planDelegationDecision(action, changeId, input, { by: c.holder.memberId, at, name }),
    );
    if (result.refused) {
      const why = result.refused.reason === 'not-owner' ? result.refused.message : undefined;
      return { outcome: '', response: await notPending(c, result.action, changeId, 409, why) };
    }
    const { action, before } = result;
    const request = before.pendingDelegation;
    if (!request) throw new Error('A decided request was pending when read.');
    const confirmed = input.decision === 'accept';
    const delegate = c.cycle.members.find((m) => m.memberId === request.to);
    const delegator = c.cycle.members.find((m) => m.memberId === request.from);
    if (confirmed && delegate) {
      const from = delegator?.name ?? 'Its previous owner';
      await makeSendActionUpdateRequest(c.d)(
        c.cycle,
        action,
        delegate,
        `action-update#${actionId}#${delegate.memberId}#${changeId}`,
        `${from} handed this action to you, and the secretariat confirmed it: it is yours now.`,
      );
    }
    if (delegator) {
      const email = actionDelegationDecisionEmail({
        board: c.cycle.board.name,
        secretariatEmail: c.cycle.secretariatEmail,
        confirmed,
        actionNumber: action.number,
        actionText: action.text,
        to: name(request.to),
        decidedBy: c.holder.name,
        ...(input.reason ? { reason: input.reason } : {}),
      });
      await c.d.sendOnce(`action-delegation-decision#${actionId}#${changeId}`, messageTo(delegator, 'action-delegation-decision', email));
    }
    const when = c.cycle.when(c.d.clock.now().toISOString());
    const outcome = confirmed
      ? `${c.holder.name} handed action ${action.number} from ${name(request.from)} to ${name(request.to)} on ${when}.`
      : `${c.holder.name} declined handing action ${action.number} from ${name(request.from)} to ${name(request.to)} on ${when}.`;
    const told = confirmed
      ? `${name(request.to)} has been sent the action with their own update link, and ${name(request.from)} has been told.`
      : `${name(request.from)} has been told; the action stays with them.`;
    return { outcome, response: page(200, confirmed ? 'Hand-over confirmed' : 'Hand-over declined', html`${notice(outcome)}<p>${told}</p>`) };
  },
};

import { displayDue, isClosed, readDecisionSubject } from '../../../shared/domain/action-changes';
import { html } from '../../../shared/domain/html';
import type { Action, ActionEvent } from '../../../shared/domain/types';
import { notice, page, type HttpResponse } from '../../page';
import { acceptOrDecline, actionSummary, historyTable, namesOf, notPendingPage, loadAction } from '../shared/action-view';
import type { LinkContext, LinkPage } from '../types';
import { parseOrThrow } from '../../../shared/domain/validate';
import { decideDueDate, decisionForm } from './core';

/** What a proposal's link says once it is no longer the pending one: answered (by whom), or replaced by a later one. */
export function notPending(c: Pick<LinkContext, 'd' | 'cycle'>, action: Action, changeId: string, status = 200): Promise<HttpResponse> {
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

/** The proposed date, its reason, the two answers, and the action with its history. */
export function proposalPage(c: LinkContext, action: Action, pending: NonNullable<Action['pendingDue']>, events: readonly ActionEvent[]): HttpResponse {
  const name = namesOf(c.cycle);
  const proposes = `${name(pending.by)} proposes to move the due date of action ${action.number} from ${displayDue(action.due)} to ${displayDue(pending.due)}.`;
  const body = html`${notice(proposes)}
      ${pending.reason ? html`<p>Reason: ${pending.reason}</p>` : html`<p>No reason was given.</p>`}
      ${acceptOrDecline(c, `Accept ${displayDue(pending.due)}`, name(pending.by))}
      <h2>The action</h2>${actionSummary(c.cycle, action)}${historyTable(c.cycle, events)}`;
  return page(200, `Action ${action.number}: new due date proposed`, body);
}

/** What was decided, and who was told. */
export const decidedPage = (accepted: boolean, outcome: string, told: string): HttpResponse =>
  page(200, accepted ? 'New due date accepted' : 'New due date declined', html`${notice(outcome)}<p>${told}</p>`);

/**
 * The secretariat answers an owner's proposed due date: accepting changes the due date, declining keeps
 * it; the owner is told either way. Decided on the action as read, written conditional on its version,
 * so a proposal already answered, or replaced by a later one, cannot be answered again.
 */
export const decideDueDatePage: LinkPage<'decide-due-date'> = {
  purpose: 'decide-due-date',
  async show(c) {
    const { actionId, changeId } = readDecisionSubject(c.link.subject);
    const action = await loadAction(c.d, c.link.boardId, actionId);
    const pending = action.pendingDue;
    if (isClosed(action) || pending?.id !== changeId) return notPending(c, action, changeId);
    return proposalPage(c, action, pending, await c.d.actions.listEvents(action.actionId));
  },
  async perform(c, raw) {
    const decision = parseOrThrow(decisionForm, raw, 'answer');
    const { actionId, changeId } = readDecisionSubject(c.link.subject);
    const done = await decideDueDate(c.d, { cycle: c.cycle, boardId: c.link.boardId, actionId, changeId, decider: c.holder, decision });
    if ('refused' in done) return { outcome: '', response: await notPending(c, done.refused, changeId, 409) };
    return { outcome: done.outcome, response: decidedPage(done.accepted, done.outcome, done.told) };
  },
};

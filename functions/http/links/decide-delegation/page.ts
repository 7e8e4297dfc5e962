import { html } from '../../../shared/domain/html';
import type { Action, ActionEvent } from '../../../shared/domain/types';
import { notice, page, type HttpResponse } from '../../page';
import { acceptOrDecline, actionSummary, historyTable, namesOf, notPendingPage, loadAction } from '../shared/action-view';
import type { LinkContext, LinkPage } from '../types';
import { isClosed, readDecisionSubject } from '../../../shared/domain/action-changes';
import { parseOrThrow } from '../../../shared/domain/validate';
import { decideHandOver, decisionForm } from './core';

/** What a hand-over request's link says once it is no longer the pending one: answered, or replaced. */
export const notPending = (c: Pick<LinkContext, 'd' | 'cycle'>, action: Action, changeId: string, status = 200, why?: string): Promise<HttpResponse> =>
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

/** Who asks to hand the action to whom, why, the two answers, and the action with its history. */
export function requestPage(c: LinkContext, action: Action, pending: NonNullable<Action['pendingDelegation']>, events: readonly ActionEvent[]): HttpResponse {
  const name = namesOf(c.cycle);
  const body = html`${notice(`${name(pending.from)} asks to hand action ${action.number} to ${name(pending.to)}.`)}
      <p>Reason: ${pending.reason}</p>
      ${acceptOrDecline(c, `Confirm: hand it to ${name(pending.to)}`, name(pending.from))}
      <h2>The action</h2>${actionSummary(c.cycle, action)}${historyTable(c.cycle, events)}`;
  return page(200, `Action ${action.number}: hand-over requested`, body);
}

/** What was decided, and who was told. */
export const decidedPage = (confirmed: boolean, outcome: string, told: string): HttpResponse =>
  page(200, confirmed ? 'Hand-over confirmed' : 'Hand-over declined', html`${notice(outcome)}<p>${told}</p>`);

/**
 * The secretariat confirms or declines an owner's request to hand an action to another member. On
 * confirmation the new owner takes the old one's place (a conditional write: no update made meanwhile
 * is lost) and gets the usual update request with a link of their own; the owner who asked is told
 * either way.
 */
export const decideDelegationPage: LinkPage<'decide-delegation'> = {
  purpose: 'decide-delegation',
  async show(c) {
    const { actionId, changeId } = readDecisionSubject(c.link.subject);
    const action = await loadAction(c.d, c.link.boardId, actionId);
    const pending = action.pendingDelegation;
    if (isClosed(action) || pending?.id !== changeId) return notPending(c, action, changeId);
    return requestPage(c, action, pending, await c.d.actions.listEvents(action.actionId));
  },
  async perform(c, raw) {
    const decision = parseOrThrow(decisionForm, raw, 'answer');
    const { actionId, changeId } = readDecisionSubject(c.link.subject);
    const done = await decideHandOver(c.d, { cycle: c.cycle, boardId: c.link.boardId, actionId, changeId, decider: c.holder, decision });
    if ('refused' in done) return { outcome: '', response: await notPending(c, done.refused, changeId, 409, done.why) };
    return { outcome: done.outcome, response: decidedPage(done.confirmed, done.outcome, done.told) };
  },
};

import { isClosed, readDecisionSubject } from '../../../shared/domain/action-changes';
import { parseOrThrow } from '../../../shared/domain/validate';
import { loadAction } from '../shared/action-view';
import type { LinkPage } from '../types';
import { decideDueDate } from './core';
import { decidedPage, notPending, proposalPage } from './page';
import { decisionForm } from './schema';

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

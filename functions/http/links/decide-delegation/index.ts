import { isClosed, readDecisionSubject } from '../../../shared/domain/action-changes';
import { parseOrThrow } from '../../../shared/domain/validate';
import { loadAction } from '../shared/action-view';
import type { LinkPage } from '../types';
import { decideHandOver } from './core';
import { decidedPage, notPending, requestPage } from './page';
import { decisionForm } from './schema';

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

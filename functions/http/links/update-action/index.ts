import { isClosed } from '../../../shared/domain/action-changes';
import { utcToZonedDate } from '../../../shared/domain/calendar';
import { LINK_POLICY } from '../../../shared/domain/link-policy';
import type { Action } from '../../../shared/domain/types';
import { parseOrThrow } from '../../../shared/domain/validate';
import { loadAction } from '../shared/action-view';
import type { LinkContext, LinkPage } from '../types';
import { requestHandOver, saveUpdate, sendFreshLink, type ActionRef } from './core';
import { expiredPage, finalPage, freshLinkPage, handOverRequestedPage, notYoursPage, ownerPage, refusedPage, savedPage, type ActionLink } from './page';
import { actionForm } from './schema';

const actionOf = (c: ActionLink): Promise<Action> => loadAction(c.d, c.link.boardId, c.link.subject ?? '');
const todayOf = (c: ActionLink): string => utcToZonedDate(c.d.clock.now().toISOString(), c.cycle.board.timeZone);
const isOwner = (action: Action, memberId: string): boolean => action.ownerMemberIds.includes(memberId);
const refOf = (c: LinkContext): ActionRef => ({ cycle: c.cycle, boardId: c.link.boardId, actionId: c.link.subject ?? '', owner: c.holder });

/**
 * An owner updates an action with no account: status, a note, optionally a proposed new due date (the
 * secretariat accepts it or not), or a request to hand the action to another member. The link stays
 * usable for later updates until the action closes; once expired, it shows the action and offers a fresh
 * link by email. Every write is conditional on the version read, and a loser re-reads and decides
 * again: two owners saving at once both count, in order.
 */
export const updateActionPage: LinkPage<'update-action'> = {
  purpose: 'update-action',
  async show(c) {
    const action = await actionOf(c);
    if (isClosed(action)) return finalPage(c, action);
    if (!isOwner(action, c.holder.memberId)) return notYoursPage(c, action);
    return ownerPage(c, action, todayOf(c));
  },
  async perform(c, raw) {
    // Everything is checked before anything is written: a refused form stores nothing.
    const input = parseOrThrow(
      actionForm(
        todayOf(c),
        c.cycle.members.filter((m) => m.memberId !== c.holder.memberId),
      ),
      raw,
      'update',
    );
    if (input.do === 'delegate') {
      const done = await requestHandOver(c.d, refOf(c), input);
      return 'refused' in done ? refusedPage(c, done) : { outcome: done.outcome, response: handOverRequestedPage(done.outcome) };
    }
    const done = await saveUpdate(c.d, refOf(c), input);
    return 'refused' in done ? refusedPage(c, done) : { outcome: done.outcome, response: savedPage(done.outcome) };
  },
  async expired(c) {
    const action = await actionOf(c);
    if (isClosed(action)) return finalPage(c, action);
    return expiredPage(c, action, isOwner(action, c.link.memberId));
  },
  async refresh(c) {
    const action = await actionOf(c);
    if (isClosed(action)) return finalPage(c, action);
    if (!isOwner(action, c.holder.memberId)) return notYoursPage(c, action, 409);
    const { sent, to } = await sendFreshLink(c.d, { cycle: c.cycle, holder: c.holder, action, expiredTokenHash: c.link.tokenHash, today: todayOf(c) });
    return freshLinkPage(sent, to, LINK_POLICY['update-action'].expires.days);
  },
};

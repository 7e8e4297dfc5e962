import { displayDue } from '../../../shared/domain/action-changes';
import { html } from '../../../shared/domain/html';
import type { Action, ActionEvent } from '../../../shared/domain/types';
import { notice, page, type HttpResponse } from '../../page';
import { acceptOrDecline, actionSummary, historyTable, namesOf, notPendingPage } from '../shared/action-view';
import type { LinkContext } from '../types';

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

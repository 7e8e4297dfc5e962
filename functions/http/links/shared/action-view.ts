import { characters, displayDue, fateOf, isClosed, MAX_REASON_CHARS, statusLabel } from '../../../shared/domain/action-changes';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { NotFoundError } from '../../../shared/domain/errors';
import { html, type SafeHtml } from '../../../shared/domain/html';
import type { Action, ActionEvent, ActionEventKind } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import { form, notice, page, type HttpResponse } from '../../page';
import type { LinkContext } from '../types';

/** The action a link is about; a friendly 404 when it is gone. */
export async function loadAction(d: Pick<CoreDeps, 'actions'>, boardId: string, actionId: string): Promise<Action> {
  const action = await d.actions.getAction(boardId, actionId);
  if (!action) throw new NotFoundError('This action no longer exists.');
  return action;
}

/** A member's name by id, for history and notices; someone who has left reads as "a former member". */
export const namesOf =
  (cycle: CycleContext) =>
  (memberId: string): string =>
    cycle.members.find((m) => m.memberId === memberId)?.name ?? 'a former member';

/** "Priya Shah and Tom Okafor", or "no one yet". */
function owners(action: Action, name: (id: string) => string): string {
  const list = action.ownerMemberIds.map(name);
  if (list.length === 0) return 'no one yet';
  return list.length === 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/** What the action asks, where it stands, and what is waiting for the secretariat. */
export function actionSummary(cycle: CycleContext, action: Action): SafeHtml {
  const name = namesOf(cycle);
  const pendingDue = action.pendingDue;
  const pendingHandOver = action.pendingDelegation;
  const proposedDue =
    pendingDue &&
    html`<tr><th scope="row">Proposed due date</th><td>${[
      `${displayDue(pendingDue.due)}, proposed by ${name(pendingDue.by)} on ${cycle.when(pendingDue.at)}: waiting for the secretariat`,
      pendingDue.reason ? html`<br><small>Reason: ${pendingDue.reason}</small>` : '',
    ]}</td></tr>`;
  const handOver =
    pendingHandOver &&
    html`<tr><th scope="row">Hand-over</th><td>${[
      `${name(pendingHandOver.from)} asked on ${cycle.when(pendingHandOver.at)} to hand it to ${name(pendingHandOver.to)}: `,
      html`waiting for the secretariat<br><small>Reason: ${pendingHandOver.reason}</small>`,
    ]}</td></tr>`;
  return html`<p>${action.text}</p><table>
    <tr><th scope="row">Due</th><td>${displayDue(action.due)}</td></tr>
    <tr><th scope="row">Status</th><td><strong>${statusLabel(action.status)}</strong></td></tr>
    <tr><th scope="row">Owners</th><td>${owners(action, name)}</td></tr>
    ${proposedDue}
    ${handOver}
  </table>`;
}

/** Every entry of the history, oldest first: when, who, and what (a status and note, or a step of a proposal or hand-over). */
export function historyTable(cycle: CycleContext, events: readonly ActionEvent[]): SafeHtml {
  if (events.length === 0) return html`<h2>History</h2><p>No updates yet.</p>`;
  const name = namesOf(cycle);
  const what = (e: ActionEvent): string => (e.kind === undefined || e.kind === 'update' ? `${statusLabel(e.status)}${e.note ? `: ${e.note}` : ''}` : e.note);
  return html`<h2>History</h2><table><thead><tr><th>When</th><th>Who</th><th>What</th></tr></thead><tbody>${events.map(
    (e) => html`<tr><td>${cycle.when(e.at)}</td><td>${name(e.by)}</td><td style="white-space:pre-wrap">${what(e)}</td></tr>`,
  )}</tbody></table>`;
}

/** The secretariat's two answers to an owner's request: accept, or decline with an optional reason the owner sees. */
export function acceptOrDecline(c: Pick<LinkContext, 'self' | 'csrf'>, acceptLabel: string, asker: string): SafeHtml {
  const decline = html`<input type="hidden" name="decision" value="decline">${[
    html`<label for="reason">Why (optional; ${asker} sees it)</label>`,
    html`<textarea id="reason" name="reason" maxlength="${MAX_REASON_CHARS}"></textarea>`,
    html`<small>Up to ${characters(MAX_REASON_CHARS)}.</small>`,
  ]}`;
  return html`${form(c.self, c.csrf, html`<input type="hidden" name="decision" value="accept">`, acceptLabel)}
      <h2>Or decline</h2>
      ${form(c.self, c.csrf, decline, 'Decline')}`;
}

/**
 * What a secretariat's decision link says once its request is no longer the pending one: the action is
 * closed, the request cannot go ahead (`why`), it was answered (by whom), or a later one replaced it.
 */
export async function notPendingPage(
  c: Pick<LinkContext, 'd' | 'cycle'>,
  action: Action,
  changeId: string,
  says: { answeredBy: readonly ActionEventKind[]; whenClosed: string; superseded: { title: string; text: string }; why?: { title: string; text: string } },
  status = 200,
): Promise<HttpResponse> {
  const events = await c.d.actions.listEvents(action.actionId);
  const state = html`${actionSummary(c.cycle, action)}${historyTable(c.cycle, events)}`;
  if (isClosed(action)) return page(status, `Action ${action.number} is ${statusLabel(action.status)}`, html`${notice(says.whenClosed)}${state}`);
  if (says.why) return page(status, says.why.title, html`${notice(says.why.text)}${state}`);
  const answer = fateOf(events, changeId, says.answeredBy);
  if (answer) {
    return page(status, 'Already answered', html`${notice(`${namesOf(c.cycle)(answer.by)} answered on ${c.cycle.when(answer.at)}: ${answer.note}`)}${state}`);
  }
  return page(status, says.superseded.title, html`${notice(says.superseded.text)}${state}`);
}

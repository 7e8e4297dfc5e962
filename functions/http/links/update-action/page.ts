import { characters, displayDue, MAX_NOTE_CHARS, MAX_REASON_CHARS, statusLabel, isClosed } from '../../../shared/domain/action-changes';
import { html, type SafeHtml } from '../../../shared/domain/html';
import { ACTION_STATUSES, type Action } from '../../../shared/domain/types';
import { form, notice, page, type HttpResponse } from '../../page';
import { actionSummary, historyTable, loadAction } from '../shared/action-view';
import type { LinkContext, Performed, LinkPage } from '../types';
import { type Refused, requestHandOver, saveUpdate, sendFreshLink, type ActionRef, actionForm } from './core';
import { utcToZonedDate } from '../../../shared/domain/calendar';
import { LINK_POLICY } from '../../../shared/domain/link-policy';
import { parseOrThrow } from '../../../shared/domain/validate';

/** The owner's update form's button: the robot in local/personas presses it by this label. */
export const SAVE_UPDATE_BUTTON = 'Save update';

/** An action link, with or without a holder who is still a member (an expired link's page needs none). */
export type ActionLink = Omit<LinkContext, 'holder'>;

async function stateOf(c: ActionLink, action: Action): Promise<SafeHtml> {
  return html`${actionSummary(c.cycle, action)}${historyTable(c.cycle, await c.d.actions.listEvents(action.actionId))}`;
}

/** A closed action, on any link to it, expired or not: its final state and history, nothing to fill in. */
export async function finalPage(c: ActionLink, action: Action): Promise<HttpResponse> {
  return page(200, `Action ${action.number} is ${statusLabel(action.status)}`, html`${notice('No further updates are needed.')}${await stateOf(c, action)}`);
}

/** The link of an owner who handed the action on: it shows the action, and updates nothing. */
export async function notYoursPage(c: ActionLink, action: Action, status = 200): Promise<HttpResponse> {
  const note = `You are no longer an owner of action ${action.number}, so this link shows it but cannot update it.`;
  return page(status, `Action ${action.number}`, html`${notice(note)}${await stateOf(c, action)}`);
}

/** A change the action refused: closed, no longer the holder's, or waiting for the secretariat. */
export async function refusedPage(c: LinkContext, { action, refused }: Refused): Promise<Performed> {
  if (refused.reason === 'closed') return { outcome: '', response: { ...(await finalPage(c, action)), statusCode: 409 } };
  if (refused.reason === 'not-owner') return { outcome: '', response: await notYoursPage(c, action, 409) };
  return { outcome: '', response: page(409, 'Please wait for the secretariat', html`${notice(refused.message)}${await stateOf(c, action)}`) };
}

const hint = (text: string): SafeHtml => html`<small>${text}</small>`;

function updateForm(c: LinkContext, action: Action, today: string): SafeHtml {
  const statuses = ACTION_STATUSES.map((s) => html`<option value="${s}" ${s === action.status ? 'selected' : ''}>${statusLabel(s)}</option>`);
  const note = html`<textarea id="note" name="note" maxlength="${MAX_NOTE_CHARS}"></textarea>`;
  const due = html`<input type="date" id="new_due" name="new_due" min="${today}">`;
  const dueHint = hint(`Now due ${displayDue(action.due)}. The secretariat accepts or declines a new date, and you are told by email.`);
  const reason = html`<textarea id="due_reason" name="due_reason" maxlength="${MAX_REASON_CHARS}"></textarea>`;
  return form(
    c.self,
    c.csrf,
    html`<input type="hidden" name="do" value="update">
      <label for="status">Status</label><select id="status" name="status">${statuses}</select>
      <label for="note">Note (optional)</label>${note}${hint(`Up to ${characters(MAX_NOTE_CHARS)}.`)}
      <label for="new_due">Propose a new due date (optional)</label>${due}${dueHint}
      <label for="due_reason">Why the new date (optional)</label>${reason}${hint(`Up to ${characters(MAX_REASON_CHARS)}.`)}`,
    SAVE_UPDATE_BUTTON,
  );
}

function handOverForm(c: LinkContext): SafeHtml {
  const others = c.cycle.members
    .filter((m) => m.memberId !== c.holder.memberId)
    .map((m) => html`<option value="${m.memberId}">${m.name}${m.organisation ? ` (${m.organisation})` : ''}</option>`);
  const choose = html`<select id="delegate" name="delegate"><option value="">Choose a member</option>${others}</select>`;
  const reason = html`<textarea id="delegate_reason" name="delegate_reason" maxlength="${MAX_REASON_CHARS}" required></textarea>`;
  return html`<h2>Hand this action to someone else</h2>
    <p>The secretariat confirms a hand-over; until then the action stays with you. Forwarding the email does not hand it on.</p>
    ${form(
      c.self,
      c.csrf,
      html`<input type="hidden" name="do" value="delegate">
        <label for="delegate">Board member to take it on</label>${choose}
        <label for="delegate_reason">Why</label>${reason}${hint(`Up to ${characters(MAX_REASON_CHARS)}.`)}`,
      'Ask the secretariat to hand it on',
    )}`;
}

/** The owner's page: the action as it stands, the update form, and the hand-over form. */
export async function ownerPage(c: LinkContext, action: Action, today: string): Promise<HttpResponse> {
  const body = html`${notice('This link is yours: to hand the action on, use the form below.')}
      ${await stateOf(c, action)}
      <h2>Your update</h2>${updateForm(c, action, today)}
      ${handOverForm(c)}`;
  return page(200, `Action ${action.number}`, body);
}

/** The update is saved; the link serves later ones too. */
export const savedPage = (outcome: string): HttpResponse =>
  page(200, 'Update saved', html`${notice(outcome)}<p>Thank you. You can use the same link for later updates.</p>`);

/** The hand-over request went to the secretariat. */
export const handOverRequestedPage = (outcome: string): HttpResponse =>
  page(
    200,
    'Hand-over requested',
    html`${notice(outcome)}<p>The secretariat will confirm or decline it, and you will hear by email. Until then the action stays with you.</p>`,
  );

/** An expired link: the action as it stands and, for an owner, a button that emails a fresh link. */
export async function expiredPage(c: ActionLink, action: Action, owner: boolean): Promise<HttpResponse> {
  const expiredOn = notice(`This link expired on ${c.cycle.when(c.link.expiresAt)}, so it saves nothing. The action as it stands now is below.`);
  if (!owner) return page(410, 'This link has expired', html`${expiredOn}${await stateOf(c, action)}`);
  return page(
    410,
    'This link has expired',
    html`${expiredOn}
        ${form(c.self, c.csrf, html`<input type="hidden" name="refresh" value="yes">`, 'Email me a fresh link')}
        <p>The fresh link goes only to the address this link was sent to.</p>
        ${await stateOf(c, action)}`,
  );
}

/** Where the fresh link went, or that one already went today. */
export function freshLinkPage(sent: boolean, to: string, days: number): HttpResponse {
  if (!sent) {
    const already = `A fresh link went to ${to} today. Please look for it there (and in the spam folder); you can ask again tomorrow.`;
    return page(429, 'A fresh link was sent today', html`${notice(already)}`);
  }
  return page(200, 'A fresh link is on its way', html`${notice(`A fresh link is on its way to ${to}.`)}<p>It works for ${days} days.</p>`);
}

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

import { actionDelegationProposedEmail, actionDueProposedEmail, actionFreshLinkEmail, type EmailKind } from '../../emails';
import { UPDATE_LINK_DAYS } from '../../notify-action-owners/notify-action-owners';
import {
  characters,
  decisionSubject,
  displayDue,
  isClosed,
  MAX_NOTE_CHARS,
  MAX_REASON_CHARS,
  maskEmail,
  newChangeId,
  planDelegationRequest,
  planUpdate,
  readDelegationForm,
  readUpdateForm,
  statusLabel,
  type Refusal,
} from '../../shared/domain/action-changes';
import { changeAction, type ChangeResult } from '../../shared/services/action-changes';
import { utcToZonedDate } from '../../shared/domain/calendar';
import { requireSecretariat, type CycleContext } from '../../shared/services/cycle-context';
import { html, type SafeHtml } from '../../shared/domain/html';
import { DAY_MS } from '../../shared/services/issue-link';
import { makeSendWithLink } from '../../shared/services/notify';
import { ACTION_STATUSES, type Action, type LinkPurpose } from '../../shared/domain/types';
import { form, notice, page, type HttpResponse } from '../page';
import { actionSummary, historyTable, loadAction, namesOf } from './action-view';
import type { LinkContext, LinkPage, Performed } from './types';

export { MAX_NOTE_CHARS } from '../../shared/domain/action-changes';

/** How long the secretariat's link to answer a proposal or a hand-over request works. */
const DECISION_LINK_DAYS = 30;

type ActionLink = Omit<LinkContext, 'holder'>;

const actionOf = (c: ActionLink): Promise<Action> => loadAction(c.d, c.link.boardId, c.link.subject ?? '');
const todayOf = (c: ActionLink): string => utcToZonedDate(c.d.clock.now().toISOString(), c.cycle.board.timeZone);
const isOwner = (action: Action, memberId: string): boolean => action.ownerMemberIds.includes(memberId);

async function stateOf(c: ActionLink, action: Action): Promise<SafeHtml> {
  return html`${actionSummary(c.cycle, action)}${historyTable(c.cycle, await c.d.actions.listEvents(action.actionId))}`;
}

/** A closed action, on any link to it, expired or not: its final state and history, nothing to fill in. */
async function finalPage(c: ActionLink, action: Action): Promise<HttpResponse> {
  return page(200, `Action ${action.number} is ${statusLabel(action.status)}`, html`${notice('No further updates are needed.')}${await stateOf(c, action)}`);
}

/** The link of an owner who handed the action on: it shows the action, and updates nothing. */
async function notYoursPage(c: ActionLink, action: Action, status = 200): Promise<HttpResponse> {
  return page(
    status,
    `Action ${action.number}`,
    html`${notice(`You are no longer an owner of action ${action.number}, so this link shows it but cannot update it.`)}${await stateOf(c, action)}`,
  );
}

async function refusedPage(c: LinkContext, result: ChangeResult & { refused: Refusal }): Promise<Performed> {
  const { action, refused } = result;
  if (refused.reason === 'closed') return { outcome: '', response: { ...(await finalPage(c, action)), statusCode: 409 } };
  if (refused.reason === 'not-owner') return { outcome: '', response: await notYoursPage(c, action, 409) };
  return { outcome: '', response: page(409, 'Please wait for the secretariat', html`${notice(refused.message)}${await stateOf(c, action)}`) };
}

const hint = (text: string): SafeHtml => html`<small>${text}</small>`;

function updateForm(c: LinkContext, action: Action): SafeHtml {
  const statuses = ACTION_STATUSES.map((s) => html`<option value="${s}" ${s === action.status ? 'selected' : ''}>${statusLabel(s)}</option>`);
  return form(
    c.self,
    c.csrf,
    html`<input type="hidden" name="do" value="update">
      <label for="status">Status</label><select id="status" name="status">${statuses}</select>
      <label for="note">Note (optional)</label><textarea id="note" name="note" maxlength="${MAX_NOTE_CHARS}"></textarea>${hint(`Up to ${characters(MAX_NOTE_CHARS)}.`)}
      <label for="new_due">Propose a new due date (optional)</label><input type="date" id="new_due" name="new_due" min="${todayOf(c)}">${hint(`Now due ${displayDue(action.due)}. The secretariat accepts or declines a new date, and you are told by email.`)}
      <label for="due_reason">Why the new date (optional)</label><textarea id="due_reason" name="due_reason" maxlength="${MAX_REASON_CHARS}"></textarea>${hint(`Up to ${characters(MAX_REASON_CHARS)}.`)}`,
    'Save update',
  );
}

function handOverForm(c: LinkContext): SafeHtml {
  const others = c.cycle.members
    .filter((m) => m.memberId !== c.holder.memberId)
    .map((m) => html`<option value="${m.memberId}">${m.name}${m.organisation ? ` (${m.organisation})` : ''}</option>`);
  return html`<h2>Hand this action to someone else</h2>
    <p>The secretariat confirms a hand-over; until then the action stays with you. Forwarding the email does not hand it on.</p>
    ${form(
      c.self,
      c.csrf,
      html`<input type="hidden" name="do" value="delegate">
        <label for="delegate">Board member to take it on</label><select id="delegate" name="delegate"><option value="">Choose a member</option>${others}</select>
        <label for="delegate_reason">Why</label><textarea id="delegate_reason" name="delegate_reason" maxlength="${MAX_REASON_CHARS}" required></textarea>${hint(`Up to ${characters(MAX_REASON_CHARS)}.`)}`,
      'Ask the secretariat to hand it on',
    )}`;
}

/** Emails each of the secretariat a single-use link to answer a proposal or a hand-over request. */
async function askSecretariat(
  c: LinkContext,
  action: Action,
  changeId: string,
  ask: { purpose: LinkPurpose; kind: EmailKind; render: (url: string) => { subject: string; html: string; text: string } },
): Promise<void> {
  const sendWithLink = makeSendWithLink(c.d);
  const expiresAt = new Date(c.d.clock.now().getTime() + DECISION_LINK_DAYS * DAY_MS);
  for (const member of requireSecretariat(c.cycle)) {
    await sendWithLink({
      key: `${ask.kind}#${action.actionId}#${changeId}#${member.memberId}`,
      to: member,
      kind: ask.kind,
      link: {
        purpose: ask.purpose,
        boardId: action.boardId,
        cycleId: action.cycleId,
        subject: decisionSubject(action.actionId, changeId),
        expiresAt,
        singleUse: true,
      },
      render: ask.render,
    });
  }
}

const actor = (c: LinkContext, at: string, changeId: string) => ({ by: c.holder.memberId, at, name: namesOf(c.cycle), changeId });

async function saveUpdate(c: LinkContext, raw: Record<string, string>): Promise<Performed> {
  // Everything is checked before anything is written: a refused form stores nothing.
  const input = readUpdateForm(raw, todayOf(c));
  if (input.proposal) requireSecretariat(c.cycle);
  const changeId = newChangeId();
  const result = await changeAction(c.d, c.link.boardId, c.link.subject ?? '', (action, at) => planUpdate(action, input, actor(c, at, changeId)));
  if (result.refused) return refusedPage(c, result);
  const { action } = result;
  let proposed = '';
  if (input.proposal && action.pendingDue?.id === changeId) {
    const pending = action.pendingDue;
    await askSecretariat(c, action, changeId, {
      purpose: 'decide-due-date',
      kind: 'action-due-proposed',
      render: (decideUrl) =>
        actionDueProposedEmail({
          board: c.cycle.board.name,
          secretariatEmail: c.cycle.secretariatEmail,
          actionNumber: action.number,
          actionText: action.text,
          proposedBy: c.holder.name,
          ...(action.due ? { currentDue: displayDue(action.due) } : {}),
          proposedDue: displayDue(pending.due),
          ...(pending.reason ? { reason: pending.reason } : {}),
          decideUrl,
        }),
    });
    proposed = ` Your proposed due date, ${displayDue(pending.due)}, has gone to the secretariat; you will hear by email.`;
  }
  const outcome = `Action ${action.number} is now ${statusLabel(action.status)}.${proposed}`;
  return { outcome, response: page(200, 'Update saved', html`${notice(outcome)}<p>Thank you. You can use the same link for later updates.</p>`) };
}

async function requestHandOver(c: LinkContext, raw: Record<string, string>): Promise<Performed> {
  const input = readDelegationForm(
    raw,
    c.cycle.members.filter((m) => m.memberId !== c.holder.memberId),
  );
  requireSecretariat(c.cycle);
  const changeId = newChangeId();
  const result = await changeAction(c.d, c.link.boardId, c.link.subject ?? '', (action, at) => planDelegationRequest(action, input, actor(c, at, changeId)));
  if (result.refused) return refusedPage(c, result);
  const { action } = result;
  const to = namesOf(c.cycle)(input.to);
  await askSecretariat(c, action, changeId, {
    purpose: 'decide-delegation',
    kind: 'action-delegation-proposed',
    render: (decideUrl) =>
      actionDelegationProposedEmail({
        board: c.cycle.board.name,
        secretariatEmail: c.cycle.secretariatEmail,
        actionNumber: action.number,
        actionText: action.text,
        ...(action.due ? { due: displayDue(action.due) } : {}),
        from: c.holder.name,
        to,
        reason: input.reason,
        decideUrl,
      }),
  });
  const outcome = `You asked to hand action ${action.number} to ${to}.`;
  return {
    outcome,
    response: page(
      200,
      'Hand-over requested',
      html`${notice(outcome)}<p>The secretariat will confirm or decline it, and you will hear by email. Until then the action stays with you.</p>`,
    ),
  };
}

/**
 * An owner updates an action with no account: status, a note, optionally a proposed new due date (the
 * secretariat accepts it or not), or a request to hand the action to another member. The link stays
 * usable for later updates until the action closes; once expired, it shows the action and offers a fresh
 * link by email. Every write is conditional on the version read, and a loser re-reads and decides
 * again: two owners saving at once both count, in order.
 */
export const updateAction: LinkPage = {
  purpose: 'update-action',
  async show(c) {
    const action = await actionOf(c);
    if (isClosed(action)) return finalPage(c, action);
    if (!isOwner(action, c.holder.memberId)) return notYoursPage(c, action);
    const body = html`${notice('This link is yours: to hand the action on, use the form below.')}
      ${await stateOf(c, action)}
      <h2>Your update</h2>${updateForm(c, action)}
      ${handOverForm(c)}`;
    return page(200, `Action ${action.number}`, body);
  },
  async perform(c, raw) {
    return raw.do === 'delegate' ? requestHandOver(c, raw) : saveUpdate(c, raw);
  },
  async expired(c) {
    const action = await actionOf(c);
    if (isClosed(action)) return finalPage(c, action);
    const expiredOn = notice(`This link expired on ${c.cycle.when(c.link.expiresAt)}, so it saves nothing. The action as it stands now is below.`);
    if (!isOwner(action, c.link.memberId)) return page(410, 'This link has expired', html`${expiredOn}${await stateOf(c, action)}`);
    return page(
      410,
      'This link has expired',
      html`${expiredOn}
        ${form(c.self, c.csrf, html`<input type="hidden" name="refresh" value="yes">`, 'Email me a fresh link')}
        <p>The fresh link goes only to the address this link was sent to.</p>
        ${await stateOf(c, action)}`,
    );
  },
  async refresh(c) {
    const action = await actionOf(c);
    if (isClosed(action)) return finalPage(c, action);
    if (!isOwner(action, c.holder.memberId)) return notYoursPage(c, action, 409);
    const expiresAt = new Date(c.d.clock.now().getTime() + UPDATE_LINK_DAYS * DAY_MS);
    // At most one fresh link per expired link per day, whoever presses the button how often.
    const sent = await makeSendWithLink(c.d)({
      key: `action-fresh-link#${c.link.tokenHash}#${todayOf(c)}`,
      to: c.holder,
      kind: 'action-fresh-link',
      link: { purpose: 'update-action', boardId: action.boardId, cycleId: action.cycleId, subject: action.actionId, expiresAt, singleUse: false },
      render: (updateUrl) => freshLinkEmail(c.cycle, action, updateUrl, expiresAt),
    });
    const to = maskEmail(c.holder.email);
    if (!sent) {
      return page(
        429,
        'A fresh link was sent today',
        html`${notice(`A fresh link went to ${to} today. Please look for it there (and in the spam folder); you can ask again tomorrow.`)}`,
      );
    }
    return page(200, 'A fresh link is on its way', html`${notice(`A fresh link is on its way to ${to}.`)}<p>It works for ${UPDATE_LINK_DAYS} days.</p>`);
  },
};

function freshLinkEmail(cycle: CycleContext, action: Action, updateUrl: string, expiresAt: Date) {
  return actionFreshLinkEmail({
    board: cycle.board.name,
    secretariatEmail: cycle.secretariatEmail,
    actionNumber: action.number,
    actionText: action.text,
    ...(action.due ? { due: displayDue(action.due) } : {}),
    worksUntil: cycle.day(expiresAt.toISOString()),
    updateUrl,
  });
}

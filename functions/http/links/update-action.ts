import { z } from 'zod';
import { NotFoundError, StaleVersionError } from '../../shared/domain/errors';
import { html } from '../../shared/domain/html';
import type { Action } from '../../shared/domain/types';
import { parseOrThrow } from '../../shared/domain/validate';
import { form, notice, page } from '../page';
import type { LinkContext, LinkPage } from './types';

export const MAX_NOTE_CHARS = 2000;
const CLOSED = new Set(['done', 'dropped']);

const updateForm = z.object({
  status: z.enum(['open', 'in-progress', 'done', 'dropped']),
  note: z
    .string()
    .trim()
    .max(MAX_NOTE_CHARS, `notes are limited to ${MAX_NOTE_CHARS.toLocaleString('en-GB')} characters`)
    .default(''),
});

async function actionOf(c: LinkContext): Promise<Action> {
  const action = await c.d.actions.getAction(c.link.boardId, c.link.subject ?? '');
  if (!action) throw new NotFoundError('This action no longer exists.');
  return action;
}

/**
 * An owner updates an action with no account: status and a note. The link stays usable for later
 * updates until the action closes. Two owners saving at once both count: a stale write re-reads and
 * applies on top (the history keeps both, in order).
 */
export const updateAction: LinkPage = {
  purpose: 'update-action',
  async show(c) {
    const action = await actionOf(c);
    const events = await c.d.actions.listEvents(action.actionId);
    const history = events.length
      ? html`<h2>Updates</h2><table>${events.map((e) => html`<tr><td>${c.cycle.when(e.at)}</td><td>${e.status}</td><td>${e.note}</td></tr>`)}</table>`
      : html`<p>No updates yet.</p>`;
    const statuses = ['open', 'in-progress', 'done', 'dropped'].map((s) => html`<option value="${s}" ${s === action.status ? 'selected' : ''}>${s}</option>`);
    const closed = CLOSED.has(action.status);
    const body = html`<p>${action.text}</p><p>Due: ${action.due ?? 'no due date'} · Status: <strong>${action.status}</strong></p>${history}
      ${closed ? notice(`This action is ${action.status}; no further updates are needed.`) : form(c.self, c.csrf, html`<label for="status">Status</label><select id="status" name="status">${statuses}</select><label for="note">Note (optional)</label><textarea id="note" name="note" maxlength="${MAX_NOTE_CHARS}"></textarea>`, 'Save update')}`;
    return page(200, `Action ${action.number}`, body);
  },
  async perform(c, raw) {
    const input = parseOrThrow(updateForm, raw, 'update');
    let action = await actionOf(c);
    if (CLOSED.has(action.status))
      return { outcome: '', response: page(409, `Action ${action.number} is closed`, notice(`This action is ${action.status}; it cannot be updated.`)) };
    const event = { actionId: action.actionId, at: c.d.clock.now().toISOString(), by: c.holder.memberId, status: input.status, note: input.note };
    for (let attempt = 1; ; attempt++) {
      try {
        action = await c.d.actions.recordUpdate(action.boardId, action.actionId, action.version, event);
        break;
      } catch (err) {
        if (!(err instanceof StaleVersionError) || attempt >= 5) throw err;
        action = await actionOf(c);
      }
    }
    const outcome = `Action ${action.number} is now ${action.status}.`;
    return { outcome, response: page(200, 'Update saved', html`${notice(outcome)}<p>Thank you. You can use the same link for later updates.</p>`) };
  },
};

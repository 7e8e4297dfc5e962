import { NotFoundError } from '../../../shared/domain/errors';
import { html, type SafeHtml } from '../../../shared/domain/html';
import { DESCRIPTION_MAX, INTEREST_KINDS, REGISTER_NEW_ROWS, type InterestRegister } from '../../../shared/domain/interests';
import { form, notice, page, type HttpResponse } from '../../page';
import type { LinkContext, LinkPage } from '../types';
import { confirmRegister } from './core';

/** The register form's button: tests press it by this label. */
export const CONFIRM_REGISTER_BUTTON = 'Confirm my register';

function entryRow(c: LinkContext, e: InterestRegister['entries'][number], i: number): SafeHtml {
  return html`<li><label><input type="checkbox" name="keep-${i}" value="yes" checked> ${INTEREST_KINDS[e.kind]}: ${e.description}</label>
<small>(registered ${c.cycle.day(e.registeredAt)})</small></li>`;
}

function newRow(i: number): SafeHtml {
  return html`<fieldset><legend>New interest ${i + 1}</legend>
<label for="new-kind-${i}">Kind</label><select id="new-kind-${i}" name="new-kind-${i}"><option value="none" selected>None</option>
<option value="pecuniary">${INTEREST_KINDS.pecuniary}</option><option value="other-registrable">${INTEREST_KINDS['other-registrable']}</option></select>
<label for="new-description-${i}">What it is</label><input type="text" id="new-description-${i}" name="new-description-${i}" maxlength="${DESCRIPTION_MAX}"></fieldset>`;
}

/** The member's register as it stands, each entry kept unless unticked, and rows for new ones. */
export function registerPage(c: LinkContext, register: InterestRegister | undefined): HttpResponse {
  const entries = register?.entries ?? [];
  const last = register?.confirmedAt ? `You last confirmed it on ${c.cycle.day(register.confirmedAt)}.` : 'You have not confirmed it yet.';
  const list = entries.length ? html`<ul>${entries.map((e, i) => entryRow(c, e, i))}</ul>` : html`<p>Your register has no interests on it.</p>`;
  const fields = html`${list}<p>Untick an interest you no longer have; add any new one below.</p>${Array.from({ length: REGISTER_NEW_ROWS }, (_, i) => newRow(i))}`;
  return page(
    200,
    `Your register of interests: ${c.cycle.board.name}`,
    html`${notice(`Please check your register once a year. ${last}`)}${form(c.self, c.csrf, fields, CONFIRM_REGISTER_BUTTON)}`,
  );
}

/** A member checks their register of interests once a year, and confirms it as it stands or changed. */
export const confirmInterestsPage: LinkPage<'confirm-interests'> = {
  purpose: 'confirm-interests',
  async show(c) {
    if (c.rest) throw new NotFoundError('There is nothing at this address.');
    return registerPage(c, await c.d.interests.getRegister(c.holder.boardId, c.holder.memberId));
  },
  async perform(c, fields) {
    if (c.rest) throw new NotFoundError('There is nothing at this address.');
    const stored = await confirmRegister(c.d, { member: c.holder, form: fields });
    const n = stored.entries.length;
    const outcome = `Your register of interests was confirmed on ${c.cycle.day(stored.confirmedAt ?? '')} with ${n} ${n === 1 ? 'interest' : 'interests'}.`;
    return { outcome, response: page(200, 'Your register is confirmed', notice(outcome)) };
  },
};

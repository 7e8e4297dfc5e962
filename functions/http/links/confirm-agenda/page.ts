import { html } from '../../../shared/domain/html';
import type { AgendaItem } from '../../../shared/domain/types';
import { form, notice, page, type HttpResponse } from '../../page';
import type { LinkContext, LinkPage } from '../types';
import { parseOrThrow } from '../../../shared/domain/validate';
import { confirmAgenda, agendaForm } from './core';

/** The agenda form's button: the robot in local/personas presses it by this label. */
export const CONFIRM_AGENDA_BUTTON = 'Confirm the agenda';

const HEAD = html`<thead><tr><th>Position</th><th>Title</th><th>Presenter</th><th>Purpose</th><th></th></tr></thead>`;

function row(i: AgendaItem, names: ReadonlyMap<string, string>) {
  const position = html`${[
    html`<input type="number" name="order_${i.number}" value="${i.number}" min="1" max="99"`,
    html` aria-label="Position of item ${i.number}" style="width:4rem">`,
  ]}`;
  const title = html`<input type="text" name="title_${i.number}" value="${i.title}" maxlength="200" aria-label="Title of item ${i.number}">`;
  const proposedBy = i.source === 'proposal' ? html`<br><small>Proposed by ${names.get(i.proposedBy ?? '') ?? 'a member'}</small>` : '';
  const notes = (i.notes ?? []).map((n) => html`<br><small>${n}</small>`);
  return html`<tr>
        <td>${position}</td>
        <td>${title}${i.confidential ? ' (confidential)' : ''}${proposedBy}${notes}</td>
        <td>${i.presenterMemberId ? (names.get(i.presenterMemberId) ?? '') : ''}</td><td>${i.purpose}</td>
        <td><label><input type="checkbox" name="keep_${i.number}" value="yes" checked> Keep</label></td></tr>`;
}

/** The draft agenda as a form: positions, titles and "keep" for each item. */
export function agendaPage(c: LinkContext, items: readonly AgendaItem[]): HttpResponse {
  const names = new Map(c.cycle.members.map((m) => [m.memberId, m.name]));
  const rows = items.map((i) => row(i, names));
  const intro = html`<p>Check the draft agenda for ${c.cycle.board.name} on ${c.cycle.when(c.cycle.cycle.timeline.meeting)}. ${[
    'Change positions or titles, clear “Keep” to leave a proposal out (its proposer is told), then confirm. ',
    'Confirming sends paper requests to each presenter.',
  ]}</p>`;
  const body = html`${intro}
      ${
        items.length === 0
          ? notice('The agenda is empty, so it cannot be confirmed yet.')
          : form(c.self, c.csrf, html`<table>${HEAD}<tbody>${rows}</tbody></table>`, CONFIRM_AGENDA_BUTTON)
      }`;
  return page(200, 'Confirm the draft agenda', body);
}

/** The agenda is confirmed; who was told. */
export function confirmedPage(outcome: string, declined: number): HttpResponse {
  const left = declined ? ` ${declined === 1 ? 'One proposal was' : `${declined} proposals were`} left out; the proposers have been told.` : '';
  return page(200, 'Agenda confirmed', html`${notice(outcome + left)}<p>Paper requests are on their way to the presenters.</p>`);
}

/**
 * The secretariat reviews the draft agenda, reorders and retitles items, leaves proposals out (their
 * proposers are told), and confirms: the POST resumes the waiting cycle.
 */
export const confirmAgendaPage: LinkPage<'confirm-agenda'> = {
  purpose: 'confirm-agenda',
  async show(c) {
    return agendaPage(c, await c.d.cycles.listItems(c.cycle.cycle.cycleId));
  },
  async perform(c, fields) {
    const edits = parseOrThrow(agendaForm, fields, 'agenda');
    const { outcome, declined } = await confirmAgenda(c.d, { cycle: c.cycle, confirmer: c.holder, edits, by: c.link.tokenHash });
    return { outcome, response: confirmedPage(outcome, declined) };
  },
};

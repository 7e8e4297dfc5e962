import { html } from '../../shared/domain/html';
import { resumeWait } from '../../shared/domain/callbacks';
import { ValidationError } from '../../shared/domain/errors';
import { form, notice, page } from '../page';
import type { LinkPage } from './types';

/** The secretariat confirms the draft agenda; the POST resumes the waiting cycle. */
export const confirmAgenda: LinkPage = {
  purpose: 'confirm-agenda',
  async show(c) {
    const items = await c.d.cycles.listItems(c.cycle.cycle.cycleId);
    const names = new Map(c.cycle.members.map((m) => [m.memberId, m.name]));
    const rows = items.map(
      (i) =>
        html`<tr><td>${i.number}</td><td>${i.title}${i.confidential ? ' (confidential)' : ''}</td><td>${i.presenterMemberId ? (names.get(i.presenterMemberId) ?? '') : ''}</td><td>${i.purpose}</td></tr>`,
    );
    const body = html`<p>Check the draft agenda for ${c.cycle.board.name} on ${c.cycle.when(c.cycle.cycle.timeline.meeting)}. Confirming it sends paper requests to each presenter.</p>
      <table><thead><tr><th>Item</th><th>Title</th><th>Presenter</th><th>Purpose</th></tr></thead><tbody>${rows}</tbody></table>
      ${items.length === 0 ? notice('The agenda is empty, so it cannot be confirmed yet.') : form(c.self, c.csrf, html``, 'Confirm the agenda')}`;
    return page(200, 'Confirm the draft agenda', body);
  },
  async perform(c) {
    const items = await c.d.cycles.listItems(c.cycle.cycle.cycleId);
    if (items.length === 0) throw new ValidationError('An empty agenda cannot be confirmed: add at least one item first.');
    await resumeWait(c.d, c.cycle.cycle.cycleId, 'agenda-confirmation', { confirmedBy: c.holder.memberId, items: items.length });
    const outcome = `The agenda (${items.length} items) was confirmed by ${c.holder.name} on ${c.cycle.when(c.d.clock.now().toISOString())}.`;
    return { outcome, response: page(200, 'Agenda confirmed', html`${notice(outcome)}<p>Paper requests are on their way to the presenters.</p>`) };
  },
};

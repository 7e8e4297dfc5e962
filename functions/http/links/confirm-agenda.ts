import { proposalAcceptedEmail, proposalDeclinedEmail } from '../../emails';
import { applyAgendaEdits, type AgendaEdit } from '../../shared/domain/agenda';
import { resumeWait } from '../../shared/services/callbacks';
import { NotWaitingError } from '../../shared/domain/errors';
import { html } from '../../shared/domain/html';
import { messageTo } from '../../shared/services/notify';
import { form, notice, page } from '../page';
import type { LinkPage } from './types';

/** Reads the page's per-item fields: order_<n>, title_<n>, keep_<n> (a checkbox: absent when cleared). */
function editsFrom(formFields: Record<string, string>, numbers: readonly number[]): Map<number, AgendaEdit> {
  const edits = new Map<number, AgendaEdit>();
  for (const n of numbers) {
    const title = formFields[`title_${n}`];
    if (title === undefined) continue;
    edits.set(n, { order: Number(formFields[`order_${n}`] ?? n), title, keep: formFields[`keep_${n}`] === 'yes' });
  }
  return edits;
}

/**
 * The secretariat reviews the draft agenda, reorders and retitles items, leaves proposals out (their
 * proposers are told), and confirms: the POST resumes the waiting cycle.
 */
export const confirmAgenda: LinkPage = {
  purpose: 'confirm-agenda',
  async show(c) {
    const items = await c.d.cycles.listItems(c.cycle.cycle.cycleId);
    const names = new Map(c.cycle.members.map((m) => [m.memberId, m.name]));
    const rows = items.map(
      (i) => html`<tr>
        <td><input type="number" name="order_${i.number}" value="${i.number}" min="1" max="99" aria-label="Position of item ${i.number}" style="width:4rem"></td>
        <td><input type="text" name="title_${i.number}" value="${i.title}" maxlength="200" aria-label="Title of item ${i.number}">${i.confidential ? ' (confidential)' : ''}${i.source === 'proposal' ? html`<br><small>Proposed by ${names.get(i.proposedBy ?? '') ?? 'a member'}</small>` : ''}${(i.notes ?? []).map((n) => html`<br><small>${n}</small>`)}</td>
        <td>${i.presenterMemberId ? (names.get(i.presenterMemberId) ?? '') : ''}</td><td>${i.purpose}</td>
        <td><label><input type="checkbox" name="keep_${i.number}" value="yes" checked> Keep</label></td></tr>`,
    );
    const body = html`<p>Check the draft agenda for ${c.cycle.board.name} on ${c.cycle.when(c.cycle.cycle.timeline.meeting)}. Change positions or titles, clear “Keep” to leave a proposal out (its proposer is told), then confirm. Confirming sends paper requests to each presenter.</p>
      ${
        items.length === 0
          ? notice('The agenda is empty, so it cannot be confirmed yet.')
          : form(
              c.self,
              c.csrf,
              html`<table><thead><tr><th>Position</th><th>Title</th><th>Presenter</th><th>Purpose</th><th></th></tr></thead><tbody>${rows}</tbody></table>`,
              'Confirm the agenda',
            )
      }`;
    return page(200, 'Confirm the draft agenda', body);
  },
  async perform(c, fields) {
    const cycleId = c.cycle.cycle.cycleId;
    const draft = await c.d.cycles.listItems(cycleId);
    const { items, declined } = applyAgendaEdits(
      draft,
      editsFrom(
        fields,
        draft.map((i) => i.number),
      ),
    );
    // Checked before anything is written, so a late second click changes nothing.
    if (!(await c.d.waits.getWait(cycleId, 'agenda-confirmation'))) throw new NotWaitingError('The agenda has already been confirmed.');
    await c.d.cycles.putItems(cycleId, items);
    // Proposers hear either way: on the agenda (with its number), or left out.
    for (const item of items.filter((i) => i.source === 'proposal')) {
      const proposer = c.cycle.members.find((m) => m.memberId === item.proposedBy);
      if (!proposer) continue;
      const email = proposalAcceptedEmail({
        board: c.cycle.board.name,
        secretariatEmail: c.cycle.secretariatEmail,
        itemTitle: item.title,
        itemNumber: item.number,
        meetingWhen: c.cycle.when(c.cycle.cycle.timeline.meeting),
        presenting: item.presenterMemberId === proposer.memberId,
      });
      await c.d.sendOnce(`proposal-accepted#${cycleId}#${item.number}#${proposer.memberId}`, messageTo(proposer, 'proposal-accepted', email));
    }
    for (const item of declined) {
      const proposer = c.cycle.members.find((m) => m.memberId === item.proposedBy);
      if (!proposer) continue;
      const email = proposalDeclinedEmail({
        board: c.cycle.board.name,
        secretariatEmail: c.cycle.secretariatEmail,
        itemTitle: item.title,
        meetingWhen: c.cycle.when(c.cycle.cycle.timeline.meeting),
      });
      await c.d.sendOnce(`proposal-declined#${cycleId}#${item.number}#${proposer.memberId}`, messageTo(proposer, 'proposal-declined', email));
    }
    await resumeWait(c.d, cycleId, 'agenda-confirmation', { confirmedBy: c.holder.memberId, items: items.length });
    const outcome = `The agenda (${items.length} items) was confirmed by ${c.holder.name} on ${c.cycle.when(c.d.clock.now().toISOString())}.`;
    const left = declined.length
      ? ` ${declined.length === 1 ? 'One proposal was' : `${declined.length} proposals were`} left out; the proposers have been told.`
      : '';
    return { outcome, response: page(200, 'Agenda confirmed', html`${notice(outcome + left)}<p>Paper requests are on their way to the presenters.</p>`) };
  },
};

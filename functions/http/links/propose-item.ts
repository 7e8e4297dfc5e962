import { createHash } from 'node:crypto';
import { z } from 'zod';
import { proposalReceivedEmail } from '../../emails';
import { AlreadyExistsError } from '../../shared/domain/errors';
import { html } from '../../shared/domain/html';
import { messageTo } from '../../shared/services/notify';
import { parseOrThrow } from '../../shared/domain/validate';
import { form, notice, page } from '../page';
import type { LinkPage } from './types';

const proposalForm = z.object({
  title: z.string().trim().min(3, 'give the item a title of at least 3 characters').max(200, 'keep the title under 200 characters'),
  purpose: z.enum(['decision', 'discussion', 'information']),
  presenter: z.string().min(1),
  minutes: z.coerce.number().int().min(5, 'allow at least 5 minutes').max(180, 'an item longer than 3 hours needs a word with the secretariat'),
  confidential: z.enum(['yes', 'no']).default('no'),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
});

/** False when a concurrent submission of the same form (a double click) stored it first. */
async function addOnce(add: () => Promise<void>): Promise<boolean> {
  try {
    await add();
    return true;
  } catch (err) {
    if (err instanceof AlreadyExistsError) return false;
    throw err;
  }
}

/** Any member proposes agenda items until the item deadline; each form submission counts once. */
export const proposeItem: LinkPage = {
  purpose: 'propose-item',
  async show(c) {
    const { cycle } = c;
    const nonce = createHash('sha256').update(`${c.token}:${c.d.clock.now().getTime()}:${Math.random()}`).digest('base64url').slice(0, 22);
    const options = cycle.members.map(
      (m) => html`<option value="${m.memberId}" ${m.memberId === c.holder.memberId ? 'selected' : ''}>${m.name} (${m.organisation})</option>`,
    );
    const fields = html`<input type="hidden" name="nonce" value="${nonce}">
      <label for="title">Title</label><input type="text" id="title" name="title" maxlength="200" required>
      <label for="purpose">Purpose</label><select id="purpose" name="purpose"><option value="decision">For decision</option><option value="discussion" selected>For discussion</option><option value="information">For information</option></select>
      <label for="presenter">Presenter</label><select id="presenter" name="presenter">${options}</select>
      <label for="minutes">Time needed (minutes)</label><input type="number" id="minutes" name="minutes" min="5" max="180" value="15">
      <label><input type="checkbox" name="confidential" value="yes"> Confidential (left out of the public pack)</label>`;
    return page(
      200,
      `Propose an item for ${cycle.board.name}, ${cycle.day(cycle.cycle.timeline.meeting)}`,
      html`${notice(`Proposals close ${cycle.when(cycle.cycle.timeline.itemDeadline)}.`)}${form(c.self, c.csrf, fields, 'Propose this item')}`,
    );
  },
  expired(c, contact) {
    const { cycle } = c;
    return page(
      410,
      'Proposals have closed',
      html`${notice(`Proposals for the meeting on ${cycle.when(cycle.cycle.timeline.meeting)} closed on ${cycle.when(cycle.cycle.timeline.itemDeadline)}.`)}<p>To raise something now, please write to ${contact}; any other business can also be raised at the meeting.</p>`,
    );
  },
  async perform(c, raw) {
    const input = parseOrThrow(proposalForm, raw, 'proposal');
    const { cycle } = c;
    const presenter = cycle.members.find((m) => m.memberId === input.presenter);
    if (!presenter) return { outcome: '', response: page(422, 'Choose a presenter from the list', notice('The presenter must be a member of the board.')) };
    const proposalId = createHash('sha256').update(`${c.link.tokenHash}:${input.nonce}`).digest('hex').slice(0, 20);
    const existing = (await c.d.cycles.listProposals(cycle.cycle.cycleId)).find((p) => p.proposalId === proposalId);
    if (
      !existing &&
      (await addOnce(() =>
        c.d.cycles.addProposal({
          cycleId: cycle.cycle.cycleId,
          proposalId,
          title: input.title,
          purpose: input.purpose,
          presenterMemberId: presenter.memberId,
          estimatedMinutes: input.minutes,
          confidential: input.confidential === 'yes',
          proposedBy: c.holder.memberId,
          createdAt: c.d.clock.now().toISOString(),
        }),
      ))
    ) {
      const email = proposalReceivedEmail({
        board: cycle.board.name,
        secretariatEmail: cycle.secretariatEmail,
        itemTitle: input.title,
        itemDeadline: cycle.when(cycle.cycle.timeline.itemDeadline),
      });
      await c.d.sendOnce(`proposal#${cycle.cycle.cycleId}#${proposalId}`, messageTo(c.holder, 'proposal-received', email));
    }
    const outcome = `"${input.title}" was proposed for the agenda.`;
    return {
      outcome,
      response: page(
        200,
        'Thank you: your item is proposed',
        html`${notice(outcome)}<p>The secretariat builds the agenda after ${cycle.when(cycle.cycle.timeline.itemDeadline)}. You can use the same link to propose another item.</p>`,
      ),
    };
  },
};

import { createHash } from 'node:crypto';
import { html } from '../../../shared/domain/html';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { form, notice, page, type HttpResponse } from '../../page';
import type { LinkContext, LinkPage } from '../types';
import { parseOrThrow } from '../../../shared/domain/validate';
import { proposeItem, proposalForm } from './core';

/** The proposal form's button: the robot in local/personas presses it by this label. */
export const PROPOSE_BUTTON = 'Propose this item';

const PURPOSES = html`<select id="purpose" name="purpose">${[
  html`<option value="decision">For decision</option>`,
  html`<option value="discussion" selected>For discussion</option>`,
  html`<option value="information">For information</option>`,
]}</select>`;

/** The proposal form, the holder chosen as presenter; each showing gets a nonce of its own. */
export function proposalPage(c: LinkContext, now: Date): HttpResponse {
  const { cycle } = c;
  const nonce = createHash('sha256').update(`${c.token}:${now.getTime()}:${Math.random()}`).digest('base64url').slice(0, 22);
  const options = cycle.members.map(
    (m) => html`<option value="${m.memberId}" ${m.memberId === c.holder.memberId ? 'selected' : ''}>${m.name} (${m.organisation})</option>`,
  );
  const fields = html`<input type="hidden" name="nonce" value="${nonce}">
      <label for="title">Title</label><input type="text" id="title" name="title" maxlength="200" required>
      <label for="purpose">Purpose</label>${PURPOSES}
      <label for="presenter">Presenter</label><select id="presenter" name="presenter">${options}</select>
      <label for="minutes">Time needed (minutes)</label><input type="number" id="minutes" name="minutes" min="5" max="180" value="15">
      <label><input type="checkbox" name="confidential" value="yes"> Confidential (left out of the public pack)</label>`;
  return page(
    200,
    `Propose an item for ${cycle.board.name}, ${cycle.day(cycle.cycle.timeline.meeting)}`,
    html`${notice(`Proposals close ${cycle.when(cycle.cycle.timeline.itemDeadline)}.`)}${form(c.self, c.csrf, fields, PROPOSE_BUTTON)}`,
  );
}

/** After the item deadline: where to raise something now. */
export function proposalsClosedPage(cycle: CycleContext, contact: string): HttpResponse {
  const closed = `Proposals for the meeting on ${cycle.when(cycle.cycle.timeline.meeting)} closed on ${cycle.when(cycle.cycle.timeline.itemDeadline)}.`;
  const instead = html`<p>To raise something now, please write to ${contact}; any other business can also be raised at the meeting.</p>`;
  return page(410, 'Proposals have closed', html`${notice(closed)}${instead}`);
}

/** The presenter chosen is not a member of the board: nothing is stored. */
export const presenterRefusedPage = (): HttpResponse => page(422, 'Choose a presenter from the list', notice('The presenter must be a member of the board.'));

/** Thanks, and the same link serves further proposals. */
export function proposedPage(cycle: CycleContext, outcome: string): HttpResponse {
  const deadline = cycle.when(cycle.cycle.timeline.itemDeadline);
  const next = html`<p>The secretariat builds the agenda after ${deadline}. You can use the same link to propose another item.</p>`;
  return page(200, 'Thank you: your item is proposed', html`${notice(outcome)}${next}`);
}

/** Any member proposes agenda items until the item deadline; each form submission counts once. */
export const proposeItemPage: LinkPage<'propose-item'> = {
  purpose: 'propose-item',
  async show(c) {
    return proposalPage(c, c.d.clock.now());
  },
  expired(c, contact) {
    return proposalsClosedPage(c.cycle, contact);
  },
  async perform(c, raw) {
    const proposal = parseOrThrow(proposalForm, raw, 'proposal');
    const done = await proposeItem(c.d, { cycle: c.cycle, proposer: c.holder, tokenHash: c.link.tokenHash, proposal });
    if ('refused' in done) return { outcome: '', response: presenterRefusedPage() };
    return { outcome: done.outcome, response: proposedPage(c.cycle, done.outcome) };
  },
};

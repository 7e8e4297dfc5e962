import { html } from '../../../shared/domain/html';
import type { MinutesVersion } from '../../../shared/domain/types';
import { form, notice, page, type HttpResponse } from '../../page';
import type { LinkContext, LinkPage } from '../types';
import { type MinutesAnswer, answerMinutes, minutesToAnswer, minutesAnswerForm } from './core';
import { parseOrThrow } from '../../../shared/domain/validate';

/** The chair's approving button: the robot in local/personas presses it by this label. */
export const APPROVE_BUTTON = 'Approve these minutes';
/** The chair's button that sends the minutes back with a comment. */
export const REQUEST_CHANGES_BUTTON = 'Request changes';

const approveButton = (c: LinkContext) => form(c.self, c.csrf, html`<input type="hidden" name="decision" value="approve">`, APPROVE_BUTTON);

function changesForm(c: LinkContext) {
  const fields = html`<input type="hidden" name="decision" value="request-changes">${[
    html`<label for="comment">What should change</label>`,
    html`<textarea id="comment" name="comment" maxlength="5000" required></textarea>`,
  ]}`;
  return form(c.self, c.csrf, fields, REQUEST_CHANGES_BUTTON);
}

/** The minutes to approve, their actions, and the two answers. */
export function approvalPage(c: LinkContext, minutes: MinutesVersion, text: string): HttpResponse {
  const actions = minutes.actions ?? [];
  const list = html`<ul>${actions.map((a) => html`<li>${a.text}${a.ownersAsWritten.length ? '' : ' — no owner named'}</li>`)}</ul>`;
  const meeting = c.cycle.when(c.cycle.cycle.timeline.meeting);
  const body = html`<p>Version ${minutes.version} of the minutes of ${c.cycle.board.name} on ${meeting}.</p>
      <pre>${text}</pre>
      ${actions.length ? html`<h2>Actions (${actions.length})</h2>${list}` : ''}
      ${approveButton(c)}
      <h2>Or ask for changes</h2>
      ${changesForm(c)}`;
  return page(200, 'Approve the minutes', body);
}

/** What the chair sees after answering. */
export function answeredPage(answer: MinutesAnswer, outcome: string): HttpResponse {
  if (answer.decision === 'approve') {
    return page(200, 'Minutes approved', html`${notice(outcome)}<p>They will be published to members now.</p>`);
  }
  return page(200, 'Changes requested', html`${notice(outcome)}<p>The secretariat will send you a revised version.</p>`);
}

/** The chair reads the minutes and approves them or asks for changes; the POST resumes the cycle. */
export const approveMinutesPage: LinkPage<'approve-minutes'> = {
  purpose: 'approve-minutes',
  async show(c) {
    const { minutes, text } = await minutesToAnswer(c.d, c.cycle.cycle.cycleId, Number(c.link.subject));
    return approvalPage(c, minutes, text);
  },
  async perform(c, raw) {
    const answer = parseOrThrow(minutesAnswerForm, raw, 'answer');
    const outcome = await answerMinutes(c.d, c.cycle, { version: Number(c.link.subject), chair: c.holder, answer, by: c.link.tokenHash });
    return { outcome, response: answeredPage(answer, outcome) };
  },
};

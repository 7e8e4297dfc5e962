import { z } from 'zod';
import { decideMinutes, versionToAnswer } from '../../shared/services/minutes-decision';
import { html } from '../../shared/domain/html';
import { parseOrThrow } from '../../shared/domain/validate';
import { form, notice, page } from '../page';
import type { LinkPage } from './types';

const decisionForm = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({
    decision: z.literal('request-changes'),
    comment: z.string().trim().min(3, 'say what should change').max(5000, 'keep the comment under 5,000 characters'),
  }),
]);

/** The chair reads the minutes and approves them or asks for changes; the POST resumes the cycle. */
export const approveMinutes: LinkPage = {
  purpose: 'approve-minutes',
  async show(c) {
    const minutes = await versionToAnswer(c.d, c.cycle.cycle.cycleId, Number(c.link.subject));
    const text = await c.d.documents.getText(minutes.s3Key);
    const actions = minutes.actions ?? [];
    const body = html`<p>Version ${minutes.version} of the minutes of ${c.cycle.board.name} on ${c.cycle.when(c.cycle.cycle.timeline.meeting)}.</p>
      <pre>${text}</pre>
      ${actions.length ? html`<h2>Actions (${actions.length})</h2><ul>${actions.map((a) => html`<li>${a.text}${a.ownersAsWritten.length ? '' : ' — no owner named'}</li>`)}</ul>` : ''}
      ${form(c.self, c.csrf, html`<input type="hidden" name="decision" value="approve">`, 'Approve these minutes')}
      <h2>Or ask for changes</h2>
      ${form(c.self, c.csrf, html`<input type="hidden" name="decision" value="request-changes"><label for="comment">What should change</label><textarea id="comment" name="comment" maxlength="5000" required></textarea>`, 'Request changes')}`;
    return page(200, 'Approve the minutes', body);
  },
  async perform(c, raw) {
    const answer = parseOrThrow(decisionForm, raw, 'answer');
    const outcome = await decideMinutes(c.d, c.cycle, { version: Number(c.link.subject), chair: c.holder, answer, via: 'link' });
    if (answer.decision === 'approve') {
      return { outcome, response: page(200, 'Minutes approved', html`${notice(outcome)}<p>They will be published to members now.</p>`) };
    }
    return { outcome, response: page(200, 'Changes requested', html`${notice(outcome)}<p>The secretariat will send you a revised version.</p>`) };
  },
};

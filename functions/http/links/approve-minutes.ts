import { z } from 'zod';
import { resumeWait } from '../../shared/domain/callbacks';
import { NotFoundError, NotWaitingError } from '../../shared/domain/errors';
import { html } from '../../shared/domain/html';
import { parseOrThrow } from '../../shared/domain/validate';
import { form, notice, page } from '../page';
import type { LinkContext, LinkPage } from './types';

const decisionForm = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({
    decision: z.literal('request-changes'),
    comment: z.string().trim().min(3, 'say what should change').max(5000, 'keep the comment under 5,000 characters'),
  }),
]);

async function versionOf(c: LinkContext) {
  const version = Number(c.link.subject);
  const minutes = await c.d.cycles.getMinutes(c.cycle.cycle.cycleId, version);
  if (!minutes) throw new NotFoundError(`Version ${c.link.subject} of these minutes does not exist.`);
  const latest = await c.d.cycles.latestMinutes(c.cycle.cycle.cycleId);
  if (latest && latest.version > minutes.version) {
    throw new NotWaitingError(`A newer version (${latest.version}) of these minutes has been sent to you; please answer that one.`);
  }
  return minutes;
}

/** The chair reads the minutes and approves them or asks for changes; the POST resumes the cycle. */
export const approveMinutes: LinkPage = {
  purpose: 'approve-minutes',
  async show(c) {
    const minutes = await versionOf(c);
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
    const input = parseOrThrow(decisionForm, raw, 'answer');
    const minutes = await versionOf(c);
    const cycleId = c.cycle.cycle.cycleId;
    const at = c.d.clock.now().toISOString();
    if (!(await c.d.waits.getWait(cycleId, 'chair-approval'))) throw new NotWaitingError('These minutes are not awaiting your approval any more.');
    if (input.decision === 'approve') {
      await c.d.cycles.updateMinutes(cycleId, minutes.version, { status: 'approved', approval: { by: c.holder.memberId, at, via: 'link' } }, 'submitted');
      await resumeWait(c.d, cycleId, 'chair-approval', { decision: 'approved', version: minutes.version });
      const outcome = `Version ${minutes.version} of the minutes was approved by ${c.holder.name} on ${c.cycle.when(at)}.`;
      return { outcome, response: page(200, 'Minutes approved', html`${notice(outcome)}<p>They will be published to members now.</p>`) };
    }
    await c.d.cycles.updateMinutes(
      cycleId,
      minutes.version,
      { status: 'changes-requested', changeRequest: { by: c.holder.memberId, at, comment: input.comment } },
      'submitted',
    );
    await resumeWait(c.d, cycleId, 'chair-approval', { decision: 'changes-requested', version: minutes.version });
    const outcome = `${c.holder.name} asked for changes to version ${minutes.version} on ${c.cycle.when(at)}.`;
    return { outcome, response: page(200, 'Changes requested', html`${notice(outcome)}<p>The secretariat will send you a revised version.</p>`) };
  },
};

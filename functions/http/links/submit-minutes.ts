import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { resumeWait } from '../../shared/domain/callbacks';
import { NotWaitingError } from '../../shared/domain/errors';
import { html } from '../../shared/domain/html';
import { draftMinutes, extractActions, resolveOwners } from '../../shared/domain/minutes';
import type { ExtractedAction } from '../../shared/domain/types';
import { parseOrThrow } from '../../shared/domain/validate';
import { form, notice, page, type HttpResponse } from '../page';
import type { LinkContext, LinkPage } from './types';

export const MAX_MINUTES_CHARS = 200_000;

const minutesForm = z.object({
  text: z
    .string()
    .trim()
    .min(20, 'the minutes are empty: write or paste them in')
    .max(MAX_MINUTES_CHARS, `minutes are limited to ${MAX_MINUTES_CHARS.toLocaleString('en-GB')} characters`),
});

async function startingText(c: LinkContext): Promise<{ text: string; comment?: string }> {
  const latest = await c.d.cycles.latestMinutes(c.cycle.cycle.cycleId);
  if (latest) {
    return { text: await c.d.documents.getText(latest.s3Key), ...(latest.changeRequest ? { comment: latest.changeRequest.comment } : {}) };
  }
  const [items, actions, attendance] = await Promise.all([
    c.d.cycles.listItems(c.cycle.cycle.cycleId),
    c.d.actions.listActions(c.cycle.board.boardId),
    c.d.cycles.listAttendance(c.cycle.cycle.cycleId),
  ]);
  const names = new Map(c.cycle.members.map((m) => [m.memberId, m.name]));
  return {
    text: draftMinutes({
      boardName: c.cycle.board.name,
      meetingWhen: c.cycle.when(c.cycle.cycle.timeline.meeting),
      venue: c.cycle.cycle.meeting.venue,
      members: c.cycle.members,
      apologies: attendance.filter((a) => a.status === 'apologies').map((a) => a.memberId),
      items,
      openActions: actions.filter((a) => a.cycleId !== c.cycle.cycle.cycleId && (a.status === 'open' || a.status === 'in-progress')),
      presenterName: (id) => (id ? names.get(id) : undefined),
    }),
  };
}

/**
 * The actions as the register will take them, for the secretariat to check before the chair sees the
 * minutes: each owner resolved to a member, or left for the secretariat to assign. Changes nothing.
 */
function reviewPage(c: LinkContext, text: string, actions: ExtractedAction[]): HttpResponse {
  const names = new Map(c.cycle.members.map((m) => [m.memberId, m.name]));
  const rows = actions.map((a) => {
    const resolved = resolveOwners(a.ownersAsWritten, c.cycle.members).map((id) => names.get(id) ?? id);
    return html`<tr><td>${a.number ?? ''}</td><td>${a.itemNumber ?? ''}</td><td>${a.text}</td><td>${a.ownersAsWritten.join(', ') || 'No owner named'}</td>
      <td>${resolved.length ? resolved.join(', ') : html`<strong>Unassigned</strong>: the secretariat assigns it`}</td><td>${a.due ?? ''}</td></tr>`;
  });
  const table = actions.length
    ? html`<table><thead><tr><th>Action</th><th>Item</th><th>Text</th><th>Owners as written</th><th>Asked for updates</th><th>Due</th></tr></thead><tbody>${rows}</tbody></table>`
    : notice('No actions were found. Write each action on its own line as "Action: <owner> to <what>".');
  return page(
    200,
    `Check the actions (${actions.length})`,
    html`<p>These are the actions the minutes record, and who will be asked for updates once the chair approves them.</p>${table}
      ${form(c.self, c.csrf, html`<input type="hidden" name="step" value="send"><input type="hidden" name="text" value="${text}">`, 'Save and send to the chair')}
      <h2>Or edit the minutes again</h2>
      ${form(c.self, c.csrf, html`<textarea name="text" rows="20" aria-label="Minutes">${text}</textarea>`, 'Check the actions')}`,
  );
}

/**
 * The secretariat writes the minutes from a pre-filled draft (or revises the last version after the
 * chair's comments). Saving keeps a new version and sends it to the chair.
 */
export const submitMinutes: LinkPage = {
  purpose: 'submit-minutes',
  async show(c) {
    const { text, comment } = await startingText(c);
    const body = html`${comment ? notice(`The chair asked for changes: ${comment}`) : ''}
      <p>Edit the minutes below. Write each action on its own line as "Action: <owner> to <what>" so that owners are asked for updates.</p>
      ${form(c.self, c.csrf, html`<label for="text">Minutes</label><textarea id="text" name="text" rows="30">${text}</textarea>`, 'Check the actions')}`;
    return page(200, `Minutes of ${c.cycle.board.name}, ${c.cycle.day(c.cycle.cycle.timeline.meeting)}`, body);
  },
  async perform(c, raw) {
    const { text } = parseOrThrow(minutesForm, raw, 'minutes');
    // Read before anything is stored: minutes the cycle cannot read are refused with what is missing.
    const actions = extractActions(text);
    if (raw.step !== 'send') return { outcome: '', response: reviewPage(c, text, actions) };
    const cycleId = c.cycle.cycle.cycleId;
    if (!(await c.d.waits.getWait(cycleId, 'minutes-draft'))) {
      throw new NotWaitingError('The minutes for this meeting are not awaiting a draft: a version has already been sent to the chair.');
    }
    const s3Key = `minutes/${cycleId}/${randomBytes(8).toString('hex')}.md`;
    await c.d.documents.putText(s3Key, text, 'text/markdown; charset=utf-8');
    const minutes = await c.d.cycles.addMinutes({ cycleId, s3Key, status: 'submitted', savedBy: c.holder.memberId, savedAt: c.d.clock.now().toISOString() });
    await resumeWait(c.d, cycleId, 'minutes-draft', { version: minutes.version });
    const outcome = `Version ${minutes.version} of the minutes was saved by ${c.holder.name} and sent to the chair.`;
    return { outcome, response: page(200, 'Minutes sent to the chair', notice(outcome)) };
  },
};

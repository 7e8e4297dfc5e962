import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { resumeWait } from '../../shared/services/callbacks';
import { NotFoundError, NotWaitingError, PaperTooLargeError, UploadRejectedError, ValidationError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import { formatCalendarDate } from '../../shared/domain/calendar';
import { loadMattersArising } from '../../shared/services/matters-arising';
import { proposeNextMeeting } from '../../shared/domain/next-meeting';
import { draftMinutes, extractActions, resolveOwners } from '../../shared/domain/minutes';
import { minutesDocx } from '../../shared/documents/minutes-docx';
import { readMinutesText } from '../../shared/documents/minutes-file';
import type { ExtractedAction } from '../../shared/domain/types';
import { parseOrThrow } from '../../shared/domain/validate';
import { download, form, notice, page, type HttpResponse } from '../page';
import type { LinkContext, LinkPage } from './types';
import { formatBytes } from './upload-paper';

export const MAX_MINUTES_CHARS = 200_000;
/** Largest minutes document the secretariat may upload. */
export const MAX_MINUTES_UPLOAD_BYTES = 5 * 1024 * 1024;
const UPLOAD_WINDOW_SECONDS = 15 * 60;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Where the secretariat's uploads for a cycle land. S3 puts the file under the name the browser gave it
 * (the `${filename}` of a POST key), which is how the app learns it: a form without scripts cannot say.
 */
export const minutesUploadPrefix = (cycleId: string): string => `minutes-uploads/${cycleId}/`;

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
  const [items, arising, attendance] = await Promise.all([
    c.d.cycles.listItems(c.cycle.cycle.cycleId),
    loadMattersArising(c.d, c.cycle.board, c.cycle.cycle),
    c.d.cycles.listAttendance(c.cycle.cycle.cycleId),
  ]);
  const names = new Map(c.cycle.members.map((m) => [m.memberId, m.name]));
  const nextMeeting = await knownNextMeeting(c);
  return {
    text: draftMinutes({
      boardName: c.cycle.board.name,
      meetingWhen: c.cycle.when(c.cycle.cycle.timeline.meeting),
      venue: c.cycle.cycle.meeting.venue,
      members: c.cycle.members,
      apologies: attendance.filter((a) => a.status === 'apologies').map((a) => a.memberId),
      substitutes: new Map(attendance.flatMap((a) => (a.status === 'apologies' && a.substitute ? [[a.memberId, a.substitute] as const] : []))),
      items,
      mattersArising: arising,
      presenterName: (id) => (id ? names.get(id) : undefined),
      ...(nextMeeting ? { nextMeeting } : {}),
    }),
  };
}

/**
 * The next meeting as far as it is known when the draft is written: a later cycle of the board already
 * planned, or the board's rhythm; the secretariat fills it in otherwise.
 */
async function knownNextMeeting(c: LinkContext): Promise<string | undefined> {
  const { cycle, board } = c.cycle;
  const later = (await c.d.cycles.listCycles(board.boardId))
    .filter((x) => x.timeline.meeting > cycle.timeline.meeting && x.status !== 'cancelled' && x.status !== 'failed')
    .sort((a, b) => a.timeline.meeting.localeCompare(b.timeline.meeting))[0];
  if (later) return `${c.cycle.day(later.timeline.meeting)} at ${later.meeting.time}`;
  const proposed = proposeNextMeeting(null, board, cycle.meeting);
  return proposed ? `${formatCalendarDate(proposed.date)} at ${proposed.time}` : undefined;
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

const minutesTitle = (c: LinkContext): string => `Minutes of ${c.cycle.board.name}, ${c.cycle.day(c.cycle.cycle.timeline.meeting)}`;

/** "Riverside Board minutes 2026-03-10": a file name every system accepts, from the board's name. */
function exportName(c: LinkContext, extension: string): string {
  const board = c.cycle.board.name
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return `${board ? `${board} ` : ''}minutes ${c.cycle.cycle.meeting.date}${extension}`;
}

/** The minutes as they stand (the last version saved, else the draft) as a Word document or as Markdown. */
async function exportMinutes(c: LinkContext, format: 'docx' | 'md'): Promise<HttpResponse> {
  const { text } = await startingText(c);
  if (format === 'md') return download(exportName(c, '.md'), 'text/markdown; charset=utf-8', text);
  return download(exportName(c, '.docx'), DOCX_TYPE, await minutesDocx(text, { title: minutesTitle(c) }));
}

/**
 * The text of an uploaded minutes document, read and checked before anything is shown: it must be one of
 * this cycle's uploads, within the size limit, really of the type its name says, and read as minutes.
 */
async function readUpload(c: LinkContext, key: string): Promise<{ text: string; fileName: string; size: number }> {
  const prefix = minutesUploadPrefix(c.cycle.cycle.cycleId);
  if (!key.startsWith(prefix) || key.length > 1024) throw new UploadRejectedError('That upload does not belong to these minutes.');
  const fileName = key.slice(key.lastIndexOf('/') + 1) || 'The file';
  const head = await c.d.documents.head(key);
  if (!head) throw new NotFoundError('We could not find that upload. Please upload the file again.');
  if (head.size > MAX_MINUTES_UPLOAD_BYTES) {
    throw new PaperTooLargeError(`${fileName} is ${formatBytes(head.size)}; minutes may be up to ${formatBytes(MAX_MINUTES_UPLOAD_BYTES)}.`);
  }
  const text = await readMinutesText(fileName, Buffer.from(await c.d.documents.getBytes(key)));
  if (text.trim().length < 20) throw new ValidationError(`${fileName} has no minutes in it: it holds no text.`, ['no text']);
  if (text.length > MAX_MINUTES_CHARS) {
    throw new ValidationError(
      `${fileName} has ${text.length.toLocaleString('en-GB')} characters; minutes are limited to ${MAX_MINUTES_CHARS.toLocaleString('en-GB')}.`,
    );
  }
  try {
    extractActions(text);
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(`${fileName}: ${err.message}`, err.issues);
    throw err;
  }
  return { text, fileName, size: head.size };
}

function editForm(c: LinkContext, text: string): SafeHtml {
  return form(c.self, c.csrf, html`<label for="text">Minutes</label><textarea id="text" name="text" rows="30">${text}</textarea>`, 'Check the actions');
}

/** Download the minutes to edit in Word or a text editor, and a presigned POST to upload them again. */
async function fileSection(c: LinkContext): Promise<SafeHtml> {
  const upload = await c.d.documents.presignUpload({
    key: `${minutesUploadPrefix(c.cycle.cycle.cycleId)}${randomBytes(12).toString('hex')}/\${filename}`,
    maxBytes: MAX_MINUTES_UPLOAD_BYTES,
    contentTypes: [DOCX_TYPE, 'text/markdown', 'text/plain'],
    expiresInSeconds: UPLOAD_WINDOW_SECONDS,
    redirectUrl: `${c.d.config.appUrl}${c.self}`,
  });
  const fields = Object.entries(upload.fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  return html`<h2>Or work on a copy</h2>
    <p>Download the minutes as they stand as a <a href="${c.self}/draft.docx">Word document (.docx)</a> or as
    <a href="${c.self}/draft.md">Markdown (.md)</a>, edit them, and upload them here. Keep the headings ("ITEM 3. Finance",
    "Present") and write each action on its own line as "Action: <owner> to <what>".</p>
    <form method="post" action="${upload.url}" enctype="multipart/form-data">${fields}
    <input type="hidden" name="Content-Type" value="application/octet-stream">
    <label for="file">Upload the edited minutes (.docx, .md or .txt, up to ${formatBytes(MAX_MINUTES_UPLOAD_BYTES)})</label>
    <input type="file" id="file" name="file" accept=".docx,.md,.txt,${DOCX_TYPE},text/markdown,text/plain" required>
    <button type="submit">Upload</button></form>`;
}

/**
 * The secretariat writes the minutes from a pre-filled draft (or revises the last version after the
 * chair's comments), in the page or in a downloaded copy uploaded again. Saving keeps a new version and
 * sends it to the chair.
 */
export const submitMinutes: LinkPage = {
  purpose: 'submit-minutes',
  async show(c) {
    if (c.rest === 'draft.docx' || c.rest === 'draft.md') return exportMinutes(c, c.rest === 'draft.docx' ? 'docx' : 'md');
    if (c.rest) return page(404, 'Not found', notice('There is nothing at this address.'));
    if (c.query.key) {
      // Reads the upload and shows its text; nothing is stored until the secretariat saves.
      const { text, fileName, size } = await readUpload(c, c.query.key);
      const body = html`${notice(`Read from ${fileName} (${formatBytes(size)}). Check the text, then check the actions: nothing is saved until you send the minutes to the chair.`)}
        ${editForm(c, text)}<p><a href="${c.self}">Start again from the last saved version</a></p>`;
      return page(200, minutesTitle(c), body);
    }
    const { text, comment } = await startingText(c);
    const body = html`${comment ? notice(`The chair asked for changes: ${comment}`) : ''}
      <p>Edit the minutes below. Write each action on its own line as "Action: <owner> to <what>" so that owners are asked for updates.</p>
      ${editForm(c, text)}${await fileSection(c)}`;
    return page(200, minutesTitle(c), body);
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

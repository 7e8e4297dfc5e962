import { formatBytes } from '../../../shared/documents/file-type';
import { html, raw, type SafeHtml } from '../../../shared/domain/html';
import { resolveOwners, extractActions } from '../../../shared/domain/minutes';
import type { ExtractedAction } from '../../../shared/domain/types';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { allowingFormsTo, form, notice, page, type HttpResponse, download } from '../../page';
import type { LinkContext, LinkPage } from '../types';
import {
  DOCX_TYPE,
  MAX_MINUTES_UPLOAD_BYTES,
  minutesTitle,
  exportMinutes,
  presignMinutesUpload,
  readUpload,
  sendMinutes,
  startingText,
  minutesForm,
} from './core';
import { parseOrThrow } from '../../../shared/domain/validate';

/** The button under the minutes that shows the actions they record: the robot in local/personas presses it by this label. */
export const CHECK_ACTIONS_BUTTON = 'Check the actions';
/** The button on the actions' check that saves the minutes and sends them to the chair. */
export const SEND_TO_CHAIR_BUTTON = 'Save and send to the chair';

const ACTIONS_HEAD = html`<thead><tr>${[
  html`<th>Action</th><th>Item</th><th>Text</th>`,
  html`<th>Owners as written</th><th>Asked for updates</th><th>Due</th>`,
]}</tr></thead>`;

function actionRow(a: ExtractedAction, cycle: CycleContext, names: ReadonlyMap<string, string>): SafeHtml {
  const resolved = resolveOwners(a.ownersAsWritten, cycle.members).map((id) => names.get(id) ?? id);
  return html`<tr><td>${a.number ?? ''}</td><td>${a.itemNumber ?? ''}</td><td>${a.text}</td><td>${a.ownersAsWritten.join(', ') || 'No owner named'}</td>
      <td>${resolved.length ? resolved.join(', ') : html`<strong>Unassigned</strong>: the secretariat assigns it`}</td><td>${a.due ?? ''}</td></tr>`;
}

/**
 * The actions as the register will take them, for the secretariat to check before the chair sees the
 * minutes: each owner resolved to a member, or left for the secretariat to assign. Changes nothing.
 */
export function reviewPage(c: LinkContext, text: string, actions: ExtractedAction[]): HttpResponse {
  const names = new Map(c.cycle.members.map((m) => [m.memberId, m.name]));
  const rows = actions.map((a) => actionRow(a, c.cycle, names));
  const table = actions.length
    ? html`<table>${ACTIONS_HEAD}<tbody>${rows}</tbody></table>`
    : notice('No actions were found. Write each action on its own line as "Action: <owner> to <what>".');
  const send = html`<input type="hidden" name="step" value="send"><input type="hidden" name="text" value="${text}">`;
  const intro = 'These are the actions the minutes record, and who will be asked for updates once the chair approves them.';
  return page(
    200,
    `Check the actions (${actions.length})`,
    html`<p>${intro}</p>${table}
      ${form(c.self, c.csrf, send, SEND_TO_CHAIR_BUTTON)}
      <h2>Or edit the minutes again</h2>
      ${form(c.self, c.csrf, html`<textarea name="text" rows="20" aria-label="Minutes">${text}</textarea>`, CHECK_ACTIONS_BUTTON)}`,
  );
}

function editForm(c: LinkContext, text: string): SafeHtml {
  return form(c.self, c.csrf, html`<label for="text">Minutes</label><textarea id="text" name="text" rows="30">${text}</textarea>`, CHECK_ACTIONS_BUTTON);
}

/** Download the minutes to edit in Word or a text editor, and a presigned POST to upload them again. */
function fileSection(c: LinkContext, upload: { url: string; fields: Record<string, string> }): SafeHtml {
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

/** An uploaded copy, read back for checking: nothing is saved until the minutes go to the chair. */
export function uploadedPage(c: LinkContext, read: { text: string; fileName: string; size: number }): HttpResponse {
  const readFrom =
    `Read from ${read.fileName} (${formatBytes(read.size)}). Check the text, then check the actions: ` +
    'nothing is saved until you send the minutes to the chair.';
  const body = html`${notice(readFrom)}
        ${editForm(c, read.text)}<p><a href="${c.self}">Start again from the last saved version</a></p>`;
  return page(200, minutesTitle(c.cycle), body);
}

/** The minutes to edit in the page, with the chair's comment if there is one, and the copy to work on elsewhere. */
// Sent as markup, byte for byte as before: the <owner> and <what> placeholders are not escaped here.
const HOW = raw('Edit the minutes below. Write each action on its own line as "Action: <owner> to <what>" so that owners are asked for updates.');

/** The minutes to edit in the page (with the chair's comment, if any), and a copy to work on elsewhere. */
export function editPage(c: LinkContext, start: { text: string; comment?: string }, upload: { url: string; fields: Record<string, string> }): HttpResponse {
  const body = html`${start.comment ? notice(`The chair asked for changes: ${start.comment}`) : ''}
      <p>${HOW}</p>
      ${editForm(c, start.text)}${fileSection(c, upload)}`;
  return allowingFormsTo(page(200, minutesTitle(c.cycle), body), upload.url);
}

/** A path below the link that names nothing. */
export const notFoundPage = (): HttpResponse => page(404, 'Not found', notice('There is nothing at this address.'));
/** The minutes went to the chair. */
export const sentPage = (outcome: string): HttpResponse => page(200, 'Minutes sent to the chair', notice(outcome));

/**
 * The secretariat writes the minutes from a pre-filled draft (or revises the last version after the
 * chair's comments), in the page or in a downloaded copy uploaded again. Saving keeps a new version and
 * sends it to the chair.
 */
export const submitMinutesPage: LinkPage<'submit-minutes'> = {
  purpose: 'submit-minutes',
  async show(c) {
    if (c.rest === 'draft.docx' || c.rest === 'draft.md') {
      const file = await exportMinutes(c.d, c.cycle, c.rest === 'draft.docx' ? 'docx' : 'md');
      return download(file.fileName, file.contentType, file.body);
    }
    if (c.rest) return notFoundPage();
    // Reads the upload and shows its text; nothing is stored until the secretariat saves.
    if (c.query.key) return uploadedPage(c, await readUpload(c.d, c.cycle.cycle.cycleId, c.query.key));
    const start = await startingText(c.d, c.cycle);
    return editPage(c, start, await presignMinutesUpload(c.d, c.cycle.cycle.cycleId, `${c.d.config.appUrl}${c.self}`));
  },
  async perform(c, raw) {
    const { text, step } = parseOrThrow(minutesForm, raw, 'minutes');
    // Read before anything is stored: minutes the cycle cannot read are refused with what is missing.
    const actions = extractActions(text);
    if (step !== 'send') return { outcome: '', response: reviewPage(c, text, actions) };
    const outcome = await sendMinutes(c.d, { cycleId: c.cycle.cycle.cycleId, author: c.holder, text, by: c.link.tokenHash });
    return { outcome, response: sentPage(outcome) };
  },
};

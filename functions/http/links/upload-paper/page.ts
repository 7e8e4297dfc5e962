import { APPENDIX_ACCEPT, APPENDIX_TYPE_NAMES, describeFile, formatBytes } from '../../../shared/documents/file-type';
import { html, type SafeHtml } from '../../../shared/domain/html';
import { isPaper, type AgendaItem, type Paper, type PaperKind } from '../../../shared/domain/types';
import { allowingFormsTo, form, notice, page, type HttpResponse } from '../../page';
import type { LinkContext, LinkPage } from '../types';
import { type PresignedUpload, isUploadFor, itemOf, presignItemUpload, submitUpload, UPLOAD_WINDOW_SECONDS, uploadKind, uploadForm } from './core';
import { parseOrThrow } from '../../../shared/domain/validate';

/** The button that submits an uploaded paper: the robot in local/personas presses it by this label. */
export const SUBMIT_PAPER_BUTTON = 'Submit this paper';
/** The button that submits an uploaded appendix. */
export const SUBMIT_APPENDIX_BUTTON = 'Submit this appendix';

/** A presigned POST form: the policy's fields hidden, the file last (S3 ignores fields after it). */
export function uploadFormHtml(upload: PresignedUpload, kind: PaperKind): SafeHtml {
  const fields = Object.entries(upload.fields).map(([field, value]) => html`<input type="hidden" name="${field}" value="${value}">`);
  const id = `${kind}-file`;
  return kind === 'paper'
    ? html`<form method="post" action="${upload.url}" enctype="multipart/form-data">${fields}
      <label for="${id}">Paper (PDF)</label><input type="file" id="${id}" name="file" accept="application/pdf,.pdf" required>
      <button type="submit">Upload the paper</button></form>`
    : html`<form method="post" action="${upload.url}" enctype="multipart/form-data">${fields}
      <label for="${id}">Appendix</label><input type="file" id="${id}" name="file" accept="${APPENDIX_ACCEPT}" required>
      <button type="submit">Upload an appendix</button></form>`;
}

/** The page's title: the item the paper is for. */
export const heading = (item: AgendaItem): string => `Paper for item ${item.number}: ${item.title}`;

/** Back from S3: the file arrived, and one button submits it. */
export function arrivedPage(c: LinkContext, item: AgendaItem, key: string, size: number, appendix: boolean): HttpResponse {
  const text = appendix
    ? `Your file (${formatBytes(size)}) has arrived. Submit it to send it to members with the papers, as an appendix to item ${item.number}.`
    : `Your file (${formatBytes(size)}) has arrived. Submit it to add it to the board pack.`;
  const submit = form(c.self, c.csrf, html`<input type="hidden" name="key" value="${key}">`, appendix ? SUBMIT_APPENDIX_BUTTON : SUBMIT_PAPER_BUTTON);
  return page(200, heading(item), html`${notice(text)}${submit}`);
}

/** Back from S3 with a key that is not this item's, or with nothing stored under it. */
export const uploadMissingPage = (item: AgendaItem): HttpResponse => page(404, heading(item), notice('We could not find that upload. Please try again.'));

/** The item's paper and appendices so far, with a form to upload each. */
export function uploadPage(
  c: LinkContext,
  item: AgendaItem,
  uploads: readonly Paper[],
  forms: { paper: PresignedUpload; appendix: PresignedUpload },
): HttpResponse {
  const { cycle } = c;
  const maxMb = formatBytes(c.d.config.maxPaperBytes);
  const papers = uploads.filter(isPaper);
  const appendices = uploads.filter((p) => !isPaper(p));
  const latest = papers.at(-1);
  const latestNote = latest
    ? notice(`Version ${papers.length} (${formatBytes(latest.size)}) arrived ${cycle.when(latest.uploadedAt)}. Uploading again makes a new version.`)
    : '';
  const types = `${APPENDIX_TYPE_NAMES.slice(0, -1).join(', ')} or ${APPENDIX_TYPE_NAMES.at(-1)}`;
  const supporting = `Supporting files go to members with the papers, each as a file of its own (not in the board pack): ${types}, up to ${maxMb} each.`;
  const list = appendices.map((a, i) => html`<li>Appendix ${i + 1}: ${describeFile(a)}, arrived ${cycle.when(a.uploadedAt)}</li>`);
  const due = cycle.when(cycle.cycle.timeline.paperDeadline);
  const shown = page(
    200,
    heading(item),
    html`<p>Papers are due ${due}. The paper is a PDF of up to ${maxMb}; it goes into the board pack.</p>
      <p>The upload buttons work for ${UPLOAD_WINDOW_SECONDS / 60} minutes: reload this page if it has been open longer.</p>
      ${latestNote}
      ${uploadFormHtml(forms.paper, 'paper')}
      <h2>Appendices</h2>
      <p>${supporting}</p>
      ${appendices.length > 0 ? html`<ul>${list}</ul>` : ''}
      ${uploadFormHtml(forms.appendix, 'appendix')}`,
  );
  return allowingFormsTo(shown, forms.paper.url);
}

/**
 * A presenter uploads the paper, or an appendix, straight to S3 with a short-lived presigned POST (size
 * and type limited in its policy); S3 sends the browser back here, and the POST that follows checks what
 * actually arrived (size, and the type from the file's bytes, not its name) and records a copy of exactly
 * the bytes it checked, which is all the pack and the downloads ever read. The
 * paper is a PDF and goes into the board pack, each upload a new version; appendices (PDF, Office, images,
 * CSV or text) are circulated beside it as files of their own.
 */
export const uploadPaperPage: LinkPage<'upload-paper'> = {
  purpose: 'upload-paper',
  async show(c) {
    const cycleId = c.cycle.cycle.cycleId;
    const item = await itemOf(c.d, cycleId, c.link.subject);
    const uploadedKey = c.query.key;
    if (uploadedKey) {
      const head = isUploadFor(cycleId, item, uploadedKey) ? await c.d.documents.head(uploadedKey) : undefined;
      if (!head) return uploadMissingPage(item);
      return arrivedPage(c, item, uploadedKey, head.size, uploadKind(uploadedKey) === 'appendix');
    }
    const uploads = (await c.d.cycles.listPapers(cycleId)).filter((p) => p.itemNumber === item.number);
    const returnTo = `${c.d.config.appUrl}${c.self}`;
    const paper = await presignItemUpload(c.d, { cycleId, item, kind: 'paper', returnTo });
    const appendix = await presignItemUpload(c.d, { cycleId, item, kind: 'appendix', returnTo });
    return uploadPage(c, item, uploads, { paper, appendix });
  },
  async perform(c, raw) {
    const { key } = parseOrThrow(uploadForm, raw, 'upload');
    const item = await itemOf(c.d, c.cycle.cycle.cycleId, c.link.subject);
    const { paper, outcome } = await submitUpload(c.d, { cycle: c.cycle, item, uploader: c.holder, key });
    return { outcome, response: page(200, isPaper(paper) ? 'Paper received' : 'Appendix received', notice(outcome)) };
  },
};

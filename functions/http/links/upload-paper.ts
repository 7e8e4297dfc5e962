import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { paperReceiptEmail } from '../../emails';
import { NotFoundError, PaperTooLargeError, UploadRejectedError } from '../../shared/domain/errors';
import {
  APPENDIX_ACCEPT,
  APPENDIX_TYPE_NAMES,
  checkAppendixType,
  describeFile,
  FILE_TYPES,
  fileTypeLabel,
  formatBytes,
  sniffFileType,
  type FileType,
} from '../../shared/documents/file-type';
import { inspectPdf } from '../../shared/documents/pdf-check';
import { html, type SafeHtml } from '../../shared/domain/html';
import { messageTo } from '../../shared/services/notify';
import type { AgendaItem, Paper, PaperKind } from '../../shared/domain/types';
import { isPaper } from '../../shared/domain/types';
import { parseOrThrow } from '../../shared/domain/validate';
import { form, notice, page } from '../page';
import type { LinkContext, LinkPage } from './types';

const UPLOAD_WINDOW_SECONDS = 15 * 60;
// The browser's guess at a type is not trusted, so an appendix lands as opaque bytes; the stored object
// gets its real type only once the app has read it (setContentType), and is never served before that.
const UNCHECKED_TYPE = 'application/octet-stream';
const APPENDIX_NAME = 'appendix-';

export const paperPrefix = (cycleId: string, itemNumber: number): string => `papers/${cycleId}/item-${itemNumber}/`;

/** Whether an upload's key was issued for the paper or for an appendix (its form decides, not its content). */
export function uploadKind(key: string): PaperKind {
  return (key.split('/').at(-1) ?? '').startsWith(APPENDIX_NAME) ? 'appendix' : 'paper';
}

/** Sizes read "1.2 MB" everywhere; kept here for the pages that import it from the upload page. */
export { formatBytes };

/**
 * The number people use for an upload: "version 2" of the paper, "appendix 3". Papers and appendices
 * share the item's stored version numbers, so each is counted among its own kind.
 */
function ordinalOf(uploads: readonly Paper[], upload: Paper): number {
  return uploads.filter((p) => p.itemNumber === upload.itemNumber && isPaper(p) === isPaper(upload) && p.version <= upload.version).length;
}

const itemOf = async (c: LinkContext) => {
  const number = Number(c.link.subject);
  const item = (await c.d.cycles.listItems(c.cycle.cycle.cycleId)).find((i) => i.number === number);
  if (!item) throw new NotFoundError(`Item ${c.link.subject} is no longer on the agenda.`);
  return item;
};

/** A presigned POST form: the policy's fields hidden, the file last (S3 ignores fields after it). */
async function uploadForm(c: LinkContext, item: AgendaItem, kind: PaperKind): Promise<SafeHtml> {
  const name = kind === 'paper' ? `${randomBytes(12).toString('hex')}.pdf` : `${APPENDIX_NAME}${randomBytes(12).toString('hex')}`;
  const upload = await c.d.documents.presignUpload({
    key: `${paperPrefix(c.cycle.cycle.cycleId, item.number)}${name}`,
    maxBytes: c.d.config.maxPaperBytes,
    contentTypes: [kind === 'paper' ? FILE_TYPES.pdf.contentType : UNCHECKED_TYPE],
    expiresInSeconds: UPLOAD_WINDOW_SECONDS,
    redirectUrl: `${c.d.config.appUrl}${c.self}`,
  });
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

/**
 * The paper is the PDF that goes into the board pack; anything else the members should see is an
 * appendix, sent with the papers as a file of its own. Said for a presenter who chose the wrong form.
 */
async function checkPaper(bytes: Uint8Array): Promise<{ type: FileType; pages: number }> {
  const type = sniffFileType(bytes);
  if (type && type.kind !== 'pdf') {
    throw new UploadRejectedError(
      `The file is ${/^[AEIOU]/.test(type.label) ? 'an' : 'a'} ${type.label}, not a PDF. The paper goes into the board pack, so it must be a PDF: ` +
        'please export it as PDF and upload it again, or upload this file as an appendix.',
    );
  }
  const { pages } = await inspectPdf(bytes);
  return { type: FILE_TYPES.pdf, pages };
}

/** An appendix of an allowed type; a PDF one must be readable too (damaged or encrypted ones are refused). */
async function checkAppendix(bytes: Uint8Array): Promise<{ type: FileType; pages?: number }> {
  const type = checkAppendixType(bytes);
  if (type.kind !== 'pdf') return { type };
  const { pages } = await inspectPdf(bytes);
  return { type, pages };
}

/**
 * A presenter uploads the paper, or an appendix, straight to S3 with a short-lived presigned POST (size
 * and type limited in its policy); S3 sends the browser back here, and the POST that follows checks what
 * actually arrived (size, and the type from the file's bytes, not its name) before recording it. The
 * paper is a PDF and goes into the board pack, each upload a new version; appendices (PDF, Office, images,
 * CSV or text) are circulated beside it as files of their own.
 */
export const uploadPaper: LinkPage = {
  purpose: 'upload-paper',
  async show(c) {
    const item = await itemOf(c);
    const { cycle } = c;
    const maxMb = formatBytes(c.d.config.maxPaperBytes);
    const heading = `Paper for item ${item.number}: ${item.title}`;
    const uploadedKey = c.query.key;
    if (uploadedKey) {
      const head = uploadedKey.startsWith(paperPrefix(cycle.cycle.cycleId, item.number)) ? await c.d.documents.head(uploadedKey) : undefined;
      if (!head) return page(404, heading, notice('We could not find that upload. Please try again.'));
      const appendix = uploadKind(uploadedKey) === 'appendix';
      return page(
        200,
        heading,
        html`${notice(
          appendix
            ? `Your file (${formatBytes(head.size)}) has arrived. Submit it to send it to members with the papers, as an appendix to item ${item.number}.`
            : `Your file (${formatBytes(head.size)}) has arrived. Submit it to add it to the board pack.`,
        )}${form(c.self, c.csrf, html`<input type="hidden" name="key" value="${uploadedKey}">`, appendix ? 'Submit this appendix' : 'Submit this paper')}`,
      );
    }
    const uploads = (await c.d.cycles.listPapers(cycle.cycle.cycleId)).filter((p) => p.itemNumber === item.number);
    const papers = uploads.filter(isPaper);
    const appendices = uploads.filter((p) => !isPaper(p));
    const latest = papers.at(-1);
    return page(
      200,
      heading,
      html`<p>Papers are due ${cycle.when(cycle.cycle.timeline.paperDeadline)}. The paper is a PDF of up to ${maxMb}; it goes into the board pack.</p>
      ${latest ? notice(`Version ${papers.length} (${formatBytes(latest.size)}) arrived ${cycle.when(latest.uploadedAt)}. Uploading again makes a new version.`) : ''}
      ${await uploadForm(c, item, 'paper')}
      <h2>Appendices</h2>
      <p>Supporting files go to members with the papers, each as a file of its own (not in the board pack): ${APPENDIX_TYPE_NAMES.slice(0, -1).join(', ')} or ${APPENDIX_TYPE_NAMES.at(-1)}, up to ${maxMb} each.</p>
      ${appendices.length > 0 ? html`<ul>${appendices.map((a, i) => html`<li>Appendix ${i + 1}: ${describeFile(a)}, arrived ${cycle.when(a.uploadedAt)}</li>`)}</ul>` : ''}
      ${await uploadForm(c, item, 'appendix')}`,
    );
  },
  async perform(c, raw) {
    const { key } = parseOrThrow(z.object({ key: z.string().min(1).max(512) }), raw, 'upload');
    const item = await itemOf(c);
    const { cycle } = c;
    if (!key.startsWith(paperPrefix(cycle.cycle.cycleId, item.number))) throw new UploadRejectedError('That upload does not belong to this item.');
    const kind = uploadKind(key);
    const listed = await c.d.cycles.listPapers(cycle.cycle.cycleId);
    const existing = listed.find((p) => p.s3Key === key);
    const paper =
      existing ??
      (await (async () => {
        const head = await c.d.documents.head(key);
        if (!head) throw new NotFoundError('We could not find that upload. Please upload the file again.');
        if (head.size > c.d.config.maxPaperBytes) {
          throw new PaperTooLargeError(`The file is ${formatBytes(head.size)}; the limit is ${formatBytes(c.d.config.maxPaperBytes)}.`);
        }
        // The type comes from the bytes, not the name; encrypted, damaged and empty PDFs are refused too.
        const bytes = await c.d.documents.getBytes(key);
        const { type, pages } = kind === 'paper' ? await checkPaper(bytes) : await checkAppendix(bytes);
        if (head.contentType !== type.contentType) await c.d.documents.setContentType(key, type.contentType);
        const earlier = listed.filter((p) => p.itemNumber === item.number && !isPaper(p)).length;
        const now = c.d.clock.now();
        return c.d.cycles.addPaper({
          cycleId: cycle.cycle.cycleId,
          itemNumber: item.number,
          kind,
          s3Key: key,
          // Our own names, never the uploader's: safe in a download header and free of "draft" or a person's name.
          fileName: kind === 'paper' ? `item-${item.number}.pdf` : `item-${item.number}-appendix-${earlier + 1}.${type.extension}`,
          contentType: type.contentType,
          size: head.size,
          ...(pages !== undefined ? { pages } : {}),
          uploadedBy: c.holder.memberId,
          uploadedAt: now.toISOString(),
          late: now.getTime() > Date.parse(cycle.cycle.timeline.paperDeadline),
        });
      })());
    const number = ordinalOf(existing ? listed : [...listed, paper], paper);
    const email = paperReceiptEmail({
      board: cycle.board.name,
      secretariatEmail: cycle.secretariatEmail,
      itemNumber: item.number,
      itemTitle: item.title,
      kind: isPaper(paper) ? 'paper' : 'appendix',
      fileName: paper.fileName,
      fileType: fileTypeLabel(paper.contentType),
      size: formatBytes(paper.size),
      version: number,
      receivedAt: cycle.when(paper.uploadedAt),
      late: paper.late,
    });
    // Keyed by the upload, so a resubmitted form does not send a second receipt.
    await c.d.sendOnce(`paper-receipt#${key}`, messageTo(c.holder, 'paper-receipt', email));
    const outcome = isPaper(paper)
      ? `Version ${number} of the paper for item ${item.number} (${describeFile(paper)}) was received${paper.late ? ' after the deadline and will go out in a supplementary circulation' : ''}.`
      : `Appendix ${number} to item ${item.number} (${describeFile(paper)}) was received${paper.late ? ' after the deadline and will go out in a supplementary circulation' : ''}. It goes to members with the papers as a file of its own, not in the board pack.`;
    return { outcome, response: page(200, isPaper(paper) ? 'Paper received' : 'Appendix received', notice(outcome)) };
  },
};

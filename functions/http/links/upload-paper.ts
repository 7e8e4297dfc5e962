import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { paperReceiptEmail } from '../../emails';
import { NotFoundError, PaperTooLargeError, UploadRejectedError } from '../../shared/domain/errors';
import { inspectPdf } from '../../shared/domain/pdf-check';
import { html } from '../../shared/domain/html';
import { messageTo } from '../../shared/domain/notify';
import { parseOrThrow } from '../../shared/domain/validate';
import { form, notice, page } from '../page';
import type { LinkContext, LinkPage } from './types';

const UPLOAD_WINDOW_SECONDS = 15 * 60;

export const paperPrefix = (cycleId: string, itemNumber: number): string => `papers/${cycleId}/item-${itemNumber}/`;

/** "1.2 MB": every size a person reads has a unit. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const itemOf = async (c: LinkContext) => {
  const number = Number(c.link.subject);
  const item = (await c.d.cycles.listItems(c.cycle.cycle.cycleId)).find((i) => i.number === number);
  if (!item) throw new NotFoundError(`Item ${c.link.subject} is no longer on the agenda.`);
  return item;
};

/**
 * A presenter uploads a paper straight to S3 with a short-lived presigned POST (size and type limited
 * in its policy); S3 sends the browser back here, and the POST that follows checks what actually
 * arrived (size, and the type from the file's first bytes, not its name) before recording a version.
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
      return page(
        200,
        heading,
        html`${notice(`Your file (${formatBytes(head.size)}) has arrived. Submit it to add it to the board pack.`)}${form(c.self, c.csrf, html`<input type="hidden" name="key" value="${uploadedKey}">`, 'Submit this paper')}`,
      );
    }
    const key = `${paperPrefix(cycle.cycle.cycleId, item.number)}${randomBytes(12).toString('hex')}.pdf`;
    const upload = await c.d.documents.presignUpload({
      key,
      maxBytes: c.d.config.maxPaperBytes,
      contentTypes: ['application/pdf'],
      expiresInSeconds: UPLOAD_WINDOW_SECONDS,
      redirectUrl: `${c.d.config.appUrl}${c.self}`,
    });
    const papers = (await c.d.cycles.listPapers(cycle.cycle.cycleId)).filter((p) => p.itemNumber === item.number);
    const latest = papers.at(-1);
    const fields = Object.entries(upload.fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
    return page(
      200,
      heading,
      html`<p>Papers are due ${cycle.when(cycle.cycle.timeline.paperDeadline)}. Upload a PDF of up to ${maxMb}.</p>
      ${latest ? notice(`Version ${latest.version} (${formatBytes(latest.size)}) arrived ${cycle.when(latest.uploadedAt)}. Uploading again makes a new version.`) : ''}
      <form method="post" action="${upload.url}" enctype="multipart/form-data">${fields}
      <input type="hidden" name="Content-Type" value="application/pdf">
      <label for="file">PDF file</label><input type="file" id="file" name="file" accept="application/pdf,.pdf" required>
      <button type="submit">Upload</button></form>`,
    );
  },
  async perform(c, raw) {
    const { key } = parseOrThrow(z.object({ key: z.string().min(1).max(512) }), raw, 'upload');
    const item = await itemOf(c);
    const { cycle } = c;
    if (!key.startsWith(paperPrefix(cycle.cycle.cycleId, item.number))) throw new UploadRejectedError('That upload does not belong to this item.');
    const existing = (await c.d.cycles.listPapers(cycle.cycle.cycleId)).find((p) => p.s3Key === key);
    const paper =
      existing ??
      (await (async () => {
        const head = await c.d.documents.head(key);
        if (!head) throw new NotFoundError('We could not find that upload. Please upload the file again.');
        if (head.size > c.d.config.maxPaperBytes) {
          throw new PaperTooLargeError(`The file is ${formatBytes(head.size)}; the limit is ${formatBytes(c.d.config.maxPaperBytes)}.`);
        }
        // The type comes from the bytes, not the name; encrypted, damaged and empty PDFs are refused too.
        const { pages } = await inspectPdf(await c.d.documents.getBytes(key));
        const now = c.d.clock.now();
        const recorded = await c.d.cycles.addPaper({
          cycleId: cycle.cycle.cycleId,
          itemNumber: item.number,
          s3Key: key,
          fileName: `item-${item.number}.pdf`,
          contentType: 'application/pdf',
          size: head.size,
          pages,
          uploadedBy: c.holder.memberId,
          uploadedAt: now.toISOString(),
          late: now.getTime() > Date.parse(cycle.cycle.timeline.paperDeadline),
        });
        const email = paperReceiptEmail({
          board: cycle.board.name,
          secretariatEmail: cycle.secretariatEmail,
          itemNumber: item.number,
          itemTitle: item.title,
          fileName: recorded.fileName,
          size: formatBytes(recorded.size),
          version: recorded.version,
          receivedAt: cycle.when(recorded.uploadedAt),
          late: recorded.late,
        });
        await c.d.sendOnce(`paper-receipt#${key}`, messageTo(c.holder, 'paper-receipt', email));
        return recorded;
      })());
    const pageCount = paper.pages ? `, ${paper.pages} ${paper.pages === 1 ? 'page' : 'pages'}` : '';
    const outcome = `Version ${paper.version} of the paper for item ${item.number} (${formatBytes(paper.size)}${pageCount}) was received${paper.late ? ' after the deadline and will go out in a supplementary circulation' : ''}.`;
    return { outcome, response: page(200, 'Paper received', notice(outcome)) };
  },
};

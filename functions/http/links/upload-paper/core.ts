import { recordAudit } from '../../../shared/services/audit';
import { createHash, randomBytes } from 'node:crypto';
import { paperReceiptEmail } from '../../../emails';
import { LimitReachedError, NotFoundError, PaperTooLargeError, UploadRejectedError } from '../../../shared/domain/errors';
import { checkAppendixType, describeFile, FILE_TYPES, fileTypeLabel, formatBytes, sniffFileType, type FileType } from '../../../shared/documents/file-type';
import { inspectPdf } from '../../../shared/documents/on-demand';
import { type AgendaItem, type Member, type Paper, type PaperKind, isPaper } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { messageTo } from '../../../shared/services/notify';
import { checkedPaperKey, paperUploadKey, paperUploadPrefix } from '../../../shared/table/object-keys';
import { outboxKeys } from '../../../shared/table/outbox-keys';
import * as z from '../../../shared/validation/zod';

/** The upload to submit: the S3 key the presigned POST wrote, as S3 sent the browser back with it. */
export const uploadForm = z.object({ key: z.string().check(z.minLength(1), z.maxLength(512)) });

/**
 * How long an upload form's presigned POST can be used. The check copies what it read to a key the POST
 * cannot reach, so a second POST of the same form changes nothing already checked; the window only
 * limits how long a form lying around stays usable.
 */
export const UPLOAD_WINDOW_SECONDS = 5 * 60;
// The browser's guess at a type is not trusted, so an appendix lands as opaque bytes; only the checked
// copy gets its real type, and only the checked copy is ever served.
const UNCHECKED_TYPE = 'application/octet-stream';
const APPENDIX_NAME = 'appendix-';
const PAPER_NAME = 'paper-';
// The names presignItemUpload makes: nothing else under an item's upload prefix is taken for an upload.
const UPLOAD_NAME = /^(?:paper|appendix)-[0-9a-f]{24}$/;

/** A presigned POST: where the form posts, and the policy's fields it must carry. */
export type PresignedUpload = { url: string; fields: Record<string, string> };

/** Whether an upload's key was issued for the paper or for an appendix (its form decides, not its content). */
export function uploadKind(key: string): PaperKind {
  return uploadName(key).startsWith(APPENDIX_NAME) ? 'appendix' : 'paper';
}

/** The upload's own name: the last part of its key. */
const uploadName = (key: string): string => key.split('/').at(-1) ?? '';

/**
 * True when `key` is one the upload page could have issued for this item: an upload for another item or
 * cycle, or a key outside the uploads (a checked copy among them), is not this one's.
 */
export const isUploadFor = (cycleId: string, item: Pick<AgendaItem, 'number'>, key: string): boolean =>
  key.startsWith(paperUploadPrefix(cycleId, item.number)) && UPLOAD_NAME.test(key.slice(paperUploadPrefix(cycleId, item.number).length));

/**
 * The number people use for an upload: "version 2" of the paper, "appendix 3". Papers and appendices
 * share the item's stored version numbers, so each is counted among its own kind.
 */
export function ordinalOf(uploads: readonly Paper[], upload: Paper): number {
  return uploads.filter((p) => p.itemNumber === upload.itemNumber && isPaper(p) === isPaper(upload) && p.version <= upload.version).length;
}

/** The agenda item a link's subject names; a friendly 404 once it has left the agenda. */
export async function itemOf(d: Pick<CoreDeps, 'cycles'>, cycleId: string, subject: string | undefined): Promise<AgendaItem> {
  const number = Number(subject);
  const item = (await d.cycles.listItems(cycleId)).find((i) => i.number === number);
  if (!item) throw new NotFoundError(`Item ${subject} is no longer on the agenda.`);
  return item;
}

/**
 * A presigned POST for exactly one new key under the item's upload prefix, size and type limited in its
 * policy; S3 sends the browser back to `returnTo`.
 */
export function presignItemUpload(
  d: Pick<CoreDeps, 'documents' | 'config'>,
  input: { cycleId: string; item: AgendaItem; kind: PaperKind; returnTo: string },
): Promise<PresignedUpload> {
  const name = `${input.kind === 'paper' ? PAPER_NAME : APPENDIX_NAME}${randomBytes(12).toString('hex')}`;
  return d.documents.presignUpload({
    key: paperUploadKey(input.cycleId, input.item.number, name),
    maxBytes: d.config.maxPaperBytes,
    contentTypes: [input.kind === 'paper' ? FILE_TYPES.pdf.contentType : UNCHECKED_TYPE],
    expiresInSeconds: UPLOAD_WINDOW_SECONDS,
    redirectUrl: input.returnTo,
  });
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
 * Checks what actually arrived (size, and the type from its bytes, not its name), writes exactly the bytes
 * it checked to a key only the app writes, and records that key with their SHA-256: a file posted again
 * under the upload's key afterwards is never read again.
 */
async function recordUpload(
  d: Pick<CoreDeps, 'cycles' | 'documents' | 'clock' | 'config' | 'audit'>,
  input: { cycle: CycleContext; item: AgendaItem; uploader: Member; key: string; listed: readonly Paper[] },
): Promise<Paper> {
  const { cycle, item, key } = input;
  const kind = uploadKind(key);
  const head = await d.documents.head(key);
  if (!head) throw new NotFoundError('We could not find that upload. Please upload the file again.');
  if (head.size > d.config.maxPaperBytes) {
    throw new PaperTooLargeError(`The file is ${formatBytes(head.size)}; the limit is ${formatBytes(d.config.maxPaperBytes)}.`);
  }
  // The type comes from the bytes, not the name; encrypted, damaged and empty PDFs are refused too.
  const bytes = await d.documents.getBytes(key);
  // The object may have been replaced since the head: the limit holds for the bytes checked.
  if (bytes.byteLength > d.config.maxPaperBytes) {
    throw new PaperTooLargeError(`The file is ${formatBytes(bytes.byteLength)}; the limit is ${formatBytes(d.config.maxPaperBytes)}.`);
  }
  const { type, pages } = kind === 'paper' ? await checkPaper(bytes) : await checkAppendix(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const s3Key = checkedPaperKey(cycle.cycle.cycleId, item.number, uploadName(key), sha256, type.extension);
  const { versionId } = await d.documents.putVersion(s3Key, bytes, type.contentType);
  const earlier = input.listed.filter((p) => p.itemNumber === item.number && !isPaper(p)).length;
  const now = d.clock.now();
  const paper = await d.cycles.addPaper({
    cycleId: cycle.cycle.cycleId,
    itemNumber: item.number,
    kind,
    s3Key,
    uploadKey: key,
    sha256,
    ...(versionId !== undefined ? { versionId } : {}),
    // Our own names, never the uploader's: safe in a download header and free of "draft" or a person's name.
    fileName: kind === 'paper' ? `item-${item.number}.pdf` : `item-${item.number}-appendix-${earlier + 1}.${type.extension}`,
    contentType: type.contentType,
    size: bytes.byteLength,
    ...(pages !== undefined ? { pages } : {}),
    uploadedBy: input.uploader.memberId,
    uploadedAt: now.toISOString(),
    late: now.getTime() > Date.parse(cycle.cycle.timeline.paperDeadline),
  });
  const who = { kind: 'member', name: input.uploader.name, email: input.uploader.email } as const;
  const what = { type: 'paper-recorded', itemNumber: item.number, version: paper.version, fileName: paper.fileName } as const;
  await recordAudit(d, cycle.board.boardId, who, what, { cycleId: cycle.cycle.cycleId, key: `paper#${paper.s3Key}` });
  return paper;
}

/** Most versions of an item's paper, and most appendices to it, one cycle records: a loop re-uploading cannot fill the bucket. */
export const MAX_UPLOADS_PER_ITEM = 20;

function refuseOverCap(listed: readonly Paper[], item: AgendaItem, kind: PaperKind, secretariatEmail: string): void {
  const count = listed.filter((p) => p.itemNumber === item.number && isPaper(p) === (kind === 'paper')).length;
  if (count < MAX_UPLOADS_PER_ITEM) return;
  const what = kind === 'paper' ? `${MAX_UPLOADS_PER_ITEM} versions of the paper` : `${MAX_UPLOADS_PER_ITEM} appendices`;
  throw new LimitReachedError(
    `Item ${item.number} already has ${what}, the most one cycle keeps; this upload was not recorded. Please write to the secretariat at ${secretariatEmail}.`,
  );
}

/**
 * Submits an upload for an item: records it once (a resubmitted form finds it recorded) and sends the
 * presenter one receipt per upload. Returns what was received, in one sentence.
 * @throws UploadRejectedError (not this item's upload, or not an accepted type), NotFoundError, PaperTooLargeError,
 *   LimitReachedError (MAX_UPLOADS_PER_ITEM of its kind already recorded)
 */
export async function submitUpload(
  d: Pick<CoreDeps, 'cycles' | 'documents' | 'sendOnce' | 'clock' | 'config' | 'audit'>,
  input: { cycle: CycleContext; item: AgendaItem; uploader: Member; key: string },
): Promise<{ paper: Paper; outcome: string }> {
  const { cycle, item, key } = input;
  if (!isUploadFor(cycle.cycle.cycleId, item, key)) throw new UploadRejectedError('That upload does not belong to this item.');
  const listed = await d.cycles.listPapers(cycle.cycle.cycleId);
  const existing = listed.find((p) => (p.uploadKey ?? p.s3Key) === key);
  if (!existing) refuseOverCap(listed, item, uploadKind(key), cycle.secretariatEmail);
  const paper = existing ?? (await recordUpload(d, { ...input, listed }));
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
  await d.sendOnce(outboxKeys.paperReceipt(key), messageTo(input.uploader, 'paper-receipt', email));
  const late = paper.late ? ' after the deadline and will go out in a supplementary circulation' : '';
  const outcome = isPaper(paper)
    ? `Version ${number} of the paper for item ${item.number} (${describeFile(paper)}) was received${late}.`
    : `Appendix ${number} to item ${item.number} (${describeFile(paper)}) was received${late}. ` +
      'It goes to members with the papers as a file of its own, not in the board pack.';
  return { paper, outcome };
}

import type { PackAudience } from '../documents/board-pack';

/**
 * THE layout of the documents bucket: every S3 object key the app writes or reads is built here, so
 * that the task that writes an object and the page that serves it cannot disagree.
 *
 * - uploads, as they arrive:    paper-uploads/<cycle>/item-<n>/paper-<random> | appendix-<random> (presigned POST)
 * - papers and appendices once checked: papers/<cycle>/item-<n>/<upload name>/<sha-256>.<extension>
 *   (written only by the app; records from before checked copies name the upload, papers/<cycle>/item-<n>/<random>.pdf)
 * - the minutes uploaded as a file: minutes-uploads/<cycle>/<random>/<the browser's file name>
 * - minutes versions (Markdown): minutes/<cycle>/<random>.md
 * - approved minutes:          minutes/<cycle>/v<version>-approved.html | .pdf
 * - their public copy:         minutes/<cycle>/v<version>-public.html | .pdf (exempt items withheld)
 * - board packs:               packs/<cycle>/members.pdf | public.pdf, and their web pages members.html | public.html
 * - raw replies:               inbound/<SES message id>
 *
 * Every key starts with one of {@link PREFIXES}, so a lifecycle
 * rule (infra/), an IAM condition or an upload check can name a whole kind of document. Keys that a
 * step writes are built from ids and versions only: a retried step overwrites its own object instead of
 * leaving a second one, and a record that stores the key (Paper.s3Key, Cycle.packs) still finds it.
 */
export const PREFIXES = {
  /** Papers and appendices as checked: only the app writes here, and only these are packed or served. */
  papers: 'papers/',
  /** Papers and appendices as presenters' presigned POSTs wrote them: read once, to be checked, and never served. */
  paperUploads: 'paper-uploads/',
  /** The board packs built at circulation. */
  packs: 'packs/',
  /** Minutes drafts, and the approved and public copies. */
  minutes: 'minutes/',
  /** Minutes files uploaded by the secretariat, before they are read. */
  minutesUploads: 'minutes-uploads/',
  /** Raw replies stored by the SES receipt rule. */
  inbound: 'inbound/',
} as const;

/** Where the SES receipt rule stores each raw message: `<prefix><SES message id>`. */
export const INBOUND_PREFIX = PREFIXES.inbound;

/** A stored reply: the SES message id is unique, and a redelivery stores the same object again. */
export const inboundKey = (messageId: string): string => `${INBOUND_PREFIX}${messageId}`;

/** A board pack: one per cycle and audience, rebuilt in place by a supplementary circulation. */
export const packKey = (cycleId: string, audience: PackAudience): string => `${PREFIXES.packs}${cycleId}/${audience}.pdf`;

/** Every checked paper and appendix of one item. */
export const paperPrefix = (cycleId: string, itemNumber: number): string => `${PREFIXES.papers}${cycleId}/item-${itemNumber}/`;

/** A checked file of an item, under the item's papers prefix. */
export const paperKey = (cycleId: string, itemNumber: number, name: string): string => `${paperPrefix(cycleId, itemNumber)}${name}`;

/**
 * Where the app writes the bytes it checked: named by the upload and by their SHA-256, so a retried check
 * of the same bytes rewrites the same object, and a record's key and hash can only name the same bytes.
 */
export const checkedPaperKey = (cycleId: string, itemNumber: number, uploadName: string, sha256: string, extension: string): string =>
  paperKey(cycleId, itemNumber, `${uploadName}/${sha256}.${extension}`);

/** Everything uploaded for one item: a presigned POST may write only one key under it, and never under {@link paperPrefix}. */
export const paperUploadPrefix = (cycleId: string, itemNumber: number): string => `${PREFIXES.paperUploads}${cycleId}/item-${itemNumber}/`;

/** One upload for an item as its presigned POST writes it; `name` is unique per upload (the upload page makes it). */
export const paperUploadKey = (cycleId: string, itemNumber: number, name: string): string => `${paperUploadPrefix(cycleId, itemNumber)}${name}`;

/** Where the secretariat's minutes file lands before it is read; a presigned POST may write only under it. */
export const minutesUploadPrefix = (cycleId: string): string => `${PREFIXES.minutesUploads}${cycleId}/`;

/**
 * The key template of a minutes upload's presigned POST: `uploadId` (random, per form) keeps two uploads
 * apart, and S3 fills in `${filename}` with the file's own name.
 */
export const minutesUploadKeyTemplate = (cycleId: string, uploadId: string): string => `${minutesUploadPrefix(cycleId)}${uploadId}/\${filename}`;

/** A minutes draft as sent to the chair; `draftId` is random per submission, recorded with the version. */
export const minutesDraftKey = (cycleId: string, draftId: string): string => `${PREFIXES.minutes}${cycleId}/${draftId}.md`;

/** The approved minutes as members receive them, one per version: publishing again overwrites. */
export const approvedMinutesKey = (cycleId: string, version: number): string => `${PREFIXES.minutes}${cycleId}/v${version}-approved.html`;
/** The PDF of the approved minutes, attached to the members' email. */
export const approvedMinutesPdfKey = (cycleId: string, version: number): string => `${PREFIXES.minutes}${cycleId}/v${version}-approved.pdf`;
/** The public copy, exempt items withheld: the only minutes the public routes may serve. */
export const publicMinutesKey = (cycleId: string, version: number): string => `${PREFIXES.minutes}${cycleId}/v${version}-public.html`;
/** The PDF of the public copy. */
export const publicMinutesPdfKey = (cycleId: string, version: number): string => `${PREFIXES.minutes}${cycleId}/v${version}-public.pdf`;

/** A board pack's web page twin (cover and agenda, for screen readers), beside the pack and rebuilt with it. */
export const packHtmlKey = (cycleId: string, audience: PackAudience): string => `${PREFIXES.packs}${cycleId}/${audience}.html`;

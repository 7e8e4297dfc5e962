/**
 * THE layout of the documents bucket: every S3 object key the app writes or reads is built here, so
 * that the task that writes an object and the page that serves it cannot disagree.
 *
 * - papers and appendices:     papers/<cycle>/item-<n>/<random>.pdf | appendix-<random> (presigned POST)
 * - the minutes uploaded as a file: minutes-uploads/<cycle>/<random>/<the browser's file name>
 * - minutes versions (Markdown): minutes/<cycle>/<random>.md
 * - approved minutes:          minutes/<cycle>/v<version>-approved.html | .pdf
 * - their public copy:         minutes/<cycle>/v<version>-public.html | .pdf (exempt items withheld)
 * - board packs:               packs/<cycle>/members.pdf | public.pdf
 */

/** Where a presenter's uploads for one agenda item land; an upload is accepted only under its item's prefix. */
export const paperPrefix = (cycleId: string, itemNumber: number): string => `papers/${cycleId}/item-${itemNumber}/`;

/**
 * Where the secretariat's uploads for a cycle land. S3 puts the file under the name the browser gave it
 * (the `${filename}` of a POST key), which is how the app learns it: a form without scripts cannot say.
 */
export const minutesUploadPrefix = (cycleId: string): string => `minutes-uploads/${cycleId}/`;

/** A saved version of the minutes, as Markdown; `id` is random, so a version never overwrites another. */
export const minutesTextKey = (cycleId: string, id: string): string => `minutes/${cycleId}/${id}.md`;

/** The approved minutes as the members' record (HTML with the approval statement). */
export const approvedMinutesKey = (cycleId: string, version: number): string => `minutes/${cycleId}/v${version}-approved.html`;
/** The approved minutes as a PDF. */
export const approvedMinutesPdfKey = (cycleId: string, version: number): string => `minutes/${cycleId}/v${version}-approved.pdf`;
/** The public copy, exempt items withheld: the only minutes the public routes may serve. */
export const publicMinutesKey = (cycleId: string, version: number): string => `minutes/${cycleId}/v${version}-public.html`;
/** The public copy as a PDF. */
export const publicMinutesPdfKey = (cycleId: string, version: number): string => `minutes/${cycleId}/v${version}-public.pdf`;

/** A cycle's board pack for members, or the public one (exempt items withheld). */
export const packKey = (cycleId: string, audience: 'members' | 'public'): string => `packs/${cycleId}/${audience}.pdf`;

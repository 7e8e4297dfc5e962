import { formatBoardDate } from '../../shared/domain/calendar';
import { approvalStatement } from '../../shared/domain/approval-route';
import type { Board, Cycle, Member, MinutesVersion } from '../../shared/domain/types';
import { minutesDocx, minutesPdf } from '../../shared/documents/on-demand';
import type { CoreDeps } from '../../shared/ports';
import { approvedMinutesKey, approvedMinutesPdfKey, publicMinutesKey, publicMinutesPdfKey } from '../../shared/table/object-keys';

/** The content type of a Word document (.docx). */
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Everything a format needs to tell whether it exists for a version, and to make its bytes. */
export interface VersionSource {
  board: Board;
  cycle: Cycle;
  minutes: MinutesVersion;
  members: readonly Member[];
}

interface MinutesFormat {
  /** How the download link reads. */
  label: string;
  extension: string;
  contentType: string;
  /** The stored object served as it is, when the format is one that publishing wrote. */
  storedKey?(s: VersionSource): string | undefined;
  /** Made from the version's text when nothing is stored; absent for formats that only exist stored. */
  make?(s: VersionSource, text: string): Promise<string | Uint8Array>;
}

const title = (s: VersionSource): string => `Minutes of ${s.board.name}, ${formatBoardDate(s.cycle.timeline.meeting, s.board.timeZone)}`;

const nameOf = (s: VersionSource, id: string): string => s.members.find((m) => m.memberId === id)?.name ?? id;

/** The closing line of a PDF made here: says which version it is and that it is not the published record. */
function statement(s: VersionSource): string {
  const { minutes: m } = s;
  if (m.status === 'approved' && m.approval) {
    const on = formatBoardDate(m.approval.at, s.board.timeZone);
    return approvalStatement({
      name: nameOf(s, m.approval.by),
      ...(m.approvedAs ? { approvedAs: m.approvedAs } : {}),
      via: m.approval.via,
      on,
      version: m.version,
    });
  }
  return `Version ${m.version}: a draft, not approved.`;
}

const isPublic = (s: VersionSource): boolean => s.cycle.publicMinutes?.version === s.minutes.version;

/**
 * The formats a version can be downloaded in, by the name its URL uses. The text and the Word document
 * are made from the version's stored text; the PDF is the published record for an approved version once
 * publishing stored it, and made from the text otherwise; the web page and the public copy exist only as
 * publishing stored them.
 */
export const MINUTES_FORMATS = {
  md: {
    label: 'Text (.md)',
    extension: '.md',
    contentType: 'text/markdown; charset=utf-8',
    make: async (_s, text) => text,
  },
  docx: {
    label: 'Word document (.docx)',
    extension: '.docx',
    contentType: DOCX_TYPE,
    make: async (s, text) => new Uint8Array(await minutesDocx(text, { title: title(s) })),
  },
  pdf: {
    label: 'PDF',
    extension: '.pdf',
    contentType: 'application/pdf',
    storedKey: (s) => (s.minutes.status === 'approved' ? approvedMinutesPdfKey(s.cycle.cycleId, s.minutes.version) : undefined),
    make: (s, text) => minutesPdf({ title: title(s), text, approvalStatement: statement(s) }),
  },
  html: {
    label: 'Web page as sent to members (.html)',
    extension: '.html',
    contentType: 'text/html; charset=utf-8',
    storedKey: (s) => (s.minutes.status === 'approved' ? approvedMinutesKey(s.cycle.cycleId, s.minutes.version) : undefined),
  },
  'public-pdf': {
    label: 'Public copy, exempt items withheld (PDF)',
    extension: '.pdf',
    contentType: 'application/pdf',
    storedKey: (s) => (isPublic(s) ? publicMinutesPdfKey(s.cycle.cycleId, s.minutes.version) : undefined),
  },
  'public-html': {
    label: 'Public copy, exempt items withheld (.html)',
    extension: '.html',
    contentType: 'text/html; charset=utf-8',
    storedKey: (s) => (isPublic(s) ? publicMinutesKey(s.cycle.cycleId, s.minutes.version) : undefined),
  },
} satisfies Record<string, MinutesFormat>;

export type MinutesFormatName = keyof typeof MINUTES_FORMATS;

const FORMAT_NAMES = Object.keys(MINUTES_FORMATS) as MinutesFormatName[];

export const isMinutesFormat = (name: string): name is MinutesFormatName => (FORMAT_NAMES as string[]).includes(name);

/** Where a format's bytes come from for this version: a stored object, made from the text, or nowhere. */
async function sourceOf(
  d: Pick<CoreDeps, 'documents'>,
  s: VersionSource,
  name: MinutesFormatName,
  hasText = true,
): Promise<{ key: string } | 'make' | undefined> {
  const format: MinutesFormat = MINUTES_FORMATS[name];
  const key = format.storedKey?.(s);
  if (key && (await d.documents.head(key))) return { key };
  return format.make && hasText ? 'make' : undefined;
}

/** The formats this version exists in, in the order the page lists them; only stored ones when its text is gone. */
export async function availableFormats(d: Pick<CoreDeps, 'documents'>, s: VersionSource, hasText: boolean): Promise<MinutesFormatName[]> {
  const found = await Promise.all(FORMAT_NAMES.map(async (name) => ((await sourceOf(d, s, name, hasText)) ? name : undefined)));
  return found.filter((name): name is MinutesFormatName => name !== undefined);
}

/** "Riverside Board minutes 2027-03-10 version 2.pdf": a file name every system accepts. */
export function minutesFileName(s: VersionSource, name: MinutesFormatName): string {
  const board = s.board.name
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  const which = name.startsWith('public-') ? ' public copy' : '';
  return `${board ? `${board} ` : ''}minutes ${s.cycle.meeting.date} version ${s.minutes.version}${which}${MINUTES_FORMATS[name].extension}`;
}

/** The version in one format, or undefined when it does not exist in that format. */
export async function minutesFile(
  d: Pick<CoreDeps, 'documents'>,
  s: VersionSource,
  name: MinutesFormatName,
): Promise<{ fileName: string; contentType: string; body: string | Uint8Array } | undefined> {
  const format: MinutesFormat = MINUTES_FORMATS[name];
  const source = await sourceOf(d, s, name);
  if (!source) return undefined;
  const body = source === 'make' ? await format.make!(s, await d.documents.getText(s.minutes.s3Key)) : await d.documents.getBytes(source.key);
  return { fileName: minutesFileName(s, name), contentType: format.contentType, body };
}

import { degrees, drawText as drawTextOperators, PDFContentStream, PDFDocument, PDFHexString, PDFName, rgb, StandardFonts } from '@cantoo/pdf-lib';
import type { PDFFont, PDFOperator, PDFPage } from '@cantoo/pdf-lib';
import { UploadRejectedError, ValidationError } from './errors';
import { loadCheckedPdf } from './pdf-check';

/** Who the pack is for: members get every paper; the public pack leaves confidential (exempt) papers out. */
export type PackAudience = 'members' | 'public';

/** One agenda item as the pack shows it. */
export interface BoardPackItem {
  number: number;
  title: string;
  presenter?: string;
  /** Exempt from publication: in the public pack only its number and "Exempt item: not for publication" appear. */
  confidential: boolean;
  /** The item's paper, already accepted by `inspectPdf`. Items without one are listed on the agenda only. */
  paper?: { bytes: Uint8Array; fileName: string };
}

/** Everything the pack needs; `items` is in agenda order, which is the order of the papers too. */
export interface BoardPackInput {
  boardName: string;
  /** Date and time as people should read it, e.g. "Tuesday 3 March 2026, 18:30". */
  meetingWhen: string;
  venue: string;
  items: readonly BoardPackItem[];
  audience: PackAudience;
}

/** The assembled pack. Page numbers are 1-based and count the cover, as the stamps and viewers do. */
export interface BoardPack {
  pdf: Uint8Array;
  pages: number;
  /** First page of each item's paper in this pack, by item number; items with no paper in it are absent. */
  itemStartPages: Record<number, number>;
}

/** The agenda line of a confidential item in the public pack, in place of its title, presenter and page. */
export const EXEMPT_ITEM_TEXT = 'Exempt item: not for publication';

/**
 * The stamp at the bottom of a paper's page, e.g. "Item 4 – page 2 of 5". Exported so that emails and the
 * web page cite pages with exactly the words printed on them.
 */
export function itemPageLabel(itemNumber: number, page: number, of: number): string {
  return `Item ${itemNumber} \u2013 page ${page} of ${of}`;
}

/** The stamp on every page of the pack, e.g. "Page 12 of 40". */
export function packPageLabel(page: number, of: number): string {
  return `Page ${page} of ${of}`;
}

/**
 * Builds the board pack: a cover, the agenda (each item's presenter and the page its paper starts on),
 * every paper in agenda order, an outline with one bookmark per item, and a page stamp on every page.
 *
 * Papers are loaded, checked and copied one at a time, so only one source document is parsed at any
 * moment (what keeps a 600-page pack inside a Lambda's memory). Titles and names are drawn defensively:
 * control and bidirectional-override characters are removed, long text is cut with "…" and characters
 * the standard font cannot encode are drawn as "?", so no text can make this throw.
 *
 * @throws UploadRejectedError when a paper is no longer a usable PDF (the message names the item).
 * @throws ValidationError when two items share a number.
 */
export async function buildBoardPack(input: BoardPackInput): Promise<BoardPack> {
  const numbers = new Set<number>();
  for (const item of input.items) {
    if (numbers.has(item.number)) throw new ValidationError(`Two agenda items have the number ${item.number}.`);
    numbers.add(item.number);
  }

  const out = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {
    regular: await out.embedFont(StandardFonts.Helvetica),
    bold: await out.embedFont(StandardFonts.HelveticaBold),
    italic: await out.embedFont(StandardFonts.HelveticaOblique),
  };
  const text = new TextCleaner(fonts.regular);

  const entries = input.items.map((item) => agendaEntry(item, input.audience, text, fonts));
  // The agenda's length depends only on the items' text, never on the page numbers it will show, so the
  // layout comes first and the papers' start pages are known before a single paper is copied.
  const agendaPages = paginateAgenda(entries);
  const cover = out.addPage(A4);
  const agenda = agendaPages.map(() => out.addPage(A4));

  const paperRuns: PaperRun[] = [];
  for (const entry of entries) {
    const { item } = entry;
    if (!entry.includePaper || !item.paper) continue;
    const firstPage = out.getPageCount() + 1;
    const count = await appendPaper(out, item);
    paperRuns.push({ itemNumber: item.number, firstPage, count });
    entry.startPage = firstPage;
  }

  const totalPages = out.getPageCount();
  const pages = out.getPages();
  drawCover(cover, input, entries, totalPages, text, fonts);
  agendaPages.forEach((lines, i) => drawAgendaPage(agenda[i]!, i, lines, input, text, fonts));
  stampPages(out, pages, paperRuns, fonts.regular);
  addOutline(out, pages, entries);

  const packName = input.audience === 'members' ? "Members' pack" : 'Public pack';
  out.setTitle(text.forMetadata(`${input.boardName} \u2013 ${input.meetingWhen} \u2013 ${packName}`, 300), { showInWindowTitleBar: true });
  out.setCreator('meeting-cycle');
  out.setProducer('meeting-cycle');

  // Object streams make the file markedly smaller (every copied page brings many small dictionaries);
  // objectsPerTick=Infinity because yielding to the event loop buys nothing in a Lambda and costs time.
  const pdf = await out.save({ useObjectStreams: false, objectsPerTick: Infinity, addDefaultPage: false });
  const itemStartPages: Record<number, number> = {};
  for (const run of paperRuns) itemStartPages[run.itemNumber] = run.firstPage;
  return { pdf, pages: totalPages, itemStartPages };
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

interface PaperRun {
  itemNumber: number;
  firstPage: number;
  count: number;
}

/** Copies a paper's pages to the end of `out`. The source document is dropped on return, so it can be collected. */
async function appendPaper(out: PDFDocument, item: BoardPackItem): Promise<number> {
  const paper = item.paper!;
  let source: PDFDocument;
  try {
    ({ doc: source } = await loadCheckedPdf(paper.bytes));
  } catch (error) {
    if (!(error instanceof UploadRejectedError)) throw error;
    // Said for the secretariat, who sees the failed pack: which item, which file, and the presenter's remedy.
    throw new UploadRejectedError(`The paper for item ${item.number} (${sanitise(paper.fileName, 120)}): ${error.message}`, { cause: error });
  }
  const copied = await out.copyPages(source, source.getPageIndices());
  for (const page of copied) out.addPage(page);
  return copied.length;
}

// ——— Text ———

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.35, 0.35, 0.35);

const MAX_TITLE_CHARS = 300;
const MAX_TITLE_LINES = 4;
const MAX_NAME_CHARS = 120;
const ELLIPSIS = '\u2026';

// C0 and C1 controls, bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, the marks
// U+200E/U+200F/U+061C), zero-width characters, the soft hyphen and BOM: invisible in a title, yet able to
// reorder what a reader sees ("Trojan Source") or to make the font encoder choke.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// \s covers tabs, line breaks (U+2028/U+2029 too) and no-break spaces: a title is one line of words.
const WHITESPACE = /\s+/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Removes invisible and reordering characters, collapses whitespace and cuts the text to `maxChars` code points
 * (ending it with "…"). The result is safe for the outline, which is Unicode; {@link TextCleaner.forFont} also
 * makes it drawable with a standard font.
 */
function sanitise(value: unknown, maxChars: number): string {
  const cleaned = String(value ?? '')
    .replace(LONE_SURROGATE, '')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(WHITESPACE, ' ')
    .trim();
  const chars = Array.from(cleaned);
  return chars.length <= maxChars
    ? cleaned
    : `${chars
        .slice(0, maxChars - 1)
        .join('')
        .trimEnd()}${ELLIPSIS}`;
}

export class TextCleaner {
  private readonly encodable: Set<number>;

  constructor(font: PDFFont) {
    // The three Helvetica faces share the WinAnsi encoding, so one character set serves them all.
    this.encodable = new Set(font.getCharacterSet());
  }

  /** Sanitised, then every character WinAnsi cannot encode replaced by "?". */
  forFont(value: unknown, maxChars: number): string {
    let drawable = '';
    for (const ch of sanitise(value, maxChars)) drawable += this.encodable.has(ch.codePointAt(0)!) ? ch : '?';
    return drawable;
  }

  forMetadata(value: unknown, maxChars: number): string {
    return sanitise(value, maxChars);
  }
}

/** Greedy word wrap; words wider than the line (a 10,000-character "word") are broken between characters. */
export function wrap(value: string, font: PDFFont, size: number, width: number, maxLines: number): string[] {
  const fits = (s: string): boolean => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const ch of word) {
      if (line && !fits(line + ch)) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last && !fits(`${last}${ELLIPSIS}`)) last = Array.from(last).slice(0, -1).join('');
  kept[maxLines - 1] = `${last.trimEnd()}${ELLIPSIS}`;
  return kept;
}

// ——— Agenda ———

const TITLE_SIZE = 11;
const TITLE_LEADING = 14;
const NOTE_SIZE = 9;
const NOTE_LEADING = 12;
const CONFIDENTIAL_NOTE = 'Confidential: not for publication';
const ENTRY_GAP = 10;
const NUMBER_WIDTH = 34;
// Wide enough for "p. 99999" at TITLE_SIZE, so no page number can change the layout.
const PAGE_COLUMN = 64;
const AGENDA_TOP = A4[1] - MARGIN - 56;
const AGENDA_BOTTOM = MARGIN + 20;

interface AgendaEntry {
  item: BoardPackItem;
  includePaper: boolean;
  exempt: boolean;
  titleLines: string[];
  /** Grey line under the title: confidentiality (members' pack) and presenter. */
  noteLine?: string;
  height: number;
  /** Set once the paper has been copied; the agenda is drawn after that. */
  startPage?: number;
  /** 1-based page of the pack that lists this entry. */
  agendaPage?: number;
  outlineTitle: string;
}

function agendaEntry(item: BoardPackItem, audience: PackAudience, text: TextCleaner, fonts: Fonts): AgendaEntry {
  const exempt = item.confidential && audience === 'public';
  const titleWidth = A4[0] - 2 * MARGIN - NUMBER_WIDTH - PAGE_COLUMN;
  const title = exempt ? EXEMPT_ITEM_TEXT : text.forFont(item.title, MAX_TITLE_CHARS) || '(untitled)';
  const titleLines = wrap(title, exempt ? fonts.italic : fonts.regular, TITLE_SIZE, titleWidth, MAX_TITLE_LINES);
  const presenter = exempt ? '' : text.forFont(item.presenter, MAX_NAME_CHARS);
  // Members are told which papers they must not pass on; the public pack shows no detail of those items at all.
  const notes = [item.confidential && !exempt ? CONFIDENTIAL_NOTE : '', presenter ? `Presenter: ${presenter}` : ''].filter(Boolean);
  const noteLine = notes.length > 0 ? wrap(notes.join(' \u00b7 '), fonts.regular, NOTE_SIZE, titleWidth, 1)[0] : undefined;
  const height = titleLines.length * TITLE_LEADING + (noteLine ? NOTE_LEADING : 0) + ENTRY_GAP;
  const outlineTitle = `${item.number}. ${exempt ? EXEMPT_ITEM_TEXT : sanitise(item.title, 200) || '(untitled)'}`;
  return { item, includePaper: !exempt && item.paper !== undefined, exempt, titleLines, noteLine, height, outlineTitle };
}

/** Splits the entries into agenda pages; an entry never straddles two pages. */
function paginateAgenda(entries: AgendaEntry[]): AgendaEntry[][] {
  const pages: AgendaEntry[][] = [[]];
  let y = AGENDA_TOP;
  for (const entry of entries) {
    const current = pages[pages.length - 1]!;
    if (current.length > 0 && y - entry.height < AGENDA_BOTTOM) {
      pages.push([entry]);
      y = AGENDA_TOP - entry.height;
    } else {
      current.push(entry);
      y -= entry.height;
    }
    // The cover is page 1, so agenda page i is page i + 2.
    entry.agendaPage = pages.length + 1;
  }
  return pages;
}

type Color = ReturnType<typeof rgb>;

/**
 * Collects a page's text and draws it grouped by font: pdf-lib adds a /Font resource entry each time the
 * font changes, so drawing in reading order would give an agenda page hundreds of them.
 */
class TextCanvas {
  private readonly runs = new Map<PDFFont, { text: string; x: number; y: number; size: number; color: Color }[]>();

  constructor(private readonly page: PDFPage) {}

  drawText(text: string, options: { x: number; y: number; size: number; font: PDFFont; color: Color }): void {
    const { font, ...rest } = options;
    const runs = this.runs.get(font) ?? [];
    runs.push({ text, ...rest });
    this.runs.set(font, runs);
  }

  flush(): void {
    for (const [font, runs] of this.runs) {
      this.page.setFont(font);
      for (const { text, ...options } of runs) this.page.drawText(text, options);
    }
    this.runs.clear();
  }
}

function drawAgendaPage(page: PDFPage, index: number, entries: AgendaEntry[], input: BoardPackInput, text: TextCleaner, fonts: Fonts): void {
  const canvas = new TextCanvas(page);
  const width = A4[0] - 2 * MARGIN;
  canvas.drawText(index === 0 ? 'Agenda' : 'Agenda (continued)', { x: MARGIN, y: A4[1] - MARGIN - 18, size: 18, font: fonts.bold, color: INK });
  const subtitle = wrap(
    `${text.forFont(input.boardName, MAX_NAME_CHARS)} \u2013 ${text.forFont(input.meetingWhen, MAX_NAME_CHARS)}`,
    fonts.regular,
    10,
    width,
    1,
  )[0];
  if (subtitle) canvas.drawText(subtitle, { x: MARGIN, y: A4[1] - MARGIN - 36, size: 10, font: fonts.regular, color: GREY });

  let y = AGENDA_TOP;
  for (const entry of entries) {
    let baseline = y - TITLE_SIZE;
    canvas.drawText(`${entry.item.number}.`, { x: MARGIN, y: baseline, size: TITLE_SIZE, font: fonts.bold, color: INK });
    if (entry.startPage !== undefined) {
      const label = `p. ${entry.startPage}`;
      const labelX = A4[0] - MARGIN - fonts.regular.widthOfTextAtSize(label, TITLE_SIZE);
      canvas.drawText(label, { x: labelX, y: baseline, size: TITLE_SIZE, font: fonts.regular, color: INK });
    }
    for (const line of entry.titleLines) {
      canvas.drawText(line, { x: MARGIN + NUMBER_WIDTH, y: baseline, size: TITLE_SIZE, font: entry.exempt ? fonts.italic : fonts.regular, color: INK });
      baseline -= TITLE_LEADING;
    }
    if (entry.noteLine) {
      baseline += TITLE_LEADING - NOTE_LEADING;
      canvas.drawText(entry.noteLine, { x: MARGIN + NUMBER_WIDTH, y: baseline, size: NOTE_SIZE, font: fonts.regular, color: GREY });
    }
    y -= entry.height;
  }
  canvas.flush();
}

function drawCover(page: PDFPage, input: BoardPackInput, entries: AgendaEntry[], totalPages: number, text: TextCleaner, fonts: Fonts): void {
  const canvas = new TextCanvas(page);
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN - 120;
  for (const line of wrap(text.forFont(input.boardName, MAX_TITLE_CHARS) || 'Board meeting', fonts.bold, 26, width, 3)) {
    canvas.drawText(line, { x: MARGIN, y, size: 26, font: fonts.bold, color: INK });
    y -= 32;
  }
  y -= 16;
  const details: [string, string][] = [
    ['Date and time', input.meetingWhen],
    ['Venue', input.venue],
  ];
  for (const [label, value] of details) {
    canvas.drawText(label, { x: MARGIN, y, size: 10, font: fonts.regular, color: GREY });
    y -= 18;
    for (const line of wrap(text.forFont(value, MAX_NAME_CHARS * 2) || '\u2013', fonts.regular, 14, width, 2)) {
      canvas.drawText(line, { x: MARGIN, y, size: 14, font: fonts.regular, color: INK });
      y -= 18;
    }
    y -= 12;
  }
  y -= 24;
  const members = input.audience === 'members';
  canvas.drawText(members ? "Members' pack" : 'Public pack', { x: MARGIN, y, size: 20, font: fonts.bold, color: INK });
  y -= 22;
  const hasConfidential = entries.some((e) => e.item.confidential);
  const notes = [`${entries.length} ${entries.length === 1 ? 'item' : 'items'}, ${totalPages} pages`];
  if (hasConfidential) notes.push(members ? 'Contains exempt items: not for publication.' : 'Exempt items are not included in this pack.');
  for (const note of notes) {
    canvas.drawText(note, { x: MARGIN, y, size: 11, font: fonts.regular, color: GREY });
    y -= 16;
  }
  canvas.flush();
}

// ——— Stamps ———

const STAMP_SIZE = 8;
// In the bottom margin that nearly every paper leaves; no background box, so no content can be hidden by it.
const STAMP_BASELINE = 14;
const STAMP_INSET = 28;

/**
 * Adds one content stream per page holding both stamps. Written with pdf-lib's operators rather than
 * `page.drawText` because that compresses every stream it creates, and deflating 1,200 tiny streams
 * (fflate allocates its tables afresh each time) was a third of the time of a 600-page pack and most of its
 * garbage; a stamp is ~200 bytes, so leaving it uncompressed costs nothing.
 */
function stampPages(out: PDFDocument, pages: PDFPage[], runs: PaperRun[], font: PDFFont): void {
  const total = pages.length;
  const itemOf = new Map<number, { run: PaperRun; page: number }>();
  for (const run of runs) for (let i = 0; i < run.count; i += 1) itemOf.set(run.firstPage + i, { run, page: i + 1 });
  pages.forEach((page, index) => {
    const pageNumber = index + 1;
    // Also wraps the page's existing content in q…Q, so whatever state a paper leaves behind
    // (a transformation, a clip, a colour) cannot move or hide the stamp.
    const fontKey = page.node.newFontDictionary(font.name, font.ref);
    const operators = stamp(page, packPageLabel(pageNumber, total), 'right', font, fontKey);
    const paper = itemOf.get(pageNumber);
    if (paper) operators.push(...stamp(page, itemPageLabel(paper.run.itemNumber, paper.page, paper.run.count), 'left', font, fontKey));
    const stream = PDFContentStream.of(out.context.obj({}), operators, false);
    page.node.addContentStream(out.context.register(stream));
  });
}

/**
 * The operators that draw `label` along the bottom edge of the page as it is displayed: papers come with
 * rotated pages and crop boxes away from the origin, so "bottom" is worked out from /Rotate and the visible box.
 */
function stamp(page: PDFPage, label: string, align: 'left' | 'right', font: PDFFont, fontKey: PDFName): PDFOperator[] {
  const box = visibleBox(page);
  const rotation = (((Math.round(page.getRotation().angle / 90) * 90) % 360) + 360) % 360;
  const visualWidth = rotation % 180 === 0 ? box.width : box.height;
  const u = align === 'left' ? STAMP_INSET : visualWidth - STAMP_INSET - font.widthOfTextAtSize(label, STAMP_SIZE);
  const v = STAMP_BASELINE;
  // (u, v) are coordinates on the page as seen (origin bottom left); map them back to user space.
  const { x, y } =
    rotation === 90
      ? { x: box.x + box.width - v, y: box.y + u }
      : rotation === 180
        ? { x: box.x + box.width - u, y: box.y + box.height - v }
        : rotation === 270
          ? { x: box.x + v, y: box.y + box.height - u }
          : { x: box.x + u, y: box.y + v };
  return drawTextOperators(font.encodeText(label), {
    x,
    y,
    size: STAMP_SIZE,
    font: fontKey,
    color: GREY,
    rotate: degrees(rotation),
    xSkew: degrees(0),
    ySkew: degrees(0),
  });
}

/** The crop box clipped to the media box: what a viewer shows and a printer prints. */
function visibleBox(page: PDFPage): { x: number; y: number; width: number; height: number } {
  const media = page.getMediaBox();
  const crop = page.getCropBox();
  const x0 = Math.max(media.x, crop.x);
  const y0 = Math.max(media.y, crop.y);
  const x1 = Math.min(media.x + media.width, crop.x + crop.width);
  const y1 = Math.min(media.y + media.height, crop.y + crop.height);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : media;
}

// ——— Outline ———

/**
 * Writes /Outlines with one top-level bookmark per item (pdf-lib has no API for it; the structure is ISO
 * 32000-1 §12.3.3). A bookmark goes to the item's first paper page, or to the agenda page that lists it
 * when it has no paper in this pack. Titles are UTF-16 strings, so names keep their accents there.
 */
function addOutline(out: PDFDocument, pages: PDFPage[], entries: AgendaEntry[]): void {
  if (entries.length === 0) return;
  const { context } = out;
  const outlinesRef = context.nextRef();
  const itemRefs = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const target = pages[(entry.startPage ?? entry.agendaPage!) - 1]!;
    const dict = context.obj({
      Title: PDFHexString.fromText(entry.outlineTitle),
      Parent: outlinesRef,
      // /Fit rather than /XYZ with coordinates: papers differ in size, crop and rotation.
      Dest: [target.ref, PDFName.of('Fit')],
    });
    if (i > 0) dict.set(PDFName.of('Prev'), itemRefs[i - 1]!);
    if (i < entries.length - 1) dict.set(PDFName.of('Next'), itemRefs[i + 1]!);
    context.assign(itemRefs[i]!, dict);
  });
  context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: itemRefs[0]!, Last: itemRefs[itemRefs.length - 1]!, Count: entries.length }));
  out.catalog.set(PDFName.of('Outlines'), outlinesRef);
  // Open with the bookmarks panel showing: it is the quickest way round a 600-page pack.
  out.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

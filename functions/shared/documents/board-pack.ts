import {
  PDFArray,
  PDFCrossRefSection,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFPage,
  PDFPageLeaf,
  PDFPageTree,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFTrailer,
  PDFTrailerDict,
  rgb,
  StandardFonts,
} from '@cantoo/pdf-lib';
import type { PDFContext, PDFFont, PDFObject } from '@cantoo/pdf-lib';
import { UploadRejectedError, ValidationError } from '../domain/errors';
import { EXEMPT_ITEM_TEXT } from '../domain/agenda';
import { loadCheckedPdf, type CheckedPdf } from './pdf-check';

/** Who the pack is for: members get every paper; the public pack leaves confidential (exempt) papers out. */
export type PackAudience = 'members' | 'public';

/** One agenda item as the pack shows it. */
export interface BoardPackItem {
  number: number;
  title: string;
  presenter?: string;
  /** Exempt from publication: in the public pack only its number and "Exempt item: not for publication" appear. */
  confidential: boolean;
  /**
   * The item's paper, already accepted by `inspectPdf`; items without one are listed on the agenda only. A
   * `load` function is called when the pack reaches the item, so that only one paper is in memory at a time.
   */
  paper?: PaperSource;
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
  const pack = await assembleBoardPack(input);
  const chunks: Uint8Array[] = [];
  for await (const chunk of pack.chunks) chunks.push(chunk);
  const pdf = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    pdf.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { pdf, pages: pack.pages, itemStartPages: pack.itemStartPages };
}

/** A pack laid out in memory, its file written as it is read from `chunks`. */
export interface AssembledPack {
  pages: number;
  itemStartPages: Record<number, number>;
  /** The PDF file in pieces of about a megabyte, produced as they are read; read it once. */
  chunks: AsyncIterable<Uint8Array>;
}

/**
 * What {@link buildBoardPack} does, with the file written in chunks as they are read, so that a caller
 * can upload it part by part and the whole file is never in memory at once.
 */
export async function assembleBoardPack(input: BoardPackInput): Promise<AssembledPack> {
  const numbers = new Set<number>();
  for (const item of input.items) {
    if (numbers.has(item.number)) throw new ValidationError(`Two agenda items have the number ${item.number}.`);
    numbers.add(item.number);
  }

  const out = await PDFDocument.create({ updateMetadata: false });
  const fonts = new Fonts(out);
  const text = new TextCleaner(fonts.regular);

  const entries = input.items.map((item) => agendaEntry(item, input.audience, text, fonts));
  // The agenda's length depends only on the items' text, never on the page numbers it will show, so the
  // layout comes first and the papers' start pages are known before a single paper is copied.
  const agendaPages = paginateAgenda(entries);
  const cover = out.addPage(A4);
  const agenda = agendaPages.map(() => out.addPage(A4));

  const pages: PDFPage[] = [cover, ...agenda];
  const paperRuns: PaperRun[] = [];
  for (const entry of entries) {
    const { item } = entry;
    if (!entry.includePaper || !item.paper) continue;
    const firstPage = pages.length + 1;
    const copied = await appendPaper(out, item.number, item.paper);
    pages.push(...copied);
    paperRuns.push({ itemNumber: item.number, firstPage, count: copied.length });
    entry.startPage = firstPage;
  }

  const totalPages = pages.length;
  drawCover(cover, input, entries, totalPages, text, fonts);
  agendaPages.forEach((lines, i) => drawAgendaPage(agenda[i]!, i, lines, input, text, fonts));
  stampPages(out, pages, paperRuns, fonts.regular);
  addOutline(out, pages, entries);

  const packName = input.audience === 'members' ? "Members' pack" : 'Public pack';
  out.setTitle(text.forMetadata(`${input.boardName} \u2013 ${input.meetingWhen} \u2013 ${packName}`, 300), { showInWindowTitleBar: true });
  out.setCreator('meeting-cycle');
  out.setProducer('meeting-cycle');

  const itemStartPages: Record<number, number> = {};
  for (const run of paperRuns) itemStartPages[run.itemNumber] = run.firstPage;
  return { pages: totalPages, itemStartPages, chunks: serialise(out) };
}

/**
 * The pack's faces of Helvetica. The oblique one is embedded only when drawn (exempt items in the public
 * pack): reading a standard font's metrics is a measurable part of a cold build.
 */
class Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  private oblique: PDFFont | undefined;

  constructor(private readonly doc: PDFDocument) {
    this.regular = doc.embedStandardFont(StandardFonts.Helvetica);
    this.bold = doc.embedStandardFont(StandardFonts.HelveticaBold);
  }

  get italic(): PDFFont {
    this.oblique ??= this.doc.embedStandardFont(StandardFonts.HelveticaOblique);
    return this.oblique;
  }
}

interface PaperRun {
  itemNumber: number;
  firstPage: number;
  count: number;
}

/**
 * Loads, checks and appends one paper's pages to `out`, and returns them. Nothing of the paper is kept
 * but what its pages use: its bytes and parsed document can be collected as soon as this returns.
 */
async function appendPaper(out: PDFDocument, itemNumber: number, paper: PaperSource): Promise<PDFPage[]> {
  let source: CheckedPdf;
  try {
    source = await loadCheckedPdf('bytes' in paper ? paper.bytes : await paper.load());
  } catch (error) {
    if (!(error instanceof UploadRejectedError)) throw error;
    // Said for the secretariat, who sees the failed pack: which item, which file, and the presenter's remedy.
    throw new UploadRejectedError(`The paper for item ${itemNumber} (${sanitise(paper.fileName, 120)}): ${error.message}`, { cause: error });
  }
  const leaves = movePages(source.doc.context, out.context, source.pageRefs);
  return attachPages(out, leaves);
}

const { InheritableEntries } = PDFPageLeaf;

/**
 * Moves the given pages, and every object they refer to, from a parsed paper into the pack, renumbering
 * references on the way; returns the pages' new references. Objects the pages do not use (the paper's
 * catalog, outline, metadata, forms) are left behind.
 *
 * This is what `PDFDocument.copyPages` does, less its cloning: the paper is parsed for this one use and
 * dropped afterwards, so its objects can change owner instead of being copied (every dictionary, array
 * and stream twice in memory, and the build's largest source of garbage). Like the copier, each page
 * takes over the attributes it inherited from its page tree (resources, boxes, rotation) and loses its
 * /Parent, so that the paper's page tree is not dragged along.
 */
function movePages(from: PDFContext, to: PDFContext, pages: readonly PDFRef[]): PDFRef[] {
  const renumbered = new Map<PDFRef, PDFRef>();
  const pending: PDFRef[] = [];
  const adopted = new Set<PDFObject>();
  const newRef = (ref: PDFRef): PDFRef => {
    let moved = renumbered.get(ref);
    if (!moved) {
      moved = to.nextRef();
      renumbered.set(ref, moved);
      pending.push(ref);
    }
    return moved;
  };
  const adopt = (object: PDFObject): void => {
    // A direct object can be reached twice once inherited attributes are shared by several pages.
    if (adopted.has(object)) return;
    if (object instanceof PDFStream) {
      adopt(object.dict);
    } else if (object instanceof PDFDict) {
      adopted.add(object);
      if (object instanceof PDFPageLeaf) detachFromTree(object);
      setContext(object, to);
      for (const [key, value] of object.entries()) {
        if (value instanceof PDFRef) object.set(key, newRef(value));
        else adopt(value);
      }
    } else if (object instanceof PDFArray) {
      adopted.add(object);
      setContext(object, to);
      for (let i = 0; i < object.size(); i += 1) {
        const value = object.get(i);
        if (value instanceof PDFRef) object.set(i, newRef(value));
        else adopt(value);
      }
    }
  };
  // All pages first: a page's inherited attributes are read through its ancestors, which must not have
  // been renumbered yet.
  for (const page of pages) detachFromTree(from.lookup(page, PDFDict) as PDFPageLeaf);
  const refs = pages.map(newRef);
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    const object = from.lookup(ref);
    // A reference to an object the paper does not have stays dangling, which readers take as null.
    if (object === undefined) continue;
    adopt(object);
    to.assign(renumbered.get(ref)!, object);
  }
  return refs;
}

/** Gives a page the attributes it inherits, then cuts it from its page tree. */
function detachFromTree(page: PDFPageLeaf): void {
  for (const name of InheritableEntries) {
    const key = PDFName.of(name);
    if (page.get(key) !== undefined) continue;
    const inherited = page.getInheritableAttribute(key);
    if (inherited !== undefined) page.set(key, inherited);
  }
  page.delete(PDFName.Parent);
}

/** pdf-lib offers no way to hand an object to another document; its owner is a plain property. */
function setContext(object: PDFDict | PDFArray, context: PDFContext): void {
  (object as { context: PDFContext }).context = context;
}

/**
 * Hangs a paper's pages under one new node of the pack's page tree. `PDFDocument.addPage` walks every
 * page already in the document to find the end, which made adding 600 pages quadratic.
 */
function attachPages(out: PDFDocument, leaves: readonly PDFRef[]): PDFPage[] {
  const { context } = out;
  const rootRef = out.catalog.get(PDFName.of('Pages')) as PDFRef;
  const root = out.catalog.Pages();
  const node = PDFPageTree.withContext(context, rootRef);
  node.set(PDFName.of('Kids'), context.obj([...leaves]));
  node.set(PDFName.of('Count'), PDFNumber.of(leaves.length));
  const nodeRef = context.register(node);
  root.Kids().push(nodeRef);
  root.set(PDFName.of('Count'), PDFNumber.of(root.Count().asNumber() + leaves.length));
  return leaves.map((ref) => {
    const leaf = context.lookup(ref, PDFDict) as PDFPageLeaf;
    leaf.set(PDFName.Parent, nodeRef);
    return PDFPage.of(leaf, ref, out);
  });
}

/** Where a paper's bytes come from: already in memory, or loaded when the pack gets to it. */
export type PaperSource = { fileName: string } & ({ bytes: Uint8Array } | { load: () => Promise<Uint8Array> });

// ——— File ———

const CHUNK_BYTES = 1024 * 1024;
const ASCII = new TextEncoder();

/** Bytes written into buffers of about CHUNK_BYTES, handed out as each fills. */
class ChunkWriter {
  /** Bytes written so far: the offset of the next one in the file. */
  offset = 0;
  private buffer = new Uint8Array(CHUNK_BYTES);
  private used = 0;
  private readonly full: Uint8Array[] = [];

  /** Room for `size` bytes at `buffer[at…]`; the caller fills exactly that many. */
  reserve(size: number): { buffer: Uint8Array; at: number } {
    if (this.used + size > this.buffer.length) {
      this.end();
      this.buffer = new Uint8Array(Math.max(CHUNK_BYTES, size));
    }
    const at = this.used;
    this.used += size;
    this.offset += size;
    return { buffer: this.buffer, at };
  }

  ascii(text: string): void {
    const { buffer, at } = this.reserve(text.length);
    ASCII.encodeInto(text, buffer.subarray(at));
  }

  bytes(bytes: Uint8Array): void {
    const { buffer, at } = this.reserve(bytes.length);
    buffer.set(bytes, at);
  }

  object(value: { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number }): void {
    // pdf-lib copies a stream's contents a byte at a time; a paper's streams are most of the pack's bytes.
    if (value instanceof PDFRawStream) {
      const contents = value.getContents();
      value.dict.set(PDFName.Length, PDFNumber.of(contents.length));
      this.object(value.dict);
      this.ascii('\nstream\n');
      this.bytes(contents);
      this.ascii('\nendstream');
      return;
    }
    const { buffer, at } = this.reserve(value.sizeInBytes());
    value.copyBytesInto(buffer, at);
  }

  /** Closes the current buffer; `take` hands it out. */
  end(): void {
    if (this.used > 0) this.full.push(this.buffer.subarray(0, this.used));
    this.buffer = new Uint8Array(0);
    this.used = 0;
  }

  take(): Uint8Array[] {
    return this.full.splice(0);
  }
}

/**
 * Writes `doc` as a classic PDF (cross-reference table, no object streams) a chunk at a time. pdf-lib's
 * `save` sizes the whole file first and fills one buffer, so the pack would sit in memory twice, as
 * objects and as bytes; here the bytes leave as they are made. Object streams would make the bench's pack
 * only ~3% smaller (the papers' own streams, compressed already, are most of it) and cost a deflate over
 * every small object, which on a cold start was slower than writing them plainly.
 */
async function* serialise(doc: PDFDocument): AsyncGenerator<Uint8Array> {
  await doc.flush(); // embeds the fonts the pages use
  const { context } = doc;
  const file = new ChunkWriter();
  file.object(context.header);
  file.ascii('\n\n');
  const xref = PDFCrossRefSection.create();
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    xref.addEntry(ref, file.offset);
    file.ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    file.object(object);
    file.ascii('\nendobj\n\n');
    yield* file.take();
  }
  const xrefOffset = file.offset;
  file.object(xref);
  file.ascii('\n');
  const { Root, Info, ID } = context.trailerInfo;
  const trailer = context.obj({ Size: context.largestObjectNumber + 1 });
  if (Root) trailer.set(PDFName.of('Root'), Root);
  if (Info) trailer.set(PDFName.of('Info'), Info);
  if (ID) trailer.set(PDFName.of('ID'), ID);
  file.object(PDFTrailerDict.of(trailer));
  file.ascii('\n\n');
  file.object(PDFTrailer.forLastCrossRefSectionOffset(xrefOffset));
  file.end();
  yield* file.take();
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
 * Writes a page's text as content bytes: one text object per line, in the page's own font resources.
 * pdf-lib's `drawText` builds an operator object per token and deflates the stream, which on a cold start
 * costs more than the few kilobytes it saves.
 */
class TextCanvas {
  private content = '';
  private readonly keys = new Map<PDFFont, PDFName>();

  constructor(private readonly page: PDFPage) {}

  drawText(text: string, options: { x: number; y: number; size: number; font: PDFFont; color: Color }): void {
    const { x, y, size, font, color } = options;
    let key = this.keys.get(font);
    if (!key) {
      key = fontKey(this.page, font);
      this.keys.set(font, key);
    }
    this.content += `BT ${fill(color)} ${key.toString()} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm ${font.encodeText(text).toString()} Tj ET\n`;
  }

  flush(): void {
    if (this.content) contentsArray(this.page).push(this.page.doc.context.register(this.page.doc.context.stream(ASCII.encode(this.content))));
    this.content = '';
  }
}

/** The operator that sets the fill colour. */
function fill({ red, green, blue }: Color): string {
  return `${num(red)} ${num(green)} ${num(blue)} rg`;
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
 * Adds one content stream per page holding both stamps, and wraps the page's existing content in q…Q so
 * that whatever state a paper leaves behind (a transformation, a clip, a colour) cannot move or hide them.
 *
 * The stream is written as bytes, not with pdf-lib's drawing API: `page.drawText` deflates every stream it
 * creates and builds an operator object per token, and normalising a page for it adds empty resource
 * dictionaries, all of it several times slower over 600 pages. A stamp is ~200 bytes, so leaving it
 * uncompressed costs nothing.
 */
function stampPages(out: PDFDocument, pages: PDFPage[], runs: PaperRun[], font: PDFFont): void {
  const { context } = out;
  const total = pages.length;
  const push = context.getPushGraphicsStateContentStream();
  const pop = context.getPopGraphicsStateContentStream();
  const itemOf = new Map<number, { run: PaperRun; page: number }>();
  for (const run of runs) for (let i = 0; i < run.count; i += 1) itemOf.set(run.firstPage + i, { run, page: i + 1 });
  pages.forEach((page, index) => {
    const pageNumber = index + 1;
    const key = fontKey(page, font);
    let content = stamp(page, packPageLabel(pageNumber, total), 'right', font, key);
    const paper = itemOf.get(pageNumber);
    if (paper) content += stamp(page, itemPageLabel(paper.run.itemNumber, paper.page, paper.run.count), 'left', font, key);
    const contents = contentsArray(page);
    if (contents.size() > 0) {
      contents.insert(0, push);
      contents.push(pop);
    }
    contents.push(context.register(context.stream(ASCII.encode(content))));
  });
}

/**
 * The page's own /Contents array, to add streams to: a single stream is wrapped in one, a page without
 * content gets an empty one, and an array held by reference (which other pages may share) is copied.
 */
function contentsArray(page: PDFPage): PDFArray {
  const { node } = page;
  const { context } = node;
  const current = node.get(PDFName.Contents);
  const resolved = context.lookup(current);
  if (resolved instanceof PDFArray && !(current instanceof PDFRef)) return resolved;
  const array = context.obj(resolved instanceof PDFArray ? resolved.asArray() : current === undefined ? [] : [current]);
  node.set(PDFName.Contents, array);
  return array;
}

/**
 * Names `font` in the page's own font resources and returns the name. Copied pages carry their resources
 * (inherited ones are moved onto the page); pages sharing a resource dictionary get the same name for the
 * same font, and a paper that happens to use the name for another font keeps it.
 */
function fontKey(page: PDFPage, font: PDFFont): PDFName {
  const { node } = page;
  const { context } = node;
  let resources = context.lookupMaybe(node.get(PDFName.Resources), PDFDict);
  if (!resources) {
    resources = context.obj({});
    node.set(PDFName.Resources, resources);
  }
  let fonts = resources.lookupMaybe(PDFName.Font, PDFDict);
  if (!fonts) {
    fonts = context.obj({});
    resources.set(PDFName.Font, fonts);
  }
  const base = `MC${font.name.replace(/[^A-Za-z0-9]/g, '')}`;
  for (let n = 0; ; n += 1) {
    const key = PDFName.of(n === 0 ? base : `${base}${n}`);
    const existing = fonts.get(key);
    if (existing === undefined) fonts.set(key, font.ref);
    if (existing === undefined || existing === font.ref) return key;
  }
}

/** A number as PDF content wants it: at most three decimals, never an exponent. */
function num(value: number): string {
  return String(Number(value.toFixed(3)) + 0);
}

/**
 * The content that draws `label` along the bottom edge of the page as it is displayed: papers come with
 * rotated pages and crop boxes away from the origin, so "bottom" is worked out from /Rotate and the visible box.
 */
function stamp(page: PDFPage, label: string, align: 'left' | 'right', font: PDFFont, key: PDFName): string {
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
  // The text matrix turns the baseline with the page: [cos sin -sin cos x y], exact for quarter turns.
  const [cos, sin] = ROTATIONS[rotation as 0 | 90 | 180 | 270];
  return (
    `q BT ${fill(GREY)} ${key.toString()} ${STAMP_SIZE} Tf ` +
    `${cos} ${sin} ${-sin + 0} ${cos} ${num(x)} ${num(y)} Tm ${font.encodeText(label).toString()} Tj ET Q\n`
  );
}

const ROTATIONS = { 0: [1, 0], 90: [0, 1], 180: [-1, 0], 270: [0, -1] } as const;

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

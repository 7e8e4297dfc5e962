import { PDFDocument } from '@cantoo/pdf-lib';
import type { PDFPage } from '@cantoo/pdf-lib';
import { ValidationError } from '../../domain/errors';
import { agendaEntry, drawAgendaPage, drawCover, paginateAgenda } from './agenda-pages';
import { addOutline } from './outline';
import { A4 } from './page-content';
import { appendPaper } from './page-tree';
import { stampPages, type PaperRun } from './stamps';
import { serialise } from './stream';
import { Fonts, TextCleaner } from './text';
import type { AssembledPack, BoardPack, BoardPackInput } from './types';

/** The language of the text the app writes, as the web pages declare it (`<html lang>`). */
export const PDF_LANGUAGE = 'en-GB';

/**
 * Builds the board pack: a cover, the agenda (each item's presenter and the page its paper starts on),
 * every paper in agenda order, an outline with one bookmark per item, and a page stamp on every page.
 *
 * Papers are loaded, checked and copied one at a time, so only one source document is parsed at any
 * moment (what keeps a 600-page pack inside a Lambda's memory). Titles and names are drawn in DejaVu Sans
 * (embedded as a subset), so Latin, Greek and Cyrillic names print as written; they are drawn defensively:
 * control and bidirectional-override characters are removed, long text is cut with "…" and characters
 * the font has no glyph for (CJK, most emoji) are drawn as "?" and counted in `undrawable`, so no text
 * can make this throw. The file carries its title and language (en-GB) for readers and screen readers.
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
  return { pdf, pages: pack.pages, itemStartPages: pack.itemStartPages, itemPageCounts: pack.itemPageCounts, undrawable: pack.undrawable };
}

/**
 * What {@link buildBoardPack} does, with the file written in chunks as they are read, so that a caller
 * can upload it part by part and the whole file is never in memory at once.
 *
 * @throws UploadRejectedError and ValidationError as {@link buildBoardPack}.
 */
export async function assembleBoardPack(input: BoardPackInput): Promise<AssembledPack> {
  const numbers = new Set<number>();
  for (const item of input.items) {
    if (numbers.has(item.number)) throw new ValidationError(`Two agenda items have the number ${item.number}.`);
    numbers.add(item.number);
  }

  const out = await PDFDocument.create({ updateMetadata: false });
  // Only the public pack shows exempt items, in the oblique face: the members' pack need not embed it.
  const fonts = await Fonts.embed(out, { italic: input.audience === 'public' && input.items.some((item) => item.confidential) });
  const text = new TextCleaner(fonts);

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
  // Shown in the window's title bar (/DisplayDocTitle) rather than the file name, and read out by screen readers.
  out.setTitle(text.forMetadata(`${input.boardName} \u2013 ${input.meetingWhen} \u2013 ${packName}`, 300), { showInWindowTitleBar: true });
  out.setLanguage(PDF_LANGUAGE);
  out.setCreator('meeting-cycle');
  out.setProducer('meeting-cycle');

  const itemStartPages: Record<number, number> = {};
  const itemPageCounts: Record<number, number> = {};
  for (const run of paperRuns) {
    itemStartPages[run.itemNumber] = run.firstPage;
    itemPageCounts[run.itemNumber] = run.count;
  }
  return { pages: totalPages, itemStartPages, itemPageCounts, undrawable: text.undrawable, chunks: serialise(out) };
}

import { PDFDocument, rgb } from '@cantoo/pdf-lib';
import { log } from '../runtime/observability';
import { Fonts, PDF_LANGUAGE, TextCleaner, wrap } from './board-pack';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const SIZE = 10;
const LEADING = 13;
const MAX_LINE_CHARS = 2000;
const MAX_TITLE_CHARS = 300;

/**
 * The approved minutes as a PDF: the text as written (blank lines kept), wrapped to A4 in DejaVu Sans
 * (embedded as a subset, so names in any Latin, Greek or Cyrillic script print as written), with the
 * approval statement closing it and on every page's foot. Characters the font has no glyph for become
 * "?" and are logged with their count, so hostile or exotic text never stops publication.
 */
export async function minutesPdf(input: { title: string; text: string; approvalStatement: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = await Fonts.embed(doc);
  const { regular: font, bold } = fonts;
  const clean = new TextCleaner(fonts);
  // The title is shown by readers in their window bar and file lists: cleaned as the board pack's is.
  doc.setTitle(clean.forMetadata(input.title, MAX_TITLE_CHARS), { showInWindowTitleBar: true });
  doc.setLanguage(PDF_LANGUAGE);
  const width = A4[0] - 2 * MARGIN;
  const lines: { text: string; font: typeof font }[] = [];
  for (const paragraph of input.text.replace(/\r\n?/g, '\n').split('\n')) {
    const drawable = clean.forFont(paragraph.replace(/\t/g, '    '), MAX_LINE_CHARS);
    if (!drawable) lines.push({ text: '', font });
    else for (const line of wrap(drawable, font, SIZE, width, Number.MAX_SAFE_INTEGER)) lines.push({ text: line, font });
  }
  lines.push({ text: '', font }, ...wrap(clean.forFont(input.approvalStatement, 500), bold, SIZE, width, 4).map((text) => ({ text, font: bold })));
  const perPage = Math.floor((A4[1] - 2 * MARGIN - LEADING) / LEADING);
  const pages = Math.max(1, Math.ceil(lines.length / perPage));
  const foot = clean.forFont(input.approvalStatement, 200);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage(A4);
    lines.slice(p * perPage, (p + 1) * perPage).forEach((line, i) => {
      if (line.text) page.drawText(line.text, { x: MARGIN, y: A4[1] - MARGIN - (i + 1) * LEADING, size: SIZE, font: line.font, color: rgb(0.1, 0.1, 0.1) });
    });
    page.drawText(
      Array.from(`${foot}  Page ${p + 1} of ${pages}`)
        .slice(0, 160)
        .join(''),
      { x: MARGIN, y: MARGIN / 2, size: 8, font, color: rgb(0.35, 0.35, 0.35) },
    );
  }
  if (clean.undrawable > 0) log().warn('Characters the font cannot draw were printed as "?" in the minutes PDF', { undrawable: clean.undrawable });
  return doc.save({ useObjectStreams: false });
}

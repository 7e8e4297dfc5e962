import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import type { PDFDocument, PDFPage } from '@cantoo/pdf-lib';

// WinAnsi bytes beyond Latin-1 that the test papers' Helvetica may draw.
const WIN_ANSI: Record<number, string> = { 0x85: '\u2026', 0x96: '\u2013', 0x92: '\u2019' };

type Decoder = (hex: string) => string;

/** A two-byte font's glyph ids read through its /ToUnicode map (pdf-lib writes one bfchar line per glyph). */
function toUnicode(font: PDFDict): Decoder | undefined {
  const cmap = font.lookup(PDFName.of('ToUnicode'));
  if (!(cmap instanceof PDFRawStream)) return undefined;
  const source = Buffer.from(decodePDFRawStream(cmap).decode()).toString('latin1');
  const glyphs = new Map<string, string>();
  for (const [, glyph, utf16] of source.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>/g)) {
    glyphs.set(glyph!.toLowerCase(), Buffer.from(utf16!, 'hex').swap16().toString('utf16le'));
  }
  return (hex) => (hex.toLowerCase().match(/.{4}/g) ?? []).map((glyph) => glyphs.get(glyph) ?? '\ufffd').join('');
}

const winAnsi: Decoder = (hex) => Array.from(Buffer.from(hex, 'hex'), (byte) => WIN_ANSI[byte] ?? String.fromCharCode(byte)).join('');

/** Each font resource of a page, by name, with the way its hex strings read as text. */
function decoders(doc: PDFDocument, page: PDFPage): Map<string, Decoder> {
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.Font, PDFDict);
  const result = new Map<string, Decoder>();
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = doc.context.lookup(ref, PDFDict);
    result.set(name.asString(), toUnicode(font) ?? winAnsi);
  }
  return result;
}

/**
 * The strings drawn on each page, one per `Tj`, read through the font each was drawn in: the pack's text
 * is glyph ids of an embedded subset, the test papers' WinAnsi bytes of Helvetica.
 */
export function pageTexts(doc: PDFDocument): string[][] {
  return doc.getPages().map((page) => {
    const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    const source = streams
      .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
      .map((s) => Buffer.from(decodePDFRawStream(s).decode()).toString('latin1'))
      .join('\n');
    const fonts = decoders(doc, page);
    let decode: Decoder = winAnsi;
    const drawn: string[] = [];
    for (const [, font, hex] of source.matchAll(/(\/[^\s/]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
      if (font !== undefined) decode = fonts.get(font) ?? winAnsi;
      else drawn.push(decode(hex!));
    }
    return drawn;
  });
}

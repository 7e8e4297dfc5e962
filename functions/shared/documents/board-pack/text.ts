import { StandardFonts } from '@cantoo/pdf-lib';
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import { cleanText } from '../../domain/text';

const ELLIPSIS = '\u2026';

/**
 * The pack's faces of Helvetica. The oblique one is embedded only when drawn (exempt items in the public
 * pack): reading a standard font's metrics is a measurable part of a cold build.
 */
export class Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  private oblique: PDFFont | undefined;

  constructor(private readonly doc: PDFDocument) {
    this.regular = doc.embedStandardFont(StandardFonts.Helvetica);
    this.bold = doc.embedStandardFont(StandardFonts.HelveticaBold);
  }

  /** Helvetica Oblique, embedded on first use. */
  get italic(): PDFFont {
    this.oblique ??= this.doc.embedStandardFont(StandardFonts.HelveticaOblique);
    return this.oblique;
  }
}

/**
 * Makes any value safe to draw with a standard font or to write as PDF metadata: `cleanText` (invisible and
 * reordering characters removed, whitespace collapsed, cut with "…"), then, for a font, characters it
 * cannot encode drawn as "?", so that no text can make drawing throw.
 */
export class TextCleaner {
  private readonly encodable: Set<number>;

  constructor(font: PDFFont) {
    // The three Helvetica faces share the WinAnsi encoding, so one character set serves them all.
    this.encodable = new Set(font.getCharacterSet());
  }

  /** Cleaned, then every character WinAnsi cannot encode replaced by "?". */
  forFont(value: unknown, maxChars: number): string {
    let drawable = '';
    for (const ch of cleanText(value, { maxChars })) drawable += this.encodable.has(ch.codePointAt(0)!) ? ch : '?';
    return drawable;
  }

  /** Cleaned only: metadata and bookmarks are Unicode, so accents and other scripts stay. */
  forMetadata(value: unknown, maxChars: number): string {
    return cleanText(value, { maxChars });
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

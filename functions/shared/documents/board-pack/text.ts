import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import { cleanText } from '../../domain/text';
import { drawableIn, embedFace, type Face } from '../pdf-fonts';

const ELLIPSIS = '\u2026';
/** What a character no face can draw (CJK, most emoji) becomes: visibly missing, never an empty box. */
const UNDRAWABLE = '?';

/**
 * The faces of DejaVu Sans a document draws with, embedded as subsets. The oblique face is embedded only
 * when asked for (exempt items in the public pack): each face is a file to read and a subset to write.
 */
export class Fonts {
  private constructor(
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    private readonly oblique: PDFFont | undefined,
    /** The faces embedded, for {@link TextCleaner}. */
    readonly faces: readonly Face[],
  ) {}

  /** Embeds the regular and bold faces in `doc`, and the oblique one when `italic` is true. */
  static async embed(doc: PDFDocument, options: { italic: boolean } = { italic: false }): Promise<Fonts> {
    const [regular, bold, oblique] = await Promise.all([
      embedFace(doc, 'regular'),
      embedFace(doc, 'bold'),
      options.italic ? embedFace(doc, 'oblique') : undefined,
    ]);
    return new Fonts(regular, bold, oblique, oblique ? ['regular', 'bold', 'oblique'] : ['regular', 'bold']);
  }

  /** The oblique face; only for documents embedded with `italic: true`. */
  get italic(): PDFFont {
    if (!this.oblique) throw new Error('The oblique face was not embedded in this document.');
    return this.oblique;
  }
}

/**
 * Makes any value safe to draw or to write as PDF metadata: `cleanText` (invisible and reordering characters
 * removed, NFC, whitespace collapsed, cut with "…"), then, for the fonts, every character they have no glyph
 * for drawn as "?" and counted, so that no text can make drawing throw or print an empty box unnoticed.
 */
export class TextCleaner {
  private readonly drawable: ReadonlySet<number>;
  /** Characters drawn as "?" so far: the caller logs them, as nobody sees them in the file. */
  undrawable = 0;

  constructor(fonts: Pick<Fonts, 'faces'>) {
    this.drawable = drawableIn(fonts.faces);
  }

  /** Cleaned, then every character the fonts cannot draw replaced by "?". */
  forFont(value: unknown, maxChars: number): string {
    let drawn = '';
    for (const ch of cleanText(value, { maxChars })) {
      if (this.drawable.has(ch.codePointAt(0)!)) {
        drawn += ch;
      } else {
        drawn += UNDRAWABLE;
        this.undrawable += 1;
      }
    }
    return drawn;
  }

  /** Cleaned only: metadata and bookmarks are Unicode, so every script stays. */
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

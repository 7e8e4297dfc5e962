import { readFile } from 'node:fs/promises';
import { PDFHexString } from '@cantoo/pdf-lib';
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import type * as FontkitModule from '@pdf-lib/fontkit';

/** The faces of DejaVu Sans the PDFs draw with: Latin (Vietnamese included), Greek and Cyrillic. */
export type Face = 'regular' | 'bold' | 'oblique';

const FILES: Record<Face, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  oblique: 'DejaVuSans-Oblique.ttf',
};

/**
 * The font files as the Lambda bundle holds them: esbuild's `file` loader (`.ttf`, infra/constructs/
 * task-function.ts) copies each beside the bundle and makes its `require` return the copy's relative
 * name. Only called in a bundle: run from the sources, Node would read a .ttf file as JavaScript.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a require in a function is what esbuild bundles yet evaluates only when called */
const BUNDLED: Record<Face, () => string> = {
  regular: () => require('dejavu-fonts-ttf/ttf/DejaVuSans.ttf') as string,
  bold: () => require('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf') as string,
  oblique: () => require('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf') as string,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Where a face's file is: in node_modules when run from the sources, else the copy beside the bundle. */
export function fontFile(face: Face): string {
  try {
    return require.resolve(`dejavu-fonts-ttf/ttf/${FILES[face]}`);
  } catch {
    // In the bundle `require` is the banner's, made for the bundle's own file: the copy resolves beside it.
    return require.resolve(BUNDLED[face]());
  }
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type FontkitFont = Awaited<ReturnType<Fontkit['create']>>;

let fontkit: Fontkit | undefined;
const files = new Map<Face, Promise<Uint8Array>>();
const parsed = new WeakMap<Uint8Array, FontkitFont>();
const characterSets = new Map<Face, ReadonlySet<number>>();
const intersections = new Map<string, ReadonlySet<number>>();

/**
 * @pdf-lib/fontkit, loaded for the first PDF with text, so that a function that draws nothing never
 * evaluates its 1.5 MB, and adapted twice:
 * - @cantoo/pdf-lib encodes a subset with `encode()` when there is one, as newer fontkits take it; this
 *   fontkit's `encode` wants a stream and throws without one, so its subset is offered with `encodeStream`
 *   alone, which pdf-lib reads instead.
 * - A face is parsed once per process (pdf-lib would parse it again for each document, and a pack build
 *   makes two); a parsed font is only read afterwards, each document taking a subset of its own.
 *
 * Its TrueType subsetter may write a short `loca` table without padding odd-length glyphs, which blanks
 * glyphs silently; DejaVu's glyph records all have even lengths, and test/unit/pdf-unicode.test.ts
 * compares the embedded glyphs with the originals.
 */
function loadFontkit(): Fontkit {
  if (fontkit) return fontkit;
  // `require`, not `import()`: the bundle evaluates a required module on first call, and jest runs no `import()`.
  // The bundle reads the package's ES module (a namespace with `default`), Node its UMD build (the engine itself).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const module = require('@pdf-lib/fontkit') as typeof FontkitModule & { default?: typeof FontkitModule };
  const engine = module.default ?? module;
  fontkit = {
    create(bytes: Uint8Array): FontkitFont {
      const cached = parsed.get(bytes);
      if (cached) return cached;
      const font = engine.create(bytes as Buffer);
      const createSubset = font.createSubset.bind(font);
      const layout = font.layout.bind(font);
      const getGlyph = font.getGlyph.bind(font);
      const adapted = Object.assign(font, {
        // fontkit keeps each glyph it makes, with the characters it was asked for: the subsetter asks for an
        // accented letter's parts (the "o" of "ó") with none, and the next document's /ToUnicode would then
        // give that glyph no text. A glyph asked for by its characters gets them back.
        getGlyph: (id: number, codePoints?: number[]) => {
          const glyph = getGlyph(id, codePoints);
          if (glyph && codePoints?.length && glyph.codePoints.length === 0) Object.assign(glyph, { codePoints });
          return glyph;
        },
        // One character of a simple script is its glyph: no shaper, whose tables take long to read.
        layout: (text: string, features?: Parameters<typeof layout>[1]) => {
          const code = text.codePointAt(0);
          if (code === undefined || text.length > 2 || String.fromCodePoint(code) !== text || !ONE_GLYPH_EACH.test(text)) return layout(text, features);
          return { glyphs: [font.glyphForCodePoint(code)] };
        },
        createSubset: () => {
          const subset = createSubset();
          return { includeGlyph: (glyph: number) => subset.includeGlyph(glyph), encodeStream: () => subset.encodeStream() };
        },
      }) as unknown as FontkitFont;
      parsed.set(bytes, adapted);
      return adapted;
    },
  };
  return fontkit;
}

/** A face's bytes, read from disk once per process and only when a document first draws with it. */
function fontBytes(face: Face): Promise<Uint8Array> {
  let bytes = files.get(face);
  if (!bytes) {
    // A Buffer, as fontkit reads its tables with Buffer's methods.
    bytes = readFile(fontFile(face));
    files.set(face, bytes);
  }
  return bytes;
}

/**
 * Embeds `face` in `doc` as a subset: only the glyphs drawn are written when the document is saved
 * (a few kilobytes where the whole face is 700).
 */
export async function embedFace(doc: PDFDocument, face: Face): Promise<PDFFont> {
  doc.registerFontkit(loadFontkit());
  const bytes = await fontBytes(face);
  const font = await doc.embedFont(bytes, { subset: true });
  if (!characterSets.has(face)) characterSets.set(face, new Set(font.getCharacterSet()));
  return withGlyphCache(font);
}

/**
 * Scripts whose characters each map to one glyph, as drawn: Latin (Vietnamese's precomposed letters too),
 * Greek, Cyrillic, punctuation, currency. Arabic or Hebrew need the whole string shaped and reordered.
 */
const ONE_GLYPH_EACH = /^[ -\u052f\u1e00-\u1fff\u2000-\u20cf\u2100-\u214f]*$/;

/**
 * Makes `font` encode and measure text in those scripts a character at a time, each looked up once per
 * document: fontkit shapes every string afresh (substitution and positioning lookups), and the two
 * stamps on each of a 600-page pack's pages made that most of the build's time. What Tj draws ignores
 * the shaping's positions anyway, so only ligatures (drawn as their letters instead) differ.
 */
function withGlyphCache(font: PDFFont): PDFFont {
  const encode = font.encodeText.bind(font);
  const measure = font.widthOfTextAtSize.bind(font);
  const hex = new Map<string, string>();
  const width = new Map<string, number>();
  return Object.assign(font, {
    encodeText(text: string): PDFHexString {
      if (!ONE_GLYPH_EACH.test(text)) return encode(text);
      let glyphs = '';
      for (const ch of text) {
        let glyph = hex.get(ch);
        if (glyph === undefined) {
          glyph = encode(ch).asString();
          hex.set(ch, glyph);
        }
        glyphs += glyph;
      }
      return PDFHexString.of(glyphs);
    },
    widthOfTextAtSize(text: string, size: number): number {
      if (!ONE_GLYPH_EACH.test(text)) return measure(text, size);
      let total = 0;
      for (const ch of text) {
        let advance = width.get(ch);
        if (advance === undefined) {
          advance = measure(ch, 1000);
          width.set(ch, advance);
        }
        total += advance;
      }
      return (total * size) / 1000;
    },
  });
}

/** The code points every one of `faces` can draw (known once each face has been embedded somewhere). */
export function drawableIn(faces: readonly Face[]): ReadonlySet<number> {
  const key = [...faces].sort().join('+');
  let drawable = intersections.get(key);
  if (drawable) return drawable;
  const sets = faces.map((face) => characterSets.get(face));
  const [first, ...rest] = sets;
  if (!first || rest.some((s) => !s)) throw new Error(`Embed the faces ${faces.join(', ')} before asking what they can draw.`);
  drawable = rest.length === 0 ? first : new Set([...first].filter((code) => rest.every((s) => s!.has(code))));
  intersections.set(key, drawable);
  return drawable;
}

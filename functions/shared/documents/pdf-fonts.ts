import { readFile } from 'node:fs/promises';
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
      const adapted = Object.assign(font, {
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
  return font;
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

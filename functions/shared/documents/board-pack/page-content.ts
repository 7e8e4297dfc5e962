import { PDFArray, PDFDict, PDFName, PDFRef, rgb } from '@cantoo/pdf-lib';
import type { PDFFont, PDFPage } from '@cantoo/pdf-lib';

/** The pack's own pages: A4 portrait, in points. */
export const A4: [number, number] = [595.28, 841.89];
/** Margin of the cover and agenda pages. */
export const MARGIN = 56;
/** Colour of the text. */
export const INK = rgb(0.1, 0.1, 0.1);
/** Colour of secondary text: notes, labels and the page stamps. */
export const GREY = rgb(0.35, 0.35, 0.35);

type Color = ReturnType<typeof rgb>;

const ASCII = new TextEncoder();

/** Content bytes of a page, as a stream to add to its /Contents. */
export function contentStream(page: PDFPage, content: string): PDFRef {
  const { context } = page.doc;
  return context.register(context.stream(ASCII.encode(content)));
}

/**
 * Writes a page's text as content bytes: one text object per line, in the page's own font resources.
 * pdf-lib's `drawText` builds an operator object per token and deflates the stream, which on a cold start
 * costs more than the few kilobytes it saves.
 */
export class TextCanvas {
  private content = '';
  private readonly keys = new Map<PDFFont, PDFName>();

  constructor(private readonly page: PDFPage) {}

  /** Adds one line of text, already cleaned for `font`, with its baseline starting at (x, y). */
  drawText(text: string, options: { x: number; y: number; size: number; font: PDFFont; color: Color }): void {
    const { x, y, size, font, color } = options;
    let key = this.keys.get(font);
    if (!key) {
      key = fontKey(this.page, font);
      this.keys.set(font, key);
    }
    this.content += `BT ${fill(color)} ${key.toString()} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm ${font.encodeText(text).toString()} Tj ET\n`;
  }

  /** Adds what was drawn to the page as one content stream. */
  flush(): void {
    if (this.content) contentsArray(this.page).push(contentStream(this.page, this.content));
    this.content = '';
  }
}

/** The operator that sets the fill colour. */
export function fill({ red, green, blue }: Color): string {
  return `${num(red)} ${num(green)} ${num(blue)} rg`;
}

/** A number as PDF content wants it: at most three decimals, never an exponent. */
export function num(value: number): string {
  return String(Number(value.toFixed(3)) + 0);
}

/**
 * The page's own /Contents array, to add streams to: a single stream is wrapped in one, a page without
 * content gets an empty one, and an array held by reference (which other pages may share) is copied.
 */
export function contentsArray(page: PDFPage): PDFArray {
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
export function fontKey(page: PDFPage, font: PDFFont): PDFName {
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

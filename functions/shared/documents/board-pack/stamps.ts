import type { PDFDocument, PDFFont, PDFName, PDFPage } from '@cantoo/pdf-lib';
import { contentsArray, contentStream, fill, fontKey, GREY, num } from './page-content';

/** The pages of the pack that hold one item's paper. */
export interface PaperRun {
  itemNumber: number;
  /** 1-based page of the pack. */
  firstPage: number;
  count: number;
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
export function stampPages(out: PDFDocument, pages: PDFPage[], runs: PaperRun[], font: PDFFont): void {
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
    contents.push(contentStream(page, content));
  });
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

import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFPageLeaf, PDFPageTree, PDFRef, PDFStream } from '@cantoo/pdf-lib';
import { UploadRejectedError } from '../domain/errors';

/** What {@link inspectPdf} learned about an accepted PDF. */
export interface PdfInspection {
  /** Number of pages, as the board pack will count them. */
  pages: number;
}

/** A PDF that passed every check, parsed and ready to copy pages from. */
export interface CheckedPdf {
  doc: PDFDocument;
  pages: number;
  /** The pages' references, in document order, as the page tree lists them. */
  pageRefs: PDFRef[];
}

// The messages go to the presenter who uploaded the file, so each one says what to do next.
const NOT_A_PDF = 'The file is not a PDF. Please save or export the paper as PDF and upload it again.';
const ENCRYPTED =
  'The PDF is password-protected or encrypted, so it cannot go into the board pack. ' +
  'Please save a copy without a password or security restrictions (or print it to a new PDF) and upload that.';
const INCOMPLETE =
  'The PDF is incomplete: it looks cut off, as if it did not finish saving or uploading. ' +
  'Please upload it again; if that fails too, export a fresh PDF from the original document.';
const DAMAGED = 'The PDF is damaged and cannot be read. Please export a fresh PDF from the original document and upload it again.';
const NO_PAGES = 'The PDF has no pages. Please check that you exported the right document and upload it again.';

const HEADER = '%PDF-';
const EOF_MARKER = '%%EOF';
// ISO 32000-1 §7.5.5: readers look for %%EOF in the last 1024 bytes; tolerating that much trailing junk
// matches what Acrobat accepts while still catching a file cut off in the middle.
const EOF_WINDOW = 1024;

/**
 * Checks that an uploaded paper is a PDF the board pack can use, and counts its pages.
 *
 * Refuses, with an {@link UploadRejectedError} whose message tells the presenter what to do: a file that
 * is not a PDF, one that is encrypted or password-protected (even "owner password only": its content
 * cannot be copied into the pack), one that is cut off or damaged, and one with no pages.
 */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfInspection> {
  const { pages } = await loadCheckedPdf(bytes);
  return { pages };
}

/**
 * The checks of {@link inspectPdf}, returning the parsed document as well, so that the board pack
 * re-checks each paper as it loads it and parses it only once.
 *
 * The page tree is verified (no missing page, no cycle) and its /Parent links repaired in memory, because
 * pdf-lib follows both without guarding against loops.
 */
export async function loadCheckedPdf(bytes: Uint8Array): Promise<CheckedPdf> {
  if (!startsWith(bytes, HEADER)) throw new UploadRejectedError(NOT_A_PDF);

  let doc: PDFDocument;
  try {
    // ignoreEncryption so that an encrypted file is reported as such (below) rather than as a parse error.
    // throwOnInvalidObject because pdf-lib otherwise skips an unreadable object and silently drops pages.
    doc = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      throwOnInvalidObject: true,
      parseSpeed: ParseSpeeds.Fastest,
      updateMetadata: false,
    });
  } catch (cause) {
    // Encrypted object streams cannot be parsed at all; the trailer's /Encrypt key still tells us why.
    if (mentionsEncrypt(bytes)) throw new UploadRejectedError(ENCRYPTED, { cause });
    if (!hasEofMarker(bytes)) throw new UploadRejectedError(INCOMPLETE, { cause });
    throw new UploadRejectedError(DAMAGED, { cause });
  }
  if (doc.isEncrypted) throw new UploadRejectedError(ENCRYPTED);
  // pdf-lib rebuilds a truncated file from the objects it finds and reports fewer pages without a word:
  // the missing end-of-file marker is what gives a cut-off upload away.
  if (!hasEofMarker(bytes)) throw new UploadRejectedError(INCOMPLETE);

  let pageRefs: PDFRef[];
  try {
    pageRefs = verifyPageTree(doc);
  } catch (cause) {
    throw new UploadRejectedError(DAMAGED, { cause });
  }
  if (pageRefs.length === 0) throw new UploadRejectedError(NO_PAGES);
  return { doc, pages: pageRefs.length, pageRefs };
}

/**
 * Walks /Pages from the catalog and returns the pages' references in document order. Throws if a page is missing, a node is
 * reached twice (a loop, which would hang pdf-lib's own traversal), a page has no usable MediaBox or its
 * /Contents point at nothing. Sets every kid's /Parent to the node that lists it: pdf-lib climbs /Parent
 * for inherited attributes, and a wrong one would loop or inherit the wrong page size.
 */
function verifyPageTree(doc: PDFDocument): PDFRef[] {
  const { context } = doc;
  const rootRef = doc.catalog.get(PDFName.of('Pages'));
  const root = context.lookup(rootRef);
  if (!(rootRef instanceof PDFRef) || !(root instanceof PDFPageTree)) throw new Error('The catalog has no page tree');
  root.delete(PDFName.of('Parent'));

  const seen = new Set<PDFRef>([rootRef]);
  const stack: PDFRef[] = [rootRef];
  const pages: PDFRef[] = [];
  while (stack.length > 0) {
    const nodeRef = stack.pop()!;
    const node = context.lookup(nodeRef);
    if (node instanceof PDFPageLeaf) {
      checkPage(doc, node);
      pages.push(nodeRef);
      continue;
    }
    if (!(node instanceof PDFPageTree)) throw new Error(`Page tree node ${nodeRef.toString()} is missing or not a page`);
    const kids = context.lookup(node.get(PDFName.of('Kids')));
    if (!(kids instanceof PDFArray)) throw new Error(`Page tree node ${nodeRef.toString()} has no /Kids`);
    // Pushed in reverse so that pages are visited, and listed, in document order.
    for (let i = kids.size() - 1; i >= 0; i -= 1) {
      const kidRef = kids.get(i);
      if (!(kidRef instanceof PDFRef)) throw new Error(`Page tree node ${nodeRef.toString()} lists a kid that is not a reference`);
      if (seen.has(kidRef)) throw new Error(`Page tree node ${kidRef.toString()} is reached twice`);
      seen.add(kidRef);
      const kid = context.lookup(kidRef);
      if (kid instanceof PDFDict) kid.set(PDFName.of('Parent'), nodeRef);
      stack.push(kidRef);
    }
  }
  return pages;
}

function checkPage(doc: PDFDocument, page: PDFPageLeaf): void {
  const { context } = doc;
  const box = context.lookup(page.getInheritableAttribute(PDFName.of('MediaBox')));
  const numbers = box instanceof PDFArray ? box.asArray().map((n) => context.lookup(n)) : [];
  if (numbers.length !== 4 || !numbers.every((n) => n instanceof PDFNumber)) throw new Error('A page has no usable MediaBox');
  const [x0, y0, x1, y1] = (numbers as PDFNumber[]).map((n) => n.asNumber()) as [number, number, number, number];
  if (!(Math.abs(x1 - x0) > 0 && Math.abs(y1 - y0) > 0)) throw new Error('A page has an empty MediaBox');

  const contentsRef = page.get(PDFName.of('Contents'));
  if (contentsRef === undefined) return; // a blank page is legitimate
  const contents = context.lookup(contentsRef);
  const streams = contents instanceof PDFArray ? contents.asArray().map((s) => context.lookup(s)) : [contents];
  if (!streams.every((s) => s instanceof PDFStream)) throw new Error('A page refers to content that is not in the file');
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  if (bytes.length < ascii.length) return false;
  for (let i = 0; i < ascii.length; i += 1) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

function hasEofMarker(bytes: Uint8Array): boolean {
  return latin1(bytes.subarray(Math.max(0, bytes.length - EOF_WINDOW))).includes(EOF_MARKER);
}

/** Whether a trailer or cross-reference stream dictionary names an /Encrypt dictionary. */
function mentionsEncrypt(bytes: Uint8Array): boolean {
  return /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/.test(latin1(bytes));
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

import { PDFArray, PDFDict, PDFName, PDFNumber, PDFPage, PDFPageLeaf, PDFPageTree, PDFRef, PDFStream } from '@cantoo/pdf-lib';
import type { PDFContext, PDFDocument, PDFObject } from '@cantoo/pdf-lib';
import { UploadRejectedError } from '../../domain/errors';
import { cleanText } from '../../domain/text';
import { loadCheckedPdf, type CheckedPdf } from '../pdf-check';
import type { PaperSource } from './types';

/**
 * Loads, checks and appends one paper's pages to `out`, and returns them. Nothing of the paper is kept
 * but what its pages use: its bytes and parsed document can be collected as soon as this returns.
 *
 * @throws UploadRejectedError when the paper is no longer a usable PDF (the message names the item and file).
 */
export async function appendPaper(out: PDFDocument, itemNumber: number, paper: PaperSource): Promise<PDFPage[]> {
  let source: CheckedPdf;
  try {
    source = await loadCheckedPdf('bytes' in paper ? paper.bytes : await paper.load());
  } catch (error) {
    if (!(error instanceof UploadRejectedError)) throw error;
    // Said for the secretariat, who sees the failed pack: which item, which file, and the presenter's remedy.
    const fileName = cleanText(paper.fileName, { maxChars: 120 });
    throw new UploadRejectedError(`The paper for item ${itemNumber} (${fileName}): ${error.message}`, { cause: error });
  }
  const leaves = movePages(source.doc.context, out.context, source.pageRefs);
  return attachPages(out, leaves);
}

const { InheritableEntries } = PDFPageLeaf;

/**
 * Moves the given pages, and every object they refer to, from a parsed paper into the pack, renumbering
 * references on the way; returns the pages' new references. Objects the pages do not use (the paper's
 * catalog, outline, metadata, forms) are left behind.
 *
 * This is what `PDFDocument.copyPages` does, less its cloning: the paper is parsed for this one use and
 * dropped afterwards, so its objects can change owner instead of being copied (every dictionary, array
 * and stream twice in memory, and the build's largest source of garbage). Like the copier, each page
 * takes over the attributes it inherited from its page tree (resources, boxes, rotation) and loses its
 * /Parent, so that the paper's page tree is not dragged along.
 */
function movePages(from: PDFContext, to: PDFContext, pages: readonly PDFRef[]): PDFRef[] {
  const renumbered = new Map<PDFRef, PDFRef>();
  const pending: PDFRef[] = [];
  const adopted = new Set<PDFObject>();
  const newRef = (ref: PDFRef): PDFRef => {
    let moved = renumbered.get(ref);
    if (!moved) {
      moved = to.nextRef();
      renumbered.set(ref, moved);
      pending.push(ref);
    }
    return moved;
  };
  const adopt = (object: PDFObject): void => {
    // A direct object can be reached twice once inherited attributes are shared by several pages.
    if (adopted.has(object)) return;
    if (object instanceof PDFStream) {
      adopt(object.dict);
    } else if (object instanceof PDFDict) {
      adopted.add(object);
      if (object instanceof PDFPageLeaf) detachFromTree(object);
      setContext(object, to);
      for (const [key, value] of object.entries()) {
        if (value instanceof PDFRef) object.set(key, newRef(value));
        else adopt(value);
      }
    } else if (object instanceof PDFArray) {
      adopted.add(object);
      setContext(object, to);
      for (let i = 0; i < object.size(); i += 1) {
        const value = object.get(i);
        if (value instanceof PDFRef) object.set(i, newRef(value));
        else adopt(value);
      }
    }
  };
  // All pages first: a page's inherited attributes are read through its ancestors, which must not have
  // been renumbered yet.
  for (const page of pages) detachFromTree(from.lookup(page, PDFDict) as PDFPageLeaf);
  const refs = pages.map(newRef);
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    const object = from.lookup(ref);
    // A reference to an object the paper does not have stays dangling, which readers take as null.
    if (object === undefined) continue;
    adopt(object);
    to.assign(renumbered.get(ref)!, object);
  }
  return refs;
}

/** Gives a page the attributes it inherits, then cuts it from its page tree. */
function detachFromTree(page: PDFPageLeaf): void {
  for (const name of InheritableEntries) {
    const key = PDFName.of(name);
    if (page.get(key) !== undefined) continue;
    const inherited = page.getInheritableAttribute(key);
    if (inherited !== undefined) page.set(key, inherited);
  }
  page.delete(PDFName.Parent);
}

/** pdf-lib offers no way to hand an object to another document; its owner is a plain property. */
function setContext(object: PDFDict | PDFArray, context: PDFContext): void {
  (object as { context: PDFContext }).context = context;
}

/**
 * Hangs a paper's pages under one new node of the pack's page tree. `PDFDocument.addPage` walks every
 * page already in the document to find the end, which made adding 600 pages quadratic.
 */
function attachPages(out: PDFDocument, leaves: readonly PDFRef[]): PDFPage[] {
  const { context } = out;
  const rootRef = out.catalog.get(PDFName.of('Pages')) as PDFRef;
  const root = out.catalog.Pages();
  const node = PDFPageTree.withContext(context, rootRef);
  node.set(PDFName.of('Kids'), context.obj([...leaves]));
  node.set(PDFName.of('Count'), PDFNumber.of(leaves.length));
  const nodeRef = context.register(node);
  root.Kids().push(nodeRef);
  root.set(PDFName.of('Count'), PDFNumber.of(root.Count().asNumber() + leaves.length));
  return leaves.map((ref) => {
    const leaf = context.lookup(ref, PDFDict) as PDFPageLeaf;
    leaf.set(PDFName.Parent, nodeRef);
    return PDFPage.of(leaf, ref, out);
  });
}

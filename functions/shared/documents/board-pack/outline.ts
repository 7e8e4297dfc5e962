import { PDFHexString, PDFName } from '@cantoo/pdf-lib';
import type { PDFDocument, PDFPage } from '@cantoo/pdf-lib';
import type { AgendaEntry } from './agenda-pages';

/**
 * Writes /Outlines with one top-level bookmark per item (pdf-lib has no API for it; the structure is ISO
 * 32000-1 §12.3.3). A bookmark goes to the item's first paper page, or to the agenda page that lists it
 * when it has no paper in this pack. Titles are UTF-16 strings, so names keep their accents there.
 */
export function addOutline(out: PDFDocument, pages: PDFPage[], entries: AgendaEntry[]): void {
  if (entries.length === 0) return;
  const { context } = out;
  const outlinesRef = context.nextRef();
  const itemRefs = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const target = pages[(entry.startPage ?? entry.agendaPage!) - 1]!;
    const dict = context.obj({
      Title: PDFHexString.fromText(entry.outlineTitle),
      Parent: outlinesRef,
      // /Fit rather than /XYZ with coordinates: papers differ in size, crop and rotation.
      Dest: [target.ref, PDFName.of('Fit')],
    });
    if (i > 0) dict.set(PDFName.of('Prev'), itemRefs[i - 1]!);
    if (i < entries.length - 1) dict.set(PDFName.of('Next'), itemRefs[i + 1]!);
    context.assign(itemRefs[i]!, dict);
  });
  context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: itemRefs[0]!, Last: itemRefs[itemRefs.length - 1]!, Count: entries.length }));
  out.catalog.set(PDFName.of('Outlines'), outlinesRef);
  // Open with the bookmarks panel showing: it is the quickest way round a 600-page pack.
  out.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

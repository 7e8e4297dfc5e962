import { PDFDocument } from '@cantoo/pdf-lib';
import { minutesPdf } from '../../functions/shared/documents/minutes-pdf';

describe('minutesPdf', () => {
  it('lays long minutes over several A4 pages and survives text the font cannot draw', async () => {
    const text =
      Array.from({ length: 150 }, (_, i) => `${i + 1}. ${'The Board discussed the paper at length. '.repeat(3)}`).join('\n\n') +
      '\n\u202Eevil 中文 ✓\t<script>';
    const pdf = await minutesPdf({ title: 'Board: minutes', text, approvalStatement: 'Approved by Alex Morgan on Tuesday 5 January 2027 (version 2).' });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThan(3);
    expect(doc.getTitle()).toBe('Board: minutes');
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('cleans the title readers show: no bidi override, control character or runaway length', async () => {
    const title = `Board\u202E: minutes\u0007 ${'x'.repeat(500)}`;
    const doc = await PDFDocument.load(await minutesPdf({ title, text: 'Minutes.', approvalStatement: 'Approved.' }));
    const shown = doc.getTitle() ?? '';
    expect(shown.startsWith('Board: minutes x')).toBe(true);
    expect(shown.includes('\u202E') || shown.includes('\u0007')).toBe(false);
    expect(Array.from(shown).length).toBeLessThanOrEqual(300);
  });
});

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
});

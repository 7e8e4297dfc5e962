import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { UploadRejectedError } from '../../functions/shared/domain/errors';
import { inspectPdf } from '../../functions/shared/documents/pdf-check';

async function makePdf(pages: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i += 1) doc.addPage([595, 842]).drawText(`Page ${i} of the paper`, { x: 72, y: 720, size: 14, font });
  return doc;
}

/** A PDF written by hand, for structures pdf-lib will not produce (an /Encrypt it cannot read, an empty or looping page tree). */
function handMadePdf(objects: string[], trailerExtra = ''): Uint8Array {
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

const onePage = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  '<< /Length 0 >>\nstream\n\nendstream',
];

async function rejection(bytes: Uint8Array): Promise<UploadRejectedError> {
  const error: unknown = await inspectPdf(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UploadRejectedError);
  return error as UploadRejectedError;
}

describe('inspectPdf', () => {
  it('accepts a PDF and counts its pages', async () => {
    const bytes = await (await makePdf(7)).save();
    await expect(inspectPdf(bytes)).resolves.toEqual({ pages: 7 });
  });

  it('accepts a hand-written PDF without object streams', async () => {
    await expect(inspectPdf(handMadePdf(onePage))).resolves.toEqual({ pages: 1 });
  });

  it.each([
    ['an empty file', new Uint8Array()],
    ['a PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['a Word document (zip)', new Uint8Array(Buffer.from('PK\u0003\u0004word/document.xml', 'latin1'))],
    ['HTML', new Uint8Array(Buffer.from('<!doctype html><p>%PDF-1.7</p>'))],
  ])('refuses %s as not a PDF', async (_name, bytes) => {
    expect((await rejection(bytes)).message).toMatch(/not a PDF.*export the paper as PDF/);
  });

  it('refuses a PDF that needs a password to open', async () => {
    const doc = await makePdf(2);
    doc.encrypt({ userPassword: 'secret', ownerPassword: 'owner' });
    expect((await rejection(await doc.save())).message).toMatch(/password-protected.*without a password/);
  });

  it('refuses a PDF that opens without a password but carries owner restrictions', async () => {
    const doc = await makePdf(2);
    doc.encrypt({ ownerPassword: 'owner', permissions: { printing: 'highResolution', copying: false } });
    expect((await rejection(await doc.save())).message).toMatch(/password-protected/);
  });

  it('refuses a PDF whose trailer names an /Encrypt dictionary', async () => {
    const bytes = handMadePdf(
      [...onePage, '<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>'],
      '/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ',
    );
    expect((await rejection(bytes)).message).toMatch(/password-protected/);
  });

  it('refuses a PDF cut off part-way, which pdf-lib alone would open with fewer pages', async () => {
    const bytes = await (await makePdf(10)).save({ useObjectStreams: false });
    for (const fraction of [0.9, 0.6, 0.3]) {
      const cut = bytes.subarray(0, Math.floor(bytes.length * fraction));
      expect((await rejection(cut)).message).toMatch(/incomplete.*upload it again/);
    }
  });

  it('refuses a PDF damaged in the middle', async () => {
    const bytes = await (await makePdf(5)).save({ useObjectStreams: false });
    const damaged = Uint8Array.from(bytes);
    const middle = Math.floor(damaged.length / 2);
    damaged.fill(0x41, middle - 300, middle + 300);
    expect((await rejection(damaged)).message).toMatch(/damaged.*export a fresh PDF/);
  });

  it('refuses a page tree that lists a page missing from the file', async () => {
    const bytes = handMadePdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 >>', onePage[2]!, onePage[3]!]);
    expect((await rejection(bytes)).message).toMatch(/damaged/);
  });

  it('refuses a page tree that loops instead of hanging', async () => {
    const bytes = handMadePdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>',
    ]);
    expect((await rejection(bytes)).message).toMatch(/damaged/);
  });

  it('refuses a PDF with no pages', async () => {
    const bytes = handMadePdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
    expect((await rejection(bytes)).message).toMatch(/no pages/);
  });

  it('refuses bytes that only start like a PDF', async () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4_000, 0x5a), Buffer.from('\n%%EOF\n')]));
    expect((await rejection(bytes)).message).toMatch(/damaged/);
  });
});

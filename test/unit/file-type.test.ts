import { crc32 } from 'node:zlib';
import { UploadRejectedError } from '../../functions/shared/domain/errors';
import { checkAppendixType, describeFile, fileTypeLabel, sniffFileType } from '../../functions/shared/documents/file-type';
import { makePdf } from '../../local/people';

/**
 * A real zip (stored, not deflated: APPNOTE.TXT §4.3): local headers, the central directory and its end
 * record, with correct CRCs, so that any unzip tool would open it.
 */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';

const docx = () => zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS, 'word/document.xml': '<w:document/>' });
const xlsx = () =>
  zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS, 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': '<worksheet/>' });
const pptx = () => zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS, 'ppt/presentation.xml': '<p:presentation/>' });

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(17)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF\0'), Buffer.alloc(32)]);

const rejection = (bytes: Uint8Array): string => {
  try {
    checkAppendixType(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(UploadRejectedError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('sniffFileType', () => {
  it('reads a PDF from its header', () => {
    expect(sniffFileType(makePdf('Budget'))?.kind).toBe('pdf');
    expect(sniffFileType(makePdf('Budget'))?.contentType).toBe('application/pdf');
  });

  it('tells Word, Excel and PowerPoint apart by the parts inside the zip', () => {
    expect(sniffFileType(docx())).toMatchObject({
      kind: 'docx',
      label: 'Word document',
      extension: 'docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(sniffFileType(xlsx())).toMatchObject({
      kind: 'xlsx',
      label: 'Excel workbook',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(sniffFileType(pptx())).toMatchObject({ kind: 'pptx', label: 'PowerPoint presentation' });
  });

  it('reads the zip directory from the end, past a trailing comment', () => {
    const withComment = xlsx();
    withComment.writeUInt16LE(7, withComment.length - 2);
    expect(sniffFileType(Buffer.concat([withComment, Buffer.from('comment')]))?.kind).toBe('xlsx');
  });

  it('refuses a zip that is not an Office document, one with macros and one cut off', () => {
    expect(sniffFileType(zip({ 'word/document.xml': '<w:document/>' }))).toBeUndefined();
    expect(sniffFileType(zip({ '[Content_Types].xml': CONTENT_TYPES, 'docs/readme.txt': 'hello' }))).toBeUndefined();
    expect(sniffFileType(zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': 'VBA' }))).toBeUndefined();
    const whole = docx();
    expect(sniffFileType(whole.subarray(0, whole.length - 30))).toBeUndefined();
  });

  it('reads PNG and JPEG from their signatures', () => {
    expect(sniffFileType(PNG)).toMatchObject({ kind: 'png', contentType: 'image/png', label: 'PNG image' });
    expect(sniffFileType(JPEG)).toMatchObject({ kind: 'jpeg', contentType: 'image/jpeg', extension: 'jpg' });
  });

  it('takes UTF-8 text with the same number of fields on every line as CSV', () => {
    const csv = 'Budget line,Amount,Note\r\nRent,1200,"Monthly, in advance"\r\n\r\nStaff,"5,400","Two\nlines"\r\n';
    expect(sniffFileType(Buffer.from(csv))).toMatchObject({ kind: 'csv', contentType: 'text/csv; charset=utf-8', extension: 'csv' });
    expect(sniffFileType(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Naïve,Café\nÉté,Noël')]))?.kind).toBe('csv');
  });

  it('takes other UTF-8 text without NULs as plain text', () => {
    expect(sniffFileType(Buffer.from('Notes from the finance working group\nThe budget, as agreed.\n'))).toMatchObject({
      kind: 'text',
      contentType: 'text/plain; charset=utf-8',
    });
    expect(sniffFileType(Buffer.from('one line, with a comma'))?.kind).toBe('text');
  });

  it('refuses binary files, UTF-16 and text that is not valid UTF-8', () => {
    expect(sniffFileType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBeUndefined();
    expect(sniffFileType(Buffer.from('\ufeffHello', 'utf16le'))).toBeUndefined();
    expect(sniffFileType(Buffer.from([0x48, 0x69, 0xff, 0xfe, 0x21]))).toBeUndefined();
    expect(sniffFileType(new Uint8Array(0))).toBeUndefined();
  });

  it('goes by the bytes, never the name: a PNG is a PNG whatever it was called', () => {
    // The name never reaches the sniffer; the point is that a renamed file keeps its real type.
    expect(sniffFileType(PNG)?.kind).toBe('png');
    expect(sniffFileType(Buffer.from('%PDF-1.7 but really short'))?.kind).toBe('pdf');
  });
});

describe('checkAppendixType', () => {
  it('returns the type of an allowed appendix', () => {
    expect(checkAppendixType(xlsx()).label).toBe('Excel workbook');
  });

  it('refuses anything else with a message naming what is allowed', () => {
    const message = rejection(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'));
    for (const allowed of ['PDF', 'Word (.docx)', 'Excel (.xlsx)', 'PowerPoint (.pptx)', 'PNG', 'JPEG', 'CSV', 'plain text'])
      expect(message).toContain(allowed);
  });

  it('says why a macro-enabled or old-format Office file is refused', () => {
    expect(rejection(zip({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': '<workbook/>', 'xl/vbaProject.bin': 'VBA' }))).toMatch(/macros/);
    expect(rejection(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]))).toMatch(/older Office format/);
  });
});

describe('describing a stored file', () => {
  it('names the type from the stored Content-Type and gives the size with its unit', () => {
    expect(fileTypeLabel('text/csv; charset=utf-8')).toBe('CSV file');
    expect(fileTypeLabel('application/x-unknown')).toBe('file');
    expect(describeFile({ contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 1_258_291 })).toBe('Excel workbook, 1.2 MB');
    expect(describeFile({ contentType: 'application/pdf', size: 2048, pages: 1 })).toBe('PDF, 2 KB, 1 page');
  });
});

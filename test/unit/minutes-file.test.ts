import JSZip from 'jszip';
import { ValidationError } from '../../functions/shared/domain/errors';
import { readMinutesText } from '../../functions/shared/documents/minutes-file';
import { parseMinutes } from '../../functions/shared/minutes';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The smallest .docx Word and mammoth accept: one paragraph per entry, "\t" as a Word tab. */
async function docx(paragraphs: readonly string[]): Promise<Buffer> {
  const body = paragraphs
    .map(
      (p) =>
        `<w:p><w:r>${p
          .split('\t')
          .map((part) => `<w:t xml:space="preserve">${xmlText(part)}</w:t>`)
          .join('<w:tab/>')}</w:r></w:p>`,
    )
    .join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
  );
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('readMinutesText', () => {
  it('reads a .txt as UTF-8 without its byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Mayor’s Office\nPresent\n', 'utf8')]);
    await expect(readMinutesText('minutes.txt', bytes)).resolves.toBe('Mayor’s Office\nPresent\n');
  });

  it('reads a .md and is not fooled by an upper-case extension', async () => {
    await expect(readMinutesText('MINUTES.MD', Buffer.from('# Board\n'))).resolves.toBe('# Board\n');
  });

  it('reads a Windows-1252 text export instead of mangling it', async () => {
    await expect(readMinutesText('minutes.txt', Buffer.from([0x4d, 0x61, 0x79, 0x6f, 0x72, 0x92, 0x73]))).resolves.toBe('Mayor’s');
  });

  it('reads the paragraphs of a real .docx, tabs included, and they parse as minutes', async () => {
    const bytes = await docx([
      'Riverside Board',
      'Minutes of Meeting',
      'Tuesday 10 March 2015, 3:30 City Hall',
      'Present',
      'Jane Smith\tChair',
      'Tom Brown\tMOPAC',
      'ITEM 1. Welcome & introductions',
      'Action 1: MOPAC to circulate the paper by 30 June 2015.',
    ]);
    const text = await readMinutesText('minutes.docx', bytes);
    expect(text).toContain('Jane Smith\tChair\n\nTom Brown\tMOPAC');
    const m = parseMinutes(text);
    expect(m.meeting).toMatchObject({ date: '2015-03-10', time: '15:30', venue: 'City Hall' });
    expect(m.present.map((p) => `${p.name}|${p.role}`)).toEqual(['Jane Smith|Chair', 'Tom Brown|MOPAC']);
    expect(m.items[0]!.title).toBe('Welcome & introductions');
    expect(m.actions).toEqual([{ number: 1, item: '1', owners: ['MOPAC'], text: 'MOPAC to circulate the paper by 30 June 2015.', due: '2015-06-30' }]);
  });

  it('refuses a ".docx" that is plain text', async () => {
    const read = readMinutesText('minutes.docx', Buffer.from('Present\nJane Smith\n'));
    await expect(read).rejects.toThrow(ValidationError);
    await expect(read).rejects.toThrow(/^minutes\.docx is not a \.docx file \(.+\)\.$/);
  });

  it('refuses a zip that is not a Word document', async () => {
    const zip = new JSZip();
    zip.file('notes.txt', 'hello');
    await expect(readMinutesText('notes.docx', await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toThrow(/^notes\.docx is not a \.docx file \(/);
  });

  it.each([['minutes.pdf'], ['minutes.doc'], ['minutes']])('refuses %s and names the accepted types', async (name) => {
    const read = readMinutesText(name, Buffer.from('Present'));
    await expect(read).rejects.toThrow(ValidationError);
    await expect(read).rejects.toThrow(`${name}: minutes must be a .txt, .md or .docx file`);
  });
});

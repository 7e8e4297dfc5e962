import path from 'node:path';
import mammoth from 'mammoth';
import { ValidationError } from '../domain/errors';

/** The file types `readMinutesText` reads, by extension. */
export const MINUTES_EXTENSIONS = ['.txt', '.md', '.docx'] as const;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** What a file that should be text starts like instead, from its first bytes; undefined when it may be text. */
function startsLikeBinary(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return 'a zip archive (a .docx is one)';
  if (bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return 'a PDF';
  if (bytes.subarray(0, OLE_MAGIC.length).equals(OLE_MAGIC)) return 'an old-style Word (.doc) or other Office file';
  // UTF-16 text has NULs in every other byte; it says so with its BOM. Text of any other encoding has none.
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) return 'not text (it holds binary data)';
  return undefined;
}

interface DocxElement {
  type: string;
  value?: string;
  children?: DocxElement[];
}

/** A paragraph ends with a blank line, a line break (Shift+Enter in Word) is a line end, a tab a tab. */
function plainText(element: DocxElement): string {
  if (element.type === 'text') return element.value ?? '';
  if (element.type === 'tab') return '\t';
  if (element.type === 'break') return '\n';
  const inner = (element.children ?? []).map(plainText).join('');
  return element.type === 'paragraph' ? `${inner}\n\n` : inner;
}

/**
 * The text of a Word document, as mammoth's raw text but with line breaks kept: its raw text drops them,
 * which would run "Jane Smith" and "Tom Brown" typed on two lines of one paragraph into one name. The
 * document tree comes from mammoth's `transformDocument` hook, and the now empty document is converted.
 */
async function docxText(bytes: Buffer): Promise<string> {
  let text: string | undefined;
  await mammoth.convertToHtml(
    { buffer: bytes },
    {
      transformDocument: (document: DocxElement) => {
        text = plainText(document);
        return { ...document, children: [] };
      },
    },
  );
  // The hook is marked unstable in mammoth: should it stop being called, raw text is the next best.
  return text ?? (await mammoth.extractRawText({ buffer: bytes })).value;
}

/**
 * Decodes a text export. Word's "Unicode text" is UTF-16 with a BOM, and older "plain text" exports are
 * Windows-1252, which is not valid UTF-8: both are read rather than turned into replacement characters.
 */
function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * The text of a minutes file, for `parseMinutes`: .txt and .md as UTF-8 (BOM stripped), .docx through
 * mammoth (each paragraph followed by a blank line, line breaks and tabs kept).
 *
 * @param fileName only its extension is used, and its base name in messages
 * @throws ValidationError for an extension not in `MINUTES_EXTENSIONS`, a ".docx" that is not a Word document,
 *   or a ".txt" / ".md" that is a zip, a PDF, an old .doc or other binary data
 */
export async function readMinutesText(fileName: string, bytes: Buffer): Promise<string> {
  const ext = path.extname(fileName).toLowerCase();
  const name = path.basename(fileName);
  if (ext === '.txt' || ext === '.md') {
    const other = startsLikeBinary(bytes);
    if (other) throw new ValidationError(`${name} is not a ${ext} file: it is ${other}. Upload the document as .docx, or save it as plain text.`);
    return decodeText(bytes).replace(/^\uFEFF/, '');
  }
  if (ext === '.docx') {
    if (bytes.length < 4 || !bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
      throw new ValidationError(`${name} is not a .docx file (a .docx is a zip archive, and this file does not start like one).`);
    }
    try {
      return (await docxText(bytes)).replace(/^\uFEFF/, '');
    } catch (err) {
      throw new ValidationError(`${name} is not a .docx file (${err instanceof Error ? err.message : String(err)}).`);
    }
  }
  const hint = ext === '.doc' ? ' Save it from Word as .docx.' : ext === '.pdf' ? ' Copy its text into a .txt file, or use the .docx it was made from.' : '';
  const accepted = `${MINUTES_EXTENSIONS.slice(0, -1).join(', ')} or ${MINUTES_EXTENSIONS[MINUTES_EXTENSIONS.length - 1]}`;
  throw new ValidationError(`${name}: minutes must be a ${accepted} file${ext ? `, not ${ext}` : ''}.${hint}`);
}

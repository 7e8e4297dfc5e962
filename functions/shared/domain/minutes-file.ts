import path from 'node:path';
import mammoth from 'mammoth';
import { ValidationError } from './errors';

/** The file types `readMinutesText` reads, by extension. */
export const MINUTES_EXTENSIONS = ['.txt', '.md', '.docx'] as const;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

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
 * mammoth's raw text (one paragraph per line, blank lines between, tabs kept).
 *
 * @param fileName only its extension is used, and its base name in messages
 * @throws ValidationError for an extension not in `MINUTES_EXTENSIONS`, or a ".docx" that is not a Word document
 */
export async function readMinutesText(fileName: string, bytes: Buffer): Promise<string> {
  const ext = path.extname(fileName).toLowerCase();
  const name = path.basename(fileName);
  if (ext === '.txt' || ext === '.md') return decodeText(bytes).replace(/^\uFEFF/, '');
  if (ext === '.docx') {
    if (bytes.length < 4 || !bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
      throw new ValidationError(`${name} is not a .docx file (a .docx is a zip archive, and this file does not start like one).`);
    }
    try {
      const { value } = await mammoth.extractRawText({ buffer: bytes });
      return value.replace(/^\uFEFF/, '');
    } catch (err) {
      throw new ValidationError(`${name} is not a .docx file (${err instanceof Error ? err.message : String(err)}).`);
    }
  }
  const hint = ext === '.doc' ? ' Save it from Word as .docx.' : ext === '.pdf' ? ' Copy its text into a .txt file, or use the .docx it was made from.' : '';
  const accepted = `${MINUTES_EXTENSIONS.slice(0, -1).join(', ')} or ${MINUTES_EXTENSIONS[MINUTES_EXTENSIONS.length - 1]}`;
  throw new ValidationError(`${name}: minutes must be a ${accepted} file${ext ? `, not ${ext}` : ''}.${hint}`);
}

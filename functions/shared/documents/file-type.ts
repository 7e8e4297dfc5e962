import { UploadRejectedError } from '../domain/errors';

/** The kinds of file a presenter may upload: a paper is a PDF; an appendix may be any of these. */
export type FileKind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'png' | 'jpeg' | 'csv' | 'text';

/** What a file is, as read from its bytes. */
export interface FileType {
  kind: FileKind;
  /** The Content-Type it is stored and downloaded with. */
  contentType: string;
  /** What people call it: "Excel workbook". */
  label: string;
  /** File-name extension, without the dot. */
  extension: string;
}

export const FILE_TYPES: Readonly<Record<FileKind, FileType>> = {
  pdf: { kind: 'pdf', contentType: 'application/pdf', label: 'PDF', extension: 'pdf' },
  docx: {
    kind: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word document',
    extension: 'docx',
  },
  xlsx: { kind: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel workbook', extension: 'xlsx' },
  pptx: {
    kind: 'pptx',
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint presentation',
    extension: 'pptx',
  },
  png: { kind: 'png', contentType: 'image/png', label: 'PNG image', extension: 'png' },
  jpeg: { kind: 'jpeg', contentType: 'image/jpeg', label: 'JPEG image', extension: 'jpg' },
  csv: { kind: 'csv', contentType: 'text/csv; charset=utf-8', label: 'CSV file', extension: 'csv' },
  text: { kind: 'text', contentType: 'text/plain; charset=utf-8', label: 'text file', extension: 'txt' },
};

/** The types an appendix may be, as pages and emails name them. */
export const APPENDIX_TYPE_NAMES: readonly string[] = ['PDF', 'Word (.docx)', 'Excel (.xlsx)', 'PowerPoint (.pptx)', 'PNG', 'JPEG', 'CSV', 'plain text'];

/** For the file picker: a hint only, since the type is checked from the bytes after upload. */
export const APPENDIX_ACCEPT = '.pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.csv,.txt';

/** "1.2 MB": every size a person reads has a unit. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "Excel workbook, 1.2 MB" ("PDF, 1.2 MB, 4 pages"): what a member sees before opening a file. */
export function describeFile(file: { contentType: string; size: number; pages?: number }): string {
  const pages = file.pages ? `, ${file.pages} ${file.pages === 1 ? 'page' : 'pages'}` : '';
  return `${fileTypeLabel(file.contentType)}, ${formatBytes(file.size)}${pages}`;
}

/** What people call a stored Content-Type ("Excel workbook"); "file" for one this module did not set. */
export function fileTypeLabel(contentType: string): string {
  const bare = contentType.split(';')[0]?.trim().toLowerCase();
  return Object.values(FILE_TYPES).find((t) => t.contentType.split(';')[0] === bare)?.label ?? 'file';
}

// The messages go to the presenter who uploaded the file, so each one says what to do next.
const NOT_ALLOWED =
  'This type of file cannot be added as an appendix. Appendices may be PDF, Word (.docx), Excel (.xlsx), ' +
  'PowerPoint (.pptx), PNG, JPEG, CSV or plain text files: please save it in one of those formats and upload it again.';
const MACROS =
  'The file contains macros, which members cannot safely open. Please save it without macros ' + '(as .docx, .xlsx or .pptx) or as PDF, and upload it again.';
const LEGACY_OFFICE =
  'The file is in an older Office format (.doc, .xls or .ppt) or is password-protected. Please save it as .docx, .xlsx ' +
  'or .pptx without a password, or as PDF, and upload it again.';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4, a local file header
// The compound-file container of .doc/.xls/.ppt, and of password-protected .docx/.xlsx/.pptx.
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Reads a file's type from its bytes, never its name: PDF, Word/Excel/PowerPoint (an Office Open XML zip
 * with `[Content_Types].xml` and `word/`, `xl/` or `ppt/` parts, and no macros), PNG, JPEG, or text (valid
 * UTF-8 without NUL bytes; CSV when its first records have the same number of comma-separated fields).
 * Anything else is `undefined`.
 */
export function sniffFileType(bytes: Uint8Array): FileType | undefined {
  if (startsWith(bytes, PDF)) return FILE_TYPES.pdf;
  if (startsWith(bytes, PNG) && ascii(bytes, 12, 4) === 'IHDR') return FILE_TYPES.png;
  if (startsWith(bytes, JPEG)) return FILE_TYPES.jpeg;
  if (startsWith(bytes, ZIP)) return officeType(zipEntryNames(bytes));
  const text = utf8(bytes);
  if (text === undefined) return undefined;
  return looksLikeCsv(text) ? FILE_TYPES.csv : FILE_TYPES.text;
}

/**
 * The type of an uploaded appendix; an {@link UploadRejectedError} saying what is allowed when it is
 * none of those types.
 */
export function checkAppendixType(bytes: Uint8Array): FileType {
  const type = sniffFileType(bytes);
  if (type) return type;
  if (startsWith(bytes, ZIP) && zipEntryNames(bytes)?.some(isMacroPart)) throw new UploadRejectedError(MACROS);
  if (startsWith(bytes, CFB)) throw new UploadRejectedError(LEGACY_OFFICE);
  throw new UploadRejectedError(NOT_ALLOWED);
}

function officeType(names: readonly string[] | undefined): FileType | undefined {
  if (!names?.includes('[Content_Types].xml') || names.some(isMacroPart)) return undefined;
  const has = (prefix: string): boolean => names.some((n) => n.startsWith(prefix));
  if (has('word/')) return FILE_TYPES.docx;
  if (has('xl/')) return FILE_TYPES.xlsx;
  if (has('ppt/')) return FILE_TYPES.pptx;
  return undefined;
}

/** VBA projects are what make .docm/.xlsm/.pptm macro-enabled, whatever the zip claims to be. */
function isMacroPart(name: string): boolean {
  return /(^|\/)vbaProject\.bin$/i.test(name);
}

const EOCD = 0x06054b50; // end of central directory
const CENTRAL_HEADER = 0x02014b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/**
 * The names in a zip's central directory (APPNOTE.TXT §4.3.12–16), or `undefined` when there is no
 * readable one: a cut-off upload loses the directory, which is at the end of the file.
 */
function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT); at -= 1) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const entries = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const start = view.getUint32(eocd + 16, true);
  // Zip64 (offsets of 0xFFFFFFFF) is for files over 4 GB, far beyond any upload limit.
  if (start + size > eocd) return undefined;
  const names: string[] = [];
  let at = start;
  for (let i = 0; i < entries; i += 1) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL_HEADER) return undefined;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > eocd) return undefined;
    names.push(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The text, if the bytes are UTF-8 (a BOM is allowed) with no NUL: UTF-16 and binary files have NULs. */
function utf8(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0 || bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

const CSV_SAMPLE = 64 * 1024;
const CSV_RECORDS = 20;

/**
 * Whether text reads as comma-separated values: at least two records, every one with the same number
 * (two or more) of fields; blank lines are skipped and quoted fields may hold commas and line breaks
 * (RFC 4180). Only the start is read; a file that fails is still accepted, as plain text.
 */
function looksLikeCsv(text: string): boolean {
  const counts: number[] = [];
  const end = Math.min(text.length, CSV_SAMPLE);
  let fields = 1;
  let quoted = false;
  let empty = true;
  let i = 0;
  for (; i < end && counts.length < CSV_RECORDS; i += 1) {
    const ch = text[i];
    if (!quoted && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      if (!empty) counts.push(fields);
      fields = 1;
      empty = true;
      continue;
    }
    empty = false;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') fields += 1;
  }
  // A last record without a line break counts when the file ends there, not when the sample cut it.
  if (!empty && !quoted && i === text.length) counts.push(fields);
  return counts.length >= 2 && counts[0]! >= 2 && counts.every((n) => n === counts[0]);
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

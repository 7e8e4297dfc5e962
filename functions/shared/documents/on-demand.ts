import type { PdfInspection } from './pdf-check';

/*
 * The document readers and writers a request needs only sometimes, each loaded with its library (pdf-lib,
 * docx, mammoth) on its first call. A function that serves many kinds of request (the link pages, the
 * console) imports them from here, so a click that reads no file does not wait for the libraries that do.
 * A task imports the loader it needs from its own module (on-demand-*.ts): every `import()` here is
 * bundled with whatever imports this module, used or not, so a task importing it would carry all four.
 */

/** {@link import('./pdf-check').inspectPdf}, loaded on first call. */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfInspection> {
  return (await import('./pdf-check')).inspectPdf(bytes);
}

/** {@link import('./minutes-file').readMinutesText}, loaded on first call. */
export async function readMinutesText(fileName: string, bytes: Buffer): Promise<string> {
  return (await import('./minutes-file')).readMinutesText(fileName, bytes);
}

/** {@link import('./minutes-docx').minutesDocx}, loaded on first call. */
export async function minutesDocx(text: string, meta: { title?: string } = {}): Promise<Buffer> {
  return (await import('./minutes-docx')).minutesDocx(text, meta);
}

export { minutesPdf } from './on-demand-minutes-pdf';

import { PDFCrossRefSection, PDFName, PDFNumber, PDFRawStream, PDFTrailer, PDFTrailerDict } from '@cantoo/pdf-lib';
import type { PDFDocument } from '@cantoo/pdf-lib';

const CHUNK_BYTES = 1024 * 1024;
const ASCII = new TextEncoder();

/** Bytes written into buffers of about CHUNK_BYTES, handed out as each fills. */
class ChunkWriter {
  /** Bytes written so far: the offset of the next one in the file. */
  offset = 0;
  private buffer = new Uint8Array(CHUNK_BYTES);
  private used = 0;
  private readonly full: Uint8Array[] = [];

  /** Room for `size` bytes at `buffer[at…]`; the caller fills exactly that many. */
  reserve(size: number): { buffer: Uint8Array; at: number } {
    if (this.used + size > this.buffer.length) {
      this.end();
      this.buffer = new Uint8Array(Math.max(CHUNK_BYTES, size));
    }
    const at = this.used;
    this.used += size;
    this.offset += size;
    return { buffer: this.buffer, at };
  }

  ascii(text: string): void {
    const { buffer, at } = this.reserve(text.length);
    ASCII.encodeInto(text, buffer.subarray(at));
  }

  bytes(bytes: Uint8Array): void {
    const { buffer, at } = this.reserve(bytes.length);
    buffer.set(bytes, at);
  }

  object(value: { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number }): void {
    // pdf-lib copies a stream's contents a byte at a time; a paper's streams are most of the pack's bytes.
    if (value instanceof PDFRawStream) {
      const contents = value.getContents();
      value.dict.set(PDFName.Length, PDFNumber.of(contents.length));
      this.object(value.dict);
      this.ascii('\nstream\n');
      this.bytes(contents);
      this.ascii('\nendstream');
      return;
    }
    const { buffer, at } = this.reserve(value.sizeInBytes());
    value.copyBytesInto(buffer, at);
  }

  /** Closes the current buffer; `take` hands it out. */
  end(): void {
    if (this.used > 0) this.full.push(this.buffer.subarray(0, this.used));
    this.buffer = new Uint8Array(0);
    this.used = 0;
  }

  take(): Uint8Array[] {
    return this.full.splice(0);
  }
}

/**
 * Writes `doc` as a classic PDF (cross-reference table, no object streams) a chunk at a time. pdf-lib's
 * `save` sizes the whole file first and fills one buffer, so the pack would sit in memory twice, as
 * objects and as bytes; here the bytes leave as they are made. Object streams would make the bench's pack
 * only ~3% smaller (the papers' own streams, compressed already, are most of it) and cost a deflate over
 * every small object, which on a cold start was slower than writing them plainly.
 */
export async function* serialise(doc: PDFDocument): AsyncGenerator<Uint8Array> {
  await doc.flush(); // embeds the fonts the pages use
  const { context } = doc;
  const file = new ChunkWriter();
  file.object(context.header);
  file.ascii('\n\n');
  const xref = PDFCrossRefSection.create();
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    xref.addEntry(ref, file.offset);
    file.ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    file.object(object);
    file.ascii('\nendobj\n\n');
    yield* file.take();
  }
  const xrefOffset = file.offset;
  file.object(xref);
  file.ascii('\n');
  const { Root, Info, ID } = context.trailerInfo;
  const trailer = context.obj({ Size: context.largestObjectNumber + 1 });
  if (Root) trailer.set(PDFName.of('Root'), Root);
  if (Info) trailer.set(PDFName.of('Info'), Info);
  if (ID) trailer.set(PDFName.of('ID'), ID);
  file.object(PDFTrailerDict.of(trailer));
  file.ascii('\n\n');
  file.object(PDFTrailer.forLastCrossRefSectionOffset(xrefOffset));
  file.end();
  yield* file.take();
}

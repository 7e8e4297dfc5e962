import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import objectController from 's3rver/lib/controllers/object';

const FILENAME = '${filename}';
let installed = false;

/**
 * The key field of a POST upload with "${filename}" replaced by the name of the file the browser sent, as
 * S3 does; undefined when the body has nothing to replace. Works on latin1 text, which keeps every byte
 * (the file's contents and a UTF-8 name alike) as it was.
 */
export function withUploadedFilename(body: Buffer, contentType: string): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return undefined;
  const text = body.toString('latin1');
  const file = /content-disposition:\s*form-data;\s*name="file";\s*filename="([^"\r\n]*)"/i.exec(text);
  if (!file) return undefined;
  // S3 ignores fields after the file, so only the key before it counts.
  const before = text.slice(0, file.index);
  const key = /(content-disposition:\s*form-data;\s*name="key"\r\n\r\n)([^\r]*)/i.exec(before);
  if (!key || !key[2]!.includes(FILENAME)) return undefined;
  const value = key[2]!.split(FILENAME).join(file[1]!);
  const start = key.index + key[1]!.length;
  return Buffer.from(text.slice(0, start) + value + text.slice(start + key[2]!.length), 'latin1');
}

/**
 * Makes s3rver's POST Object do what S3 does with "${filename}" in the key (the `createPresignedPost`
 * way of keeping the browser's file name); s3rver stores the key as written. Once per process.
 */
export function substituteFilenameInPostKeys(): void {
  if (installed) return;
  installed = true;
  const postObject = objectController.postObject;
  objectController.postObject = async (ctx) => {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const rewritten = withUploadedFilename(body, String(ctx.req.headers['content-type'] ?? '')) ?? body;
    // s3rver reads the body only by piping the request into its multipart parser.
    const replay: Pick<IncomingMessage, 'pipe'> = { pipe: (destination) => Readable.from([rewritten]).pipe(destination) };
    Object.assign(ctx.req, replay);
    return postObject(ctx);
  };
}

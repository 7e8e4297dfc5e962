import { ValidationError } from '../../shared/domain/errors';

/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  /** Present for a file input (empty when the browser sent no file). */
  filename?: string;
  data: Buffer;
}

/** Most parts a console form sends: the CSRF value, a file and a text field, with room to spare. */
const MAX_PARTS = 8;
const MAX_HEADER_BYTES = 2048;

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary of a `multipart/form-data` content type, or undefined for any other type. */
export function boundaryOf(contentType: string): string | undefined {
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function parseHeaders(block: string): { name: string; filename?: string } {
  let disposition: string | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 1) throw new ValidationError('The form was not sent as a browser sends it.');
    if (line.slice(0, colon).trim().toLowerCase() === 'content-disposition') disposition = line.slice(colon + 1).trim();
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) throw new ValidationError('The form was not sent as a browser sends it.');
  const param = (key: string) => new RegExp(`;\\s*${key}="([^"]*)"`, 'i').exec(disposition)?.[1];
  const name = param('name');
  if (!name) throw new ValidationError('The form was not sent as a browser sends it.');
  const filename = param('filename');
  return filename === undefined ? { name } : { name, filename };
}

/**
 * Reads a multipart/form-data body strictly, as a browser sends one: it starts with the boundary, every
 * part has a form-data Content-Disposition with a name, and the closing boundary is there. Anything
 * else is a ValidationError; the caller has already limited the body's size.
 */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new ValidationError('The form was not sent as a file upload. Please use the form on the page.');
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  if (!body.subarray(0, delimiter.length).equals(delimiter)) throw new ValidationError('The form was not sent as a browser sends it.');
  const parts: FormPart[] = [];
  let pos = delimiter.length;
  for (;;) {
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return parts;
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new ValidationError('The form was not sent as a browser sends it.');
    if (parts.length === MAX_PARTS) throw new ValidationError('The form has more fields than the page sends.');
    const headerEnd = body.indexOf(HEADER_END, pos + 2);
    if (headerEnd < 0 || headerEnd - pos > MAX_HEADER_BYTES) throw new ValidationError('The upload was cut short. Please try again.');
    const headers = parseHeaders(body.subarray(pos + 2, headerEnd).toString('utf8'));
    const end = body.indexOf(next, headerEnd + HEADER_END.length);
    if (end < 0) throw new ValidationError('The upload was cut short. Please try again.');
    parts.push({ ...headers, data: body.subarray(headerEnd + HEADER_END.length, end) });
    pos = end + next.length;
  }
}

/** The one part named `name`; a form that sends it twice is refused, so no value is silently dropped. */
export function partNamed(parts: readonly FormPart[], name: string): FormPart | undefined {
  const found = parts.filter((p) => p.name === name);
  if (found.length > 1) throw new ValidationError(`The form sent "${name}" twice. Please use the form on the page.`);
  return found[0];
}

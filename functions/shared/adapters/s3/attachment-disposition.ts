/*
 * The Content-Disposition of a download, shared by the S3 adapter (presigned GETs) and the link pages'
 * own downloads; apart from the adapter, so a page that serves a file need not load the S3 SDK.
 */

/** RFC 5987 `ext-value` characters: encodeURIComponent leaves ' ( ) * unescaped, which it must not. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment` with both forms of the name: `filename*` for browsers (UTF-8, any script) and an ASCII
 * `filename` for the few clients that do not read it.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

import { attachmentDisposition } from '../shared/adapters/s3/attachment-disposition';
import { html, raw, type SafeHtml } from '../shared/domain/html';

/** What a route answers; the handler turns it into an API Gateway response. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** Text, or with `isBase64Encoded` the bytes in base64, as API Gateway takes binary bodies. */
  body: string;
  isBase64Encoded?: boolean;
}

const STYLE = `body{font-family:Arial,Helvetica,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
h1{color:#1d3557;font-size:1.5rem}label{display:block;margin:.8rem 0 .2rem;font-weight:bold}
input[type=text],input[type=number],input[type=date],input[type=time],textarea,select{width:100%;padding:.4rem;font:inherit;box-sizing:border-box}
input[type=date],input[type=time]{max-width:14rem}small{display:block;color:#555;margin-top:.2rem}
textarea{min-height:8rem}button{background:#1d3557;color:#fff;border:0;padding:.6rem 1.2rem;font:inherit;border-radius:4px;cursor:pointer;margin-top:1rem}
button.secondary{background:#6c757d}.notice{background:#f1f5f9;border-left:4px solid #1d3557;padding:.6rem 1rem}
.error{background:#fdecea;border-left:4px solid #b3261e;padding:.6rem 1rem}pre{white-space:pre-wrap;background:#fafafa;padding:1rem;border:1px solid #ddd}
table{border-collapse:collapse}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}footer{margin-top:3rem;color:#555;font-size:.9rem}`;

const META = html`${[
  html`<meta charset="utf-8">`,
  html`<meta name="viewport" content="width=device-width,initial-scale=1">`,
  html`<meta name="robots" content="noindex,nofollow">`,
]}`;

/** HTTPS only, for two years, on the app's host and below it: a link's secret never crosses plain HTTP. */
export const HSTS = { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } as const;

/** The page's policy: no script, our own styles and images, forms posting to `formAction` (the page's own origin). */
const csp = (formAction: string) =>
  `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; img-src 'self'; base-uri 'none'; frame-ancestors 'none'`;

/**
 * Pages behind links carry a secret in their URL: no referrer leaks it, no cache keeps it, no search
 * engine indexes it, no script runs but our own markup, its forms post only back to us, and the browser
 * never asks for it over plain HTTP.
 */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': csp("'self'"),
  ...HSTS,
};

/**
 * `response` with its forms also allowed to post to `url`'s origin: a page with a presigned POST that uploads
 * straight to the documents bucket. Only such pages name the bucket; every other page's forms post to us alone.
 */
export function allowingFormsTo(response: HttpResponse, url: string): HttpResponse {
  return { ...response, headers: { ...response.headers, 'content-security-policy': csp(`'self' ${new URL(url).origin}`) } };
}

export function page(statusCode: number, title: string, body: SafeHtml, footer?: string): HttpResponse {
  const head = html`${META}<title>${title}</title><style>${raw(STYLE)}</style>`;
  const main = html`<main><h1>${title}</h1>${body}</main>${footer ? html`<footer>${footer}</footer>` : ''}`;
  const doc = html`<!doctype html><html lang="en-GB"><head>${head}</head><body>${main}</body></html>`;
  return { statusCode, headers: PAGE_HEADERS, body: String(doc) };
}

/** 302 after a GET; 303 after a POST, so the browser fetches the target with GET. */
export function redirect(location: string, statusCode: 302 | 303 = 302): HttpResponse {
  return { statusCode, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', ...HSTS }, body: '' };
}

/**
 * A file the browser saves as `fileName` rather than shows: text as UTF-8, bytes in base64. Like the pages
 * it comes from a link with a secret, so nothing caches it and it leaks no referrer.
 */
export function download(fileName: string, contentType: string, body: string | Uint8Array): HttpResponse {
  const binary = typeof body !== 'string';
  return {
    statusCode: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': attachmentDisposition(fileName),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      ...HSTS,
    },
    body: binary ? Buffer.from(body).toString('base64') : body,
    ...(binary ? { isBase64Encoded: true } : {}),
  };
}

export function json(statusCode: number, value: unknown): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...HSTS }, body: JSON.stringify(value) };
}

/** A form that POSTs back to the link, carrying the CSRF value bound to its token. */
export function form(action: string, csrf: string, fields: SafeHtml, submit: string, extra: SafeHtml = html``): SafeHtml {
  const button = html`<button type="submit">${submit}</button>`;
  return html`<form method="post" action="${action}"><input type="hidden" name="csrf" value="${csrf}">${fields}${button}${extra}</form>`;
}

export const paragraph = (text: string): SafeHtml => html`<p>${text}</p>`;
export const notice = (text: string): SafeHtml => html`<p class="notice">${text}</p>`;

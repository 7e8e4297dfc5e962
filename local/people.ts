/**
 * What the people around a board do with their email, done by a program: follow a link, read the
 * page, fill in and submit its form, upload a PDF. Used by `npm run demo` and the workflow tests; it
 * speaks plain HTTP to the pages exactly as a browser without JavaScript would.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface ParsedForm {
  action: string;
  method: string;
  enctype: string;
  fields: Record<string, string>;
  /** Names of file inputs. */
  files: string[];
  submitLabel: string;
}

export interface FetchedPage {
  url: string;
  status: number;
  html: string;
  title: string;
  forms: ParsedForm[];
  location?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return m ? decodeEntities(m[1] ?? '') : undefined;
};

/** Reads the forms of one of our pages (our own markup: quoted attributes, no scripts). */
export function parseForms(html: string): ParsedForm[] {
  const forms: ParsedForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const open = m[1] ?? '';
    const inner = m[2] ?? '';
    const fields: Record<string, string> = {};
    const files: string[] = [];
    for (const input of inner.matchAll(/<input\b[^>]*>/gi)) {
      const tag = input[0];
      const name = attr(tag, 'name');
      const type = (attr(tag, 'type') ?? 'text').toLowerCase();
      if (!name) continue;
      if (type === 'file') files.push(name);
      else if (type === 'checkbox') {
        if (/\schecked\b/i.test(tag)) fields[name] = attr(tag, 'value') ?? 'on';
      } else fields[name] = attr(tag, 'value') ?? '';
    }
    for (const ta of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const name = attr(ta[1] ?? '', 'name');
      if (name) fields[name] = decodeEntities(ta[2] ?? '');
    }
    for (const sel of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attr(sel[1] ?? '', 'name');
      if (!name) continue;
      const options = [...(sel[2] ?? '').matchAll(/<option\b([^>]*)>/gi)].map((o) => o[1] ?? '');
      const chosen = options.find((o) => /\sselected\b/i.test(o)) ?? options[0];
      fields[name] = chosen ? (attr(chosen, 'value') ?? '') : '';
    }
    const button = /<button\b[^>]*>([\s\S]*?)<\/button>/i.exec(inner);
    forms.push({
      action: attr(open, 'action') ?? '',
      method: (attr(open, 'method') ?? 'get').toUpperCase(),
      enctype: attr(open, 'enctype') ?? 'application/x-www-form-urlencoded',
      fields,
      files,
      submitLabel: decodeEntities((button?.[1] ?? '').replace(/<[^>]+>/g, '').trim()),
    });
  }
  return forms;
}

async function toPage(url: string, res: Response): Promise<FetchedPage> {
  const html = await res.text();
  const title = decodeEntities(/<h1>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '');
  const location = res.headers.get('location') ?? undefined;
  return { url, status: res.status, html, title, forms: parseForms(html), ...(location ? { location } : {}) };
}

/** GET, as a person clicking the link (redirects are not followed, so tests see them). */
export async function follow(url: string): Promise<FetchedPage> {
  return toPage(url, await fetch(url, { redirect: 'manual' }));
}

/** A form about to be posted: the page it is on, where it goes and the label of its button. */
export interface FormPost {
  page: string;
  target: string;
  label: string;
}

/**
 * How a person posts a form: `post` sends it once and reads the answer. The default calls it once; the
 * fault harness (local/faults/) calls it twice at once, as a double click, or again after an error.
 */
export type FormPoster = (form: FormPost, post: () => Promise<FetchedPage>) => Promise<FetchedPage>;

const posters = new AsyncLocalStorage<FormPoster>();

/** Runs `work` with every form that `submit` posts inside it going through `poster`. */
export function postingFormsWith<T>(poster: FormPoster, work: () => Promise<T>): Promise<T> {
  return posters.run(poster, work);
}

/** Submits a page's form (the one whose button matches `label`), with some fields changed. */
export async function submit(page: FetchedPage, label: string | RegExp, changes: Record<string, string | null> = {}): Promise<FetchedPage> {
  const form = page.forms.find((f) => (typeof label === 'string' ? f.submitLabel === label : label.test(f.submitLabel)));
  if (!form)
    throw new Error(
      `No form with a "${String(label)}" button on ${page.url} (${page.title}); buttons: ${page.forms.map((f) => f.submitLabel).join(', ') || 'none'}`,
    );
  const target = new URL(form.action || page.url, page.url).toString();
  // null clears a field, as unticking a checkbox does.
  const fields = Object.entries({ ...form.fields, ...changes }).filter((e): e is [string, string] => e[1] !== null);
  const body = new URLSearchParams(fields);
  const post = async () =>
    toPage(target, await fetch(target, { method: 'POST', body, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
  const poster = posters.getStore();
  return poster ? poster({ page: page.url, target, label: form.submitLabel }, post) : post();
}

/**
 * Uploads a file through one of the page's upload forms (a presigned POST to S3), follows S3's redirect
 * back to the app, and returns the page that asks to submit the upload. The form is the first with a
 * file input, or the one whose button matches `button` ("Upload an appendix").
 */
export async function upload(page: FetchedPage, file: { name: string; type: string; content: Buffer }, button?: string | RegExp): Promise<FetchedPage> {
  const form = page.forms.find(
    (f) => f.files.length > 0 && (button === undefined || (typeof button === 'string' ? f.submitLabel === button : button.test(f.submitLabel))),
  );
  if (!form) throw new Error(`No upload form${button === undefined ? '' : ` with a "${String(button)}" button`} on ${page.url} (${page.title})`);
  const data = new FormData();
  for (const [k, v] of Object.entries(form.fields)) data.append(k, v);
  data.append(form.files[0] ?? 'file', new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
  const res = await fetch(form.action, { method: 'POST', body: data, redirect: 'manual' });
  const location = res.headers.get('location');
  if (!location || res.status < 300 || res.status >= 400) {
    throw new Error(`The upload was not redirected back to the app (HTTP ${res.status}): ${(await res.text()).slice(0, 300)}`);
  }
  return follow(location);
}

/** The app links (…/l/<token>[/…]) in an email's plain-text part, in order. */
export function appLinks(text: string, appUrl: string): string[] {
  const escaped = appUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...text.matchAll(new RegExp(`${escaped}/l/[A-Za-z0-9_-]+(?:/[A-Za-z0-9/_-]*)?`, 'g'))].map((m) => m[0]);
}

/** A small valid PDF with one page of text, made here so the demo and tests need no fixtures. */
export function makePdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, ' ').slice(0, 80);
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

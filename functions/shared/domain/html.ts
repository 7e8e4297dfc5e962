/**
 * Escaping for everything the app writes as HTML: emails and the link pages. The rule is "escape by
 * default": the `html` tag escapes every interpolated value unless it is already `SafeHtml`, so a
 * template cannot forget to escape a member's name or an item title.
 */

import { stripBidiControls } from './text';

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes `& < > " '` so that the result is safe as element content and inside a quoted attribute,
 * and **strips** the bidi controls U+202A–U+202E and U+2066–U+2069. Stripping, not escaping: an
 * entity such as `&#x202E;` is decoded back into the same control character by the browser or mail
 * client, so it would not neutralise anything.
 */
export function escapeHtml(text: string): string {
  return stripBidiControls(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * HTML that is known to be safe to insert as is. Only `html` and `raw` produce it: the `#html` field
 * makes the class nominal, so a plain object or string cannot pass for it, and the constructor is not
 * exported.
 */
class SafeHtml {
  readonly #html: string;

  constructor(html: string) {
    this.#html = html;
  }

  /** The markup, for a response body or an email part. */
  toString(): string {
    return this.#html;
  }
}

export type { SafeHtml };

/**
 * What may be interpolated into `html`: text (escaped), numbers, `SafeHtml`, arrays of these (joined
 * without separator, for lists), and `null`/`undefined`/`false`, which render nothing so that
 * `${cond && html`…`}` works.
 */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template that escapes every interpolation that is not already `SafeHtml`.
 *
 * @example html`<p>${member.name} proposed <b>${item.title}</b></p>`
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Marks markup as safe without escaping it. Only for markup the app itself wrote (a constant, or
 * output of a trusted renderer); never for anything a person typed.
 */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** True if `value` came from `html` or `raw`. */
export function isSafeHtml(value: unknown): value is SafeHtml {
  return value instanceof SafeHtml;
}

/**
 * Made on the first text long enough to cut, not when the module loads: building a segmenter reads ICU's
 * break rules (some 15 ms), which a page or email that shortens nothing never needs.
 */
let graphemes: Intl.Segmenter | undefined;

/**
 * Shortens `text` to at most `max` user-perceived characters (grapheme clusters, so an emoji or an
 * accented letter is never cut in half), ending with "…" when it was cut. Returns plain text: escape
 * it (or interpolate it with `html`) before putting it into HTML.
 */
export function truncateForDisplay(text: string, max: number): string {
  if (max < 1) return '';
  // Fast path: fewer UTF-16 units than `max` means fewer graphemes too.
  if (text.length <= max) return text;
  const parts: string[] = [];
  for (const { segment } of (graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(text)) {
    parts.push(segment);
    if (parts.length > max) break;
  }
  if (parts.length <= max) return text;
  return (
    parts
      .slice(0, max - 1)
      .join('')
      .trimEnd() + '…'
  );
}

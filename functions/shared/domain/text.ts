/**
 * The characters no writer lets through unchecked, defined once, and the cleaners built from them. Each
 * writer cleans to its own level: HTML only loses the bidi controls (escaping does the rest), calendar
 * and email text also loses control characters, Word XML loses what XML cannot carry, and the board pack
 * drops everything invisible, because a title there is one line drawn in a font with no fallback.
 */

/** C0 controls other than tab and the line breaks LF, VT, FF and CR, which writers turn into breaks or spaces. */
const C0 = '\\u0000-\\u0008\\u000e-\\u001f';
/** VT and FF: line breaks to some readers, plain controls to others. */
const VT_FF = '\\u000b\\u000c';
/** DEL and the C1 controls. */
const DEL_C1 = '\\u007f-\\u009f';
/** Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
const BIDI = '\\u202a-\\u202e\\u2066-\\u2069';
/**
 * Soft hyphen, Arabic letter mark, zero-width space/joiners and the LRM/RLM marks, word joiner and invisible
 * operators, and the BOM (zero-width no-break space).
 */
const FORMAT = '\\u00ad\\u061c\\u200b-\\u200f\\u2060-\\u2065\\ufeff';
/** The noncharacters U+FFFE and U+FFFF. */
const NONCHARACTERS = '\\ufffe\\uffff';
/** A high surrogate with no low one after it, or a low one with no high one before it. */
const LONE_SURROGATE_SOURCE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';

function charClass(...ranges: string[]): string {
  return `[${ranges.join('')}]`;
}

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). They let a string
 * reorder the text around it ("Trojan Source"), e.g. make `exe.fdp` read as `pdf.exe`. For `.test`; the
 * cleaners below use their own global copies.
 */
export const BIDI_CONTROLS = new RegExp(charClass(BIDI));

/**
 * Control characters: C0 other than tab, LF and CR (so VT and FF are included), DEL and C1. What RFC 5545
 * forbids in a value, besides C1, and what an email has no business carrying.
 */
export const CONTROL_CHARS = new RegExp(charClass(C0, VT_FF, DEL_C1));

/**
 * Invisible characters: controls other than the whitespace ones, bidi controls and marks, zero-width
 * characters, the soft hyphen and the BOM. Invisible in a title, yet able to reorder what a reader sees or
 * to make a font encoder choke.
 */
export const INVISIBLE_CHARS = new RegExp(charClass(C0, DEL_C1, FORMAT, BIDI));

/** A UTF-16 surrogate that is not half of a pair: no encoder can write it. */
export const LONE_SURROGATE = new RegExp(LONE_SURROGATE_SOURCE);

/**
 * What XML 1.0 cannot carry and is not a line break: C0 controls other than tab, LF, VT, FF and CR,
 * U+FFFE/U+FFFF and lone surrogates. (VT and FF are illegal too, but writers turn them into breaks first.)
 */
export const NOT_XML_CHARS = new RegExp(`${charClass(C0, NONCHARACTERS)}|${LONE_SURROGATE_SOURCE}`);

const everyMatch = (pattern: RegExp): RegExp => new RegExp(pattern.source, 'g');
const ALL_BIDI_CONTROLS = everyMatch(BIDI_CONTROLS);
const ALL_CONTROL_CHARS = everyMatch(CONTROL_CHARS);
const ALL_INVISIBLE_CHARS = everyMatch(INVISIBLE_CHARS);
const ALL_LONE_SURROGATES = everyMatch(LONE_SURROGATE);
const ALL_NOT_XML_CHARS = everyMatch(NOT_XML_CHARS);
// \s covers tabs, line breaks (U+2028/U+2029 too) and no-break spaces.
const WHITESPACE = /\s+/g;
const ELLIPSIS = '\u2026';

/**
 * Removes the bidi embedding, override and isolate controls ({@link BIDI_CONTROLS}). Use it for text that is
 * not HTML (plain-text email parts, subjects); `escapeHtml` already does it.
 */
export function stripBidiControls(text: string): string {
  return text.replace(ALL_BIDI_CONTROLS, '');
}

/** Removes the {@link CONTROL_CHARS}. Turn the line breaks among them (VT, FF) into breaks first if they matter. */
export function stripControlChars(text: string): string {
  return text.replace(ALL_CONTROL_CHARS, '');
}

/** Removes what XML 1.0 cannot carry ({@link NOT_XML_CHARS}); turn VT and FF into line breaks first. */
export function stripNonXmlChars(text: string): string {
  return text.replace(ALL_NOT_XML_CHARS, '');
}

/**
 * One line of visible text, at most `maxChars` code points: lone surrogates removed, NFC-normalised,
 * {@link INVISIBLE_CHARS} removed, every run of whitespace (line breaks included) made one space, trimmed,
 * and, when too long, cut and ended with "…". Anything but a string (`undefined`, a number) is read as
 * its `String()`, with `null` and `undefined` as "". What the board pack draws and writes into its outline.
 */
export function cleanText(value: unknown, options: { maxChars: number }): string {
  const { maxChars } = options;
  const cleaned = String(value ?? '')
    .replace(ALL_LONE_SURROGATES, '')
    .normalize('NFC')
    .replace(ALL_INVISIBLE_CHARS, '')
    .replace(WHITESPACE, ' ')
    .trim();
  const chars = Array.from(cleaned);
  return chars.length <= maxChars
    ? cleaned
    : `${chars
        .slice(0, maxChars - 1)
        .join('')
        .trimEnd()}${ELLIPSIS}`;
}

/** Small helpers on strings, shared by every stage of the minutes parser. */

/**
 * `s` without the characters `edge` accepts at either end. A loop rather than a pattern anchored at the end
 * (`[…]+$`), which a regex engine retries from every position of a long run of those characters: quadratic.
 */
export function trimWhere(s: string, edge: (ch: string) => boolean): string {
  let start = 0;
  let end = s.length;
  while (start < end && edge(s[start]!)) start++;
  while (end > start && edge(s[end - 1]!)) end--;
  return s.slice(start, end);
}

/** `s` without the characters `edge` accepts at its end. */
export function trimEndWhere(s: string, edge: (ch: string) => boolean): string {
  let end = s.length;
  while (end > 0 && edge(s[end - 1]!)) end--;
  return s.slice(0, end);
}

const STRAY = /^[\s,;:–—-]$/;

/** One line of words: runs of white space made one space, and stray punctuation and dashes trimmed from both ends. */
export const clean = (s: string) => trimWhere(s.replace(/\s+/g, ' '), (ch) => STRAY.test(ch));
/** `clean(s)`, or null when nothing is left. */
export const orNull = (s: string) => (clean(s) ? clean(s) : null);

/** The words of `s`, split at white space. */
export const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** Whether `s` ends a sentence (a closing quote or bracket may follow the stop). */
export const endsSentence = (s: string) => /[.!?]["'”’)\]]*$/.test(s.trim());

/** Splits on commas and semicolons outside brackets. */
export function splitTopLevel(text: string, separators = /[,;]/): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    if (depth === 0 && separators.test(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** `s` cut to 70 characters, to quote it in a flag. */
export function shortly(s: string): string {
  return s.length > 70 ? `${s.slice(0, 67).trimEnd()}…` : s;
}

import { clean, words } from './text';

/** A line of the minutes as the reader sees it: its text without Markdown, and what the Markdown said. */
export interface Line {
  /** The text, its spaces collapsed, without heading marks, emphasis or bullet. */
  text: string;
  /** The Markdown heading level ("## 3. Finance" is 2); 0 when it is no heading. */
  heading: number;
  /** Whether the line was a bullet point. */
  bullet: boolean;
  /** Whether the text holds a tab: a table row flattened to text ("Name<TAB>Role"). */
  tab: boolean;
  /** The line of the text it comes from (0-based): an "Action:" split off a sentence shares its sentence's line. */
  source: number;
}

/**
 * The lines of `text`, whatever its line endings, byte-order mark or no-break spaces, with Markdown read off
 * each line.
 */
export function toLines(text: string): Line[] {
  const lines: Line[] = [];
  const normalised = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ');
  const splits = new Map<number, number>();
  let at = 0;
  let atLine = 0;
  // An "Action:" that closes a paragraph's last sentence starts a line of its own.
  const raw = normalised.replace(/([.!?])[ \t]+(?=(?:\*\*)?(?:ACTION|Action)(?:\s+\d+)?(?:\*\*)?\s*:)/g, (_match, stop: string, offset: number) => {
    for (; at < offset; at++) if (normalised[at] === '\n') atLine++;
    splits.set(atLine, (splits.get(atLine) ?? 0) + 1);
    return `${stop}\n`;
  });
  let source = 0;
  let splitLeft = splits.get(0) ?? 0;
  for (const rawLine of raw.split('\n')) {
    let s = rawLine.replace(/[ ]+/g, ' ').trim();
    let heading = 0;
    const h = /^(#{1,6})\s+(.*?)\s*#*$/.exec(s);
    if (h) {
      heading = h[1]!.length;
      s = h[2]!;
    }
    s = s
      .replace(/\*\*|__/g, '')
      .replace(/^\*(\S.*\S)\*$/, '$1')
      .trim();
    const b = /^(?:[-*+•‣◦▪●·]|\uF0B7|\uF0A7)\s+/.exec(s);
    if (b) s = s.slice(b[0].length);
    lines.push({ text: s, heading, bullet: !!b, tab: s.includes('\t'), source });
    if (splitLeft > 0) splitLeft--;
    else splitLeft = splits.get(++source) ?? 0;
  }
  return lines;
}

/** A line that reads as a sentence rather than a list entry: many lower-case words. */
export function isProse(text: string): boolean {
  const w = words(text);
  if (w.length < 6 || text.includes('\t')) return false;
  const lower = w.filter((x) => /^\p{Ll}/u.test(x) && !['and', 'of', 'for', 'the', '&'].includes(x)).length;
  return lower / w.length > 0.4;
}

/** A title rather than a sentence: short, capitalised, no closing full stop (except in capitals). */
export function titleLike(title: string, allowStop: boolean): boolean {
  const w = words(title);
  if (w.length === 0 || w.length > 14 || /^\p{Ll}/u.test(title)) return false;
  if (/\.\s+\p{Lu}/u.test(title)) return false;
  const caps = title === title.toUpperCase();
  return allowStop || caps || !/[.,;:!?]$/.test(title);
}

/** An item's title as written, without a closing full stop. */
export const itemTitle = (t: string) => clean(t.replace(/\.$/, ''));

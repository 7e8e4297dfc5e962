import { clean, trimEndWhere, words } from './text';

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
  /** Whether the whole line was in bold or italics ("**Action - JS to …**"): it ends where the line ends. */
  emphasised?: boolean;
  /**
   * The runs of text of a line laid out in columns (text from a PDF, where three or more spaces part them), with
   * the character column each starts at; absent when the line is one run.
   */
  cells?: Cell[];
  /** What stands in the margin or the action column, right of the text (set by the reader, which knows the layout). */
  margin?: string;
  /** Whether `margin` is the action column under a header row, rather than a note at a line's end. */
  inColumn?: boolean;
}

/** A run of text of a line laid out in columns, and the column it starts at. */
export interface Cell {
  text: string;
  col: number;
}

/** The runs of `raw` parted by three or more spaces, when there are two or more. */
function cellsOf(raw: string): Cell[] | undefined {
  const parts = raw.replace(/\t/g, '   ').split(/( {3,})/);
  const cells: Cell[] = [];
  let col = 0;
  for (const part of parts) {
    const text = part.trim();
    if (text) cells.push({ text: text.replace(/ +/g, ' '), col: col + part.search(/\S/) });
    col += part.length;
  }
  return cells.length > 1 || (cells.length === 1 && cells[0]!.col >= 20) ? cells : undefined;
}

/** A page's number, a running footer ("2   VER.18.05.A") or a superscript split off its line ("st"): not the minutes' text. */
const pageArtefact = (raw: string) =>
  /^\s*\d{1,3}\s*$/.test(raw) || /^\s{20,}\d{1,3}\s{3,}[A-Z][A-Z0-9.]*\s*$/.test(raw) || /^\s{20,}(?:st|nd|rd|th)\s*$/.test(raw);

/**
 * The longest line read, in characters; a longer one is cut, and the parser says so. A paragraph of minutes is
 * a few hundred characters, and a long one a few thousand (minutes-docx.test.ts keeps one of 10,000 whole); a
 * line beyond this is no paragraph, and with it cut every pattern runs on bounded text.
 */
export const MAX_LINE_CHARS = 20_000;

/**
 * The lines of `text`, whatever its line endings, byte-order mark or no-break spaces, with Markdown read off
 * each line. A line longer than MAX_LINE_CHARS is cut there, and its number (0-based) added to `cut`.
 */
export function toLines(text: string, cut: number[] = []): Line[] {
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
  const rawLines = raw.split('\n');
  // Front matter ("---" … "---" before a Markdown page) is the site's, not the minutes', but for a title that dates them.
  const frontMatterEnd = rawLines[0]?.trim() === '---' ? rawLines.indexOf('---', 1) : -1;
  for (const [index, wholeLine] of rawLines.entries()) {
    const rawLine = wholeLine.length > MAX_LINE_CHARS ? wholeLine.slice(0, MAX_LINE_CHARS) : wholeLine;
    if (rawLine !== wholeLine) cut.push(source);
    if (index <= frontMatterEnd) lines.push(...frontMatterLine(rawLine, source));
    else if (pageArtefact(rawLine)) lines.push(readLine('', source));
    else {
      const line = readLine(rawLine, source);
      const cells = cellsOf(rawLine);
      lines.push(cells ? { ...line, cells } : line);
    }
    if (splitLeft > 0) splitLeft--;
    else splitLeft = splits.get(++source) ?? 0;
  }
  return lines;
}

/** A line of front matter: nothing, but a title with a date in it ("title: 2017-6-20 Open Standards Board Meeting"). */
function frontMatterLine(rawLine: string, source: number): Line[] {
  const title = /^title:\s*(\d{4}-\d{1,2}-\d{1,2})\s+(.+)$/.exec(rawLine.trim());
  if (!title) return [readLine('', source)];
  return [readLine(`Date: ${title[1]!}`, source), readLine(title[2]!.replace(/^["']|["']$/g, ''), source)];
}

/**
 * A line's white space made one space, and a run with a tab in it one tab (a tab stands for a table's column),
 * before any pattern sees it: a long run of blanks in the middle of a line would otherwise make some patterns
 * try every way to share it out between their `\s*` and `\s+`, which takes time growing with the square of
 * the run's length.
 */
export const collapseBlanks = (rawLine: string) => rawLine.replace(/[^\S\t\n]+/g, ' ').replace(/ ?(?:\t ?)+/g, '\t');

/** One line of text, its Markdown read: heading marks, emphasis, escapes and bullet taken off. */
export function readLine(rawLine: string, source: number): Line {
  let s = collapseBlanks(rawLine).trim();
  let heading = 0;
  const h = /^(#{1,6})\s+(.*)$/.exec(s);
  if (h) {
    heading = h[1]!.length;
    // The closing hashes of "## Title ##" go; trimmed by a loop, as `(.*?)\s*#*$` is quadratic on a run of hashes.
    s = trimEndWhere(
      trimEndWhere(h[2]!, (ch) => ch === '#'),
      (ch) => /\s/.test(ch),
    );
  }
  const emphasised = ['**', '__'].some((m) => s.length > 4 && s.startsWith(m) && s.endsWith(m) && !s.slice(2, -2).includes(m));
  s = s
    .replace(/\*\*|__/g, '')
    .replace(/^\*(\S.*\S)\*$/, '$1')
    .replace(/\\([\\`*_{}[\]()#+.!-])/g, '$1')
    .trim();
  const b = /^(?:[-*+•‣◦▪●·]|\uF0B7|\uF0A7)\s+/.exec(s);
  if (b) s = s.slice(b[0].length);
  const line: Line = { text: s, heading, bullet: !!b, tab: s.includes('\t'), source };
  return emphasised ? { ...line, emphasised } : line;
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

/**
 * Minutes laid out in columns, as text taken from a PDF shows them: an "Action" column beside the items
 * ("Items … Action", "Item  Discussion  Decisions and Action Points"), or an owner written at the right-hand end of
 * a paragraph's last line ("…at the next meeting.            Clerk").
 */
import { findDate } from './dates';
import { readLine, type Cell, type Line } from './lines';
import { words } from './text';
import { MONTH } from './vocabulary';

/** Where the action column of a table's header row starts ("Items … Action"), or null when the line is no such row. */
export function actionColumn(line: Line): number | null {
  const cells = line.cells;
  if (!cells || cells.length < 2) return null;
  const first = cells[0]!.text;
  const last = cells[cells.length - 1]!;
  return /^items?$/i.test(first) && /\baction/i.test(last.text) && words(last.text).length <= 6 ? last.col : null;
}

/** A cell this many characters left of the action column's heading still sits in it (PDF text drifts from page to page). */
const DRIFT = 12;

/** The line without what stands in the action column, and that text; `margin` is absent when the column is empty. */
export function splitColumns(line: Line, column: number): Line {
  const cells = line.cells;
  if (!cells) return line;
  const right = cells.filter((c) => c.col >= column - DRIFT);
  if (right.length === 0) return line;
  const left = cells.filter((c) => c.col < column - DRIFT);
  const leftLine = readLine(left.map((c) => c.text).join(' '), line.source);
  return { ...leftLine, ...(left.length > 1 ? { cells: left } : {}), margin: right.map((c) => c.text).join(' '), inColumn: true };
}

/** The last run of a line laid out in columns, when it stands well to the right of the text before it: a note in the margin. */
export function marginOf(line: Line): Line {
  const cells: readonly Cell[] | undefined = line.cells;
  if (!cells || cells.length < 2) return line;
  const last = cells[cells.length - 1]!;
  const before = cells[cells.length - 2]!;
  return last.col >= 40 && last.col - (before.col + before.text.length) >= 6 ? { ...line, margin: last.text } : line;
}

/** Posts that own actions in small bodies' minutes ("Clerk", "the Treasurer"). */
const POSTS = new Set(['clerk', 'chair', 'chairman', 'chairwoman', 'chairperson', 'vice-chair', 'treasurer', 'secretary', 'president', 'all']);
/** Whether `word` is a post that owns actions in small bodies' minutes ("Clerk", "the Treasurer"). */
export const isPost = (word: string) => POSTS.has(word.toLowerCase().replace(/^the\s+/, ''));
const HONORIFIC = /^(?:cllrs?|councillors?|mr|mrs|ms|miss|dr|prof)\.?$/i;
const INITIALS = /^[A-Z]{2,4}$/;

/**
 * The owners in a note in the margin ("Clerk", "Cllr. O. Williams/Clerk", "TS/KC/IK"), or null when it is not one
 * ("Noted", "Signed by the Chair", "Feb 2020", "£50.00"). `known` says whether a word is someone's initials or name
 * in the attendance; a name without an honorific must be known. With `knownOnly` (a line of its own, the end of a
 * line, where a word may be the text's) only initials someone in the attendance has are read.
 */
export function ownerTag(text: string, known: (name: string) => boolean, knownOnly: boolean): string[] | null {
  const t = text.trim().replace(/\.$/, '');
  if (!t || t.length > 60 || findDate(t) || new RegExp(`^${MONTH}\\s+\\d{4}$`).test(t)) return null;
  const tokens = words(t);
  const honorific = HONORIFIC.test(tokens[0] ?? '');
  const owners: string[] = [];
  for (const part of t.split('/')) {
    const bare = words(part).filter((x) => !HONORIFIC.test(x));
    if (bare.length === 0 || bare.length > 4) return null;
    const name = bare.join(' ');
    const post = bare.length === 1 && POSTS.has(name.toLowerCase());
    const initials = bare.length === 1 && INITIALS.test(name);
    const personal = bare.every((x, i) => /^[A-Z]\.?$/.test(x) || (i === bare.length - 1 ? /^\p{Lu}\p{Ll}[\p{L}'’-]*$/u : /^\p{Lu}[\p{L}'’.-]*$/u).test(x));
    if (post && !knownOnly) owners.push(part.trim());
    else if (initials && (!knownOnly || known(name))) owners.push(name);
    else if (personal && !initials && !knownOnly && (known(name) || honorific)) owners.push(part.trim());
    else return null;
  }
  return owners;
}

/** Initials closing a paragraph's line after its full stop ("…faced by the installation. JS"): the owner, set in by the PDF. */
export function ownerAtLineEnd(text: string): { text: string; tag: string } | null {
  const m = /[.!?]\s([A-Z]{2,4}(?:\/[A-Z]{2,4}){0,5})$/.exec(text);
  return m ? { text: text.slice(0, m.index + 1), tag: m[1]! } : null;
}

/**
 * An owner in square brackets closing a line, or followed only by its deadline ("Circulate the terms [Clerk]",
 * "… [JS] by 14 March"): the line without the brackets, and what they hold.
 */
export function bracketAtLineEnd(text: string): { text: string; tag: string } | null {
  const m = /\s?\[([^[\]]{1,40})\](\s+(?:by|before)\s[^[\]]{1,40})?\s*\.?$/.exec(text);
  return m ? { text: `${text.slice(0, m.index)}${m[2] ?? ''}`.trim(), tag: m[1]! } : null;
}

/** "4.4.5iii)", "4. 4.12ii)", "xiv)", "12i)": the start of an entry inside a paragraph (correspondence, matters arising). */
export const ENTRY_START = /^(?:\d{1,3}(?:\.\s?\d{1,3}){0,4}[a-z]{0,5}\)|[ivxlc]{1,6}\))\s/i;

/** "05-06 SB to ask …": an action numbered in the action column, by the meeting's month and its place. */
export const COLUMN_NUMBER = /^(\d{2}-\d{2})\s+(.*)$/;

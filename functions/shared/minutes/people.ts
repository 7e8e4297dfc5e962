/** Telling people apart in attendance lists: a name from its honorific, post and organisation, and one person from the next. */

import type { Line } from './lines';
import { clean, orNull, splitTopLevel, words } from './text';
import type { Person } from './types';
import { NONE, PARTICLES, ROLE_WORDS, TITLE_WORDS } from './vocabulary';

const core = (token: string) =>
  token
    .replace(/^[("'“‘]+|[)"'”’,;:.]+$/g, '')
    .replace(/['’]s$/, '')
    .toLowerCase();

function isNameToken(token: string): boolean {
  const t = token.replace(/[,;:]+$/, '');
  if (/^[A-Z]\.$/.test(t)) return true; // an initial
  if (!/^[A-Z][\p{L}'’-]*$/u.test(t.replace(/\.$/, '')) || !/\p{Ll}/u.test(t)) return false;
  const c = core(t);
  return !ROLE_WORDS.has(c) && !TITLE_WORDS.has(c);
}

/** The token span of the person's name: the first run of two or more name-like words, or one word after an honorific ("Cllr Peck"). */
export function nameSpan(tokens: readonly string[]): [number, number] | null {
  let single: [number, number] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    if (!isNameToken(tokens[i]!)) continue;
    let j = i + 1;
    while (j < tokens.length && !/[,;:]$/.test(tokens[j - 1]!)) {
      if (isNameToken(tokens[j]!)) j++;
      else if (PARTICLES.has(tokens[j]!) && j + 1 < tokens.length && isNameToken(tokens[j + 1]!)) j += 2;
      else break;
    }
    if (j - i >= 2) return [i, j];
    if (!single && i > 0 && TITLE_WORDS.has(core(tokens[i - 1]!))) single = [i, j];
    i = j - 1;
  }
  return single;
}

type Entry = { person: Omit<Person, 'group'> } | { roleOnly: string };

/**
 * One attendance entry: "Name<TAB>Role", "Name (Org)", "Name, Role", "Name – Role", or a table row flattened to
 * "Title Name Organisation" (the London minutes of 2012), where only the words tell the name from the post.
 */
function readEntry(entry: string, tabbed: boolean): Entry {
  const text = entry.replace(/[\s,;]+$/, '').trim();
  if (tabbed && text.includes('\t')) {
    const [left = '', ...right] = text.split(/\t+/);
    const inner = readEntry(left, false);
    const role = right.map(clean).filter(Boolean).join(', ');
    if ('roleOnly' in inner) return { person: { name: clean(left), title: null, role: orNull(role) } };
    return { person: { ...inner.person, role: orNull([inner.person.role ?? '', role].filter(Boolean).join(', ')) } };
  }
  const paren = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(text);
  if (paren && paren[1]) {
    const inner = readEntry(paren[1], false);
    if ('person' in inner) return { person: { ...inner.person, role: orNull([inner.person.role ?? '', paren[2]!].filter(Boolean).join(', ')) } };
  }
  const tokens = text.split(/\s+/).filter(Boolean);
  const span = nameSpan(tokens);
  if (!span) return { roleOnly: clean(text) };
  return {
    person: {
      name: clean(tokens.slice(span[0], span[1]).join(' ')),
      title: orNull(tokens.slice(0, span[0]).join(' ')),
      role: orNull(tokens.slice(span[1]).join(' ')),
    },
  };
}

/** "Jane Smith (MPS), John Doe and Cllr Peck" → three entries; "and" splits only between two people. */
function splitPeople(text: string): string[] {
  return splitTopLevel(text).flatMap((piece) => {
    const halves = piece.split(/\s+(?:and|&)\s+/);
    return halves.length === 2 && halves.every((h) => nameSpan(h.split(/\s+/)) !== null) ? halves : [piece];
  });
}

/** The people of an inline list ("Apologies: A, B and Cllr C"), each under `group`; none for "None". */
export function peopleFromList(text: string, group: string | null): Person[] {
  const t = text.trim().replace(/\.$/, '');
  if (!t || NONE.test(t)) return [];
  return splitPeople(t).map((piece) => {
    const e = readEntry(piece, false);
    return 'person' in e ? { ...e.person, group } : { name: e.roleOnly, title: null, role: null, group };
  });
}

/**
 * The entries of one attendance section. Tab-separated lists are one person per line, and a line without a
 * tab is a sub-heading. Otherwise lines wrapped inside a table cell are joined, and an entry with a post but no
 * name ("Head of Strategic Policy Group") belongs to the next person, or to the one before when that one has no role.
 */
export function readAttendance(lines: readonly Line[], label: string, flags: string[]): Person[] {
  const tabbed = lines.some((l) => l.tab);
  const entries: { text: string; bullet: boolean; group: boolean }[] = [];
  let prevBlank = true;
  for (const line of lines) {
    const t = line.text;
    if (!t) {
      prevBlank = true;
      continue;
    }
    const isGroup = (line.heading > 0 || /:$/.test(t) || (tabbed && !line.tab && nameSpan(words(t)) === null)) && !line.bullet && !NONE.test(t);
    const last = entries[entries.length - 1];
    const wrapped =
      !prevBlank &&
      !tabbed &&
      !line.bullet &&
      !isGroup &&
      last &&
      !last.group &&
      (/^\p{Ll}/u.test(t) || /\b(?:and|of|for|the|&)$/i.test(last.text) || (words(t).length <= 3 && nameSpan(words(t)) === null));
    if (wrapped) last.text += ` ${t}`;
    else entries.push({ text: isGroup ? t.replace(/:$/, '') : t, bullet: line.bullet, group: isGroup });
    prevBlank = false;
  }
  const people: Person[] = [];
  let group: string | null = null;
  let pendingTitle: string | null = null;
  let lastAdded = null as Person | null;
  const add = (p: Person) => {
    people.push(p);
    lastAdded = p;
  };
  for (const entry of entries) {
    if (entry.group) {
      group = entry.text;
      lastAdded = null;
      continue;
    }
    if (NONE.test(entry.text)) continue;
    // One line holding several people: "Siobhan Coldwell (MOPC), Sara Robinson (Mayor's Office)".
    const pieces = entry.text.includes('\t') ? [entry.text] : splitPeople(entry.text);
    if (pieces.length > 1 && pieces.every((p) => 'person' in readEntry(p, false))) {
      for (const p of pieces) add({ ...(readEntry(p, false) as { person: Omit<Person, 'group'> }).person, group });
      continue;
    }
    const e = readEntry(entry.text, tabbed);
    if ('roleOnly' in e) {
      const prev = lastAdded;
      if (prev && prev.role === null && !pendingTitle) prev.role = e.roleOnly;
      else pendingTitle = pendingTitle ? `${pendingTitle} ${e.roleOnly}` : e.roleOnly;
      continue;
    }
    const title = pendingTitle ? [pendingTitle, e.person.title].filter(Boolean).join(' ') : e.person.title;
    pendingTitle = null;
    add({ ...e.person, title, group });
  }
  if (pendingTitle) {
    flags.push(`Under ${label}, "${pendingTitle}" names no person.`);
    add({ name: pendingTitle, title: null, role: null, group });
  }
  return people;
}

/** Who the minutes list, looked up the ways minutes name people: full name, first name or its short form, initials. */

import type { Person } from './types';

/** The people of the attendance lists, by the names the items may call them. */
export interface Roster {
  /** The person a name, first name, short form ("Al" for Alastair) or initials stand for, or null. */
  find(name: string): Person | null;
  /** Whether the person sent apologies. */
  absent(person: Person): boolean;
}

/** Capitalised words that start sentences and are no one's short name. */
const NOT_NAMES = new Set(['he', 'she', 'we', 'they', 'it', 'this', 'that', 'there', 'these', 'those', 'all', 'an', 'as', 'at', 'if', 'in', 'on', 'no']);

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Initials as minutes write them: the first letter of each word of the name ("Debbie Baird-Palmer" is DBP). */
function initialsOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0]!)
    .join('');
}

/** Initials the attendance gives with a name ("Andy Gotz (AG)", "Rob Boyd  RB"), where they are the name's. */
function listedInitials(p: Person): string[] {
  const own = initialsOf(p.name);
  const listed = (p.role ?? '').match(/\b[A-Z]{2,4}\b/g) ?? [];
  return listed.filter((x) => x[0] === own[0] && x[x.length - 1] === own[own.length - 1]);
}

/** The roster of `present` (everyone who came, in any list) and `apologies`. */
export function rosterOf(present: readonly Person[], apologies: readonly Person[]): Roster {
  const byKey = new Map<string, Person>();
  const firstNames: [string, Person][] = [];
  const everyone = [...present, ...apologies];
  for (const p of everyone) {
    byKey.set(norm(p.name), p);
    for (const i of listedInitials(p)) byKey.set(i.toLowerCase(), p);
    const own = initialsOf(p.name);
    if (own.length >= 2 && !byKey.has(own.toLowerCase())) byKey.set(own.toLowerCase(), p);
    const names = p.name.split(/\s+/);
    // "O. Williams", "A Thomas": an initial and the surname.
    if (names.length >= 2 && /^\p{Lu}\p{Ll}/u.test(names[0]!)) {
      const short = `${names[0]![0]!} ${names[names.length - 1]!}`.toLowerCase();
      if (!byKey.has(short)) byKey.set(short, p);
    }
    // "The Treasurer": a post the attendance gives with a name ("Matt Travis (Treasurer)").
    for (const post of (p.role ?? '').toLowerCase().match(/\b(?:chair|chairman|chairperson|vice-chair|treasurer|secretary|clerk|president)\b/g) ?? [])
      if (!byKey.has(post)) byKey.set(post, p);
    const first = names[0];
    if (first && /^\p{Lu}\p{Ll}/u.test(first)) firstNames.push([first.toLowerCase(), p]);
  }
  const absentSet = new Set(apologies);
  return {
    find(name) {
      const key = norm(name.replace(/^(?:the|cllrs?\.?|councillor)\s+/i, '').replace(/^(\p{Lu})\.\s*/u, '$1 '));
      const hit = byKey.get(key);
      if (hit) return hit;
      if (!/^\p{Lu}\p{Ll}+$/u.test(name.trim()) || key.length < 2 || NOT_NAMES.has(key)) return null;
      return firstNames.find(([first]) => first === key)?.[1] ?? firstNames.find(([first]) => first.startsWith(key))?.[1] ?? null;
    },
    absent: (p) => absentSet.has(p),
  };
}

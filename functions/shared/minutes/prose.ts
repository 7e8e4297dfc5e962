/**
 * What minutes say in running text rather than mark: decisions ("RESOLVED that …", "It was agreed that …", "Minutes
 * approved") and, in minutes that mark no action at all, the undertakings of people present ("Nick will check
 * with the QGIS board", "Agreed that Matt Travis would look at the figures").
 */
import type { PendingAction } from './reader';
import type { Roster } from './roster';
import { clean, words } from './text';
import type { MinutesDecision, MinutesParagraph } from './types';

/** The sentences of a paragraph, not cut after "Cllr." or an initial ("Cllr. W. Loynton"). */
export function sentences(text: string): string[] {
  const out: string[] = [];
  const re = /[.!?]\s+(?=[\p{Lu}"“(])/gu;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(from, m.index);
    if (/(?:\b(?:Cllrs?|Dr|Mr|Mrs|Ms|Prof|St|No|Rt|Hon|e\.g|i\.e|etc|cf|Chq)|\b\p{Lu})$/u.test(before)) continue;
    out.push(clean(text.slice(from, m.index + 1)));
    from = m.index + m[0].length;
  }
  const rest = clean(text.slice(from));
  if (rest) out.push(rest);
  return out;
}

/**
 * A decision: passive ("were approved", "was duly appointed"), "agreed that", "RESOLVED", or a body agreeing or
 * noting ("The Board agreed", "The Committee noted the report": a noting is a decision of the meeting too).
 */
const DECISION =
  /\b(?:was|were|been|be)\s+(?:duly\s+|unanimously\s+|also\s+)?(?:agreed|approved|accepted|ratified|adopted|elected|carried|appointed|confirmed)\b|\bagreed\s+that\b|\bresolved\s+that\b|^(?:it\s+was\s+)?(?:agreed|resolved|approved)\b|\b(?:board|committee|council|meeting|group|members|lpc|sc)\s+(?:agreed|approved|resolved|accepted|ratified|noted)\b|^[\p{Lu}][\p{L}-]*\s+(?:appointed|approved|agreed)\b/iu;
/** A sentence that only reports on the wording of a decision is none ("It was not agreed"). */
const NOT_DECIDED = /\bnot\s+(?:been\s+)?(?:agreed|approved|accepted)\b/i;

/** The decisions of one paragraph, with its item. */
export function decisionsIn(text: string, item: string | null): MinutesDecision[] {
  return sentences(text)
    .filter((s) => (DECISION.test(s) || /\bRESOLVED\b/.test(s)) && !NOT_DECIDED.test(s))
    .map((s) => ({ text: s, item }));
}

/** Words that make an undertaking: "will", "would", "agreed to", "undertook to", not "will be" (a passive names no one). */
const UNDERTAKES =
  /\s(?:will|would|shall|agreed\s+to|undertook\s+to|offered\s+to|volunteered\s+to)\s+(?!be\b|also\s+be\b|not\b|have\b|need\b|like\b)(?=\p{Ll})/gu;
/** What may come before the one who undertakes in the same sentence. */
const CLAUSE_START = /(?:^|,\s+|;\s+|:\s+|\s[-–—]\s+|\bthat\s+)(?=\S)/g;
const POSTS = /^(?:the\s+)?(?:clerk|chair|chairman|chairperson|treasurer|secretary|president)$/i;

/** "Al and Steven" → ["Al", "Steven"], when each is someone in the roster or a post; null otherwise. */
function undertakers(subject: string, roster: Roster): string[] | null {
  const parts = subject.split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean);
  if (parts.length === 0 || words(subject).length > 8) return null;
  for (const p of parts) if (!POSTS.test(p) && !(/^[\p{Lu}]/u.test(p) && roster.find(p))) return null;
  return parts;
}

/**
 * The undertakings in the items' paragraphs, one per sentence, where the one who undertakes is in the attendance
 * lists or is a post ("The Treasurer will process these payments"); a sentence that an action already holds is left.
 */
export function proseActions(
  items: readonly { number: string; paragraphs: readonly MinutesParagraph[] }[],
  roster: Roster,
  taken: readonly string[],
): PendingAction[] {
  const out: PendingAction[] = [];
  const takenSentences = new Set(taken.flatMap(sentences));
  for (const item of items)
    for (const p of item.paragraphs)
      sentences(p.text).forEach((sentence, i, all) => {
        if (takenSentences.has(sentence)) return;
        const found = undertakerIn(sentence, roster);
        if (!found) return;
        // "Nick and Ant will consider.": what they will consider is the sentence before.
        const text = found.rest < 3 && i > 0 ? `${all[i - 1]!} ${sentence}` : sentence;
        out.push({ number: null, item: item.number, named: null, owners: found.owners, parts: [text] });
      });
  return out;
}

/** Who undertakes in `sentence`, and how many words follow the verb. */
function undertakerIn(sentence: string, roster: Roster): { owners: string[]; rest: number } | null {
  const starts = [0];
  CLAUSE_START.lastIndex = 0;
  for (let c = CLAUSE_START.exec(sentence); c; c = CLAUSE_START.exec(sentence)) {
    if (c[0].length === 0) CLAUSE_START.lastIndex++;
    else starts.push(c.index + c[0].length);
  }
  let s = 0;
  UNDERTAKES.lastIndex = 0;
  for (let m = UNDERTAKES.exec(sentence); m; m = UNDERTAKES.exec(sentence)) {
    while (s + 1 < starts.length && starts[s + 1]! <= m.index) s++;
    // One who undertakes is named in a few words: a longer stretch is not read, which keeps this linear.
    if (m.index - starts[s]! > 120) continue;
    const owners = undertakers(sentence.slice(starts[s]!, m.index).trim(), roster);
    if (owners) return { owners, rest: words(sentence.slice(m.index + m[0].length)).length };
  }
  return null;
}

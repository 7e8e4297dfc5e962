/** Who is to do an action, as the minutes write it: the people and bodies named before or after its verb, or labelled. */

import { findDate } from './dates';
import { isPost, ownerTag } from './margins';
import { clean, splitTopLevel, trimEndWhere, words } from './text';
import { COLLECTIVES, CONNECTORS, IMPERATIVES, MONTH, NONE, PARTICIPLE, WEEKDAY } from './vocabulary';

// Global, so that ownersOf can try each verb in turn; it sets lastIndex before each use.
const OWNER_VERB =
  /\s+(?:(?:is|are|was|were)\s+(?:(?:asked|requested|invited|tasked)\s+)?to|(?:agreed|undertook|offered|volunteered)\s+to|will|shall|should|must|would|to)\s+/gi;

/**
 * Tokens with bracketed groups kept whole: "Lucy Bogue (NOMS)" is three tokens. An opening bracket that no
 * closing one follows, and a stray closing one, are dropped. A scan, not `/\([^)]*\)|[^\s()]+/g`, which
 * searches to the end again from each of a run of unclosed brackets.
 */
function ownerTokens(s: string): string[] {
  const tokens: string[] = [];
  const lastClose = s.lastIndexOf(')');
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '(' && i < lastClose) {
      const close = s.indexOf(')', i + 1);
      tokens.push(s.slice(i, close + 1));
      i = close + 1;
    } else if (ch === '(' || ch === ')' || /\s/.test(ch)) i++;
    else {
      let end = i + 1;
      while (end < s.length && !/[\s()]/.test(s[end]!)) end++;
      tokens.push(s.slice(i, end));
      i = end;
    }
  }
  return tokens;
}

function ownerTokenOk(token: string): boolean {
  if (token.startsWith('(')) return true;
  const t = trimEndWhere(token, (ch) => ',;:.'.includes(ch));
  if (!t) return false;
  const lower = t.toLowerCase();
  if (CONNECTORS.has(lower) || COLLECTIVES.has(lower)) return true;
  return /^[\p{Lu}\d]/u.test(t);
}

/** A subject that names people or bodies: capitalised words, acronyms, "and", "from", brackets. */
function ownerLike(s: string): boolean {
  const t = ownerTokens(s.trim());
  if (t.length === 0 || t.length > 16 || t[0]!.startsWith('(')) return false;
  if (!t.every(ownerTokenOk)) return false;
  return t.some((x) => /^[\p{Lu}\d]/u.test(x) || COLLECTIVES.has(x.toLowerCase()));
}

/** "It was agreed that MOPAC" → "MOPAC": the owner-like words that end a longer clause. */
function ownerSuffix(s: string): string {
  const t = ownerTokens(s.trim());
  let i = t.length;
  while (i > 0 && ownerTokenOk(t[i - 1]!)) i--;
  const rest = t.slice(i);
  while (rest.length && CONNECTORS.has(rest[0]!.toLowerCase()) && !['the', 'all', 'both', 'each'].includes(rest[0]!.toLowerCase())) rest.shift();
  const joined = rest.join(' ');
  return ownerLike(joined) ? joined : '';
}

/** "Partners from MOPAC, MPS, London Councils and MoJ/HO" → each body as written. */
function splitOwners(s: string): string[] {
  const body = s
    .trim()
    .replace(/^(?:all\s+)?(?:partners|representatives|colleagues|officers|leads|members|staff|officials)\s+(?:from|of|at|in)\s+/i, '')
    .replace(/[.,;:]+$/, '');
  const out: string[] = [];
  for (const piece of splitTopLevel(body)) {
    // Separators are kept so that a body is returned as written.
    const parts = piece.split(/(\s+(?:and|&|as well as)\s+)/);
    for (let i = 0; i < parts.length; i += 2) {
      let owner = parts[i]!;
      // "Mayor's Office for Policing and Crime" is one body: "<for|of> X and Y" stays together.
      while (i + 2 < parts.length && /\b(?:for|of)\s+\S+$/i.test(owner) && words(parts[i + 2]!).length === 1) {
        owner += parts[i + 1]! + parts[i + 2]!;
        i += 2;
      }
      out.push(owner);
    }
  }
  // "TE/LG": initials joined by a slash are two people ("MoJ/HO" is one body).
  const split = out.flatMap((o) => (/^[A-Z]{2,4}(?:\/[A-Z]{2,4})+$/.test(o.trim()) ? o.trim().split('/') : [o]));
  return split.map(clean).filter((o) => o.length > 0 && ownerLike(o));
}

/** What brackets hold that is no one: a reference to a paper or a part of the minutes ("[Appendix A]", "[see item 4]"). */
const NOT_OWNER = /^(?:appendix|annex|annexe|paper|item|minute|page|see|enc|enclosure|attachment|ref|doc|document|note|draft|tbc|sic)\b/i;

/**
 * The owners in brackets ("[JS]", "[Clerk]", "[Finance Committee]"), or null when they hold no one: initials, a post or
 * a name someone in the attendance has, else capitalised words that name a body, kept as written.
 */
export function bracketOwners(inside: string, known: (name: string) => boolean): string[] | null {
  const t = inside.trim();
  if (!t || NOT_OWNER.test(t) || /\d/.test(t)) return null;
  const tagged = ownerTag(t, known, false);
  if (tagged) return tagged;
  const owners = ownerLike(t) && words(t).length <= 5 ? splitOwners(t) : [];
  return owners.length ? owners : null;
}

/** Words that may follow "Action:" and are no owner ("Action: None", "Action: Noted"). */
const NO_ONE =
  /^(?:noted|none|nil|n\/a|no action|no further action|tbc|tba|see\b.*|as above|ongoing|complete(?:d)?|closed|done|agreed|approved|resolved|deferred|accepted|carried)$/i;

/**
 * "Action: Clerk", "Action: JS/KM", "Action: the Finance Committee": an "Action:" that names only who, and so makes the
 * paragraph before it an action. Null when it says more than who (a verb, a sentence) or names no one.
 */
export function ownersOnly(text: string): string[] | null {
  const t = clean(text.replace(/\.$/, ''));
  const w = words(t);
  if (w.length === 0 || w.length > 6 || NONE.test(t) || NO_ONE.test(t) || IMPERATIVES.has(w[0]!.toLowerCase())) return null;
  if (w.some((x) => /^(?:to|will|shall|should|must|is|are|was|were)$/i.test(x))) return null;
  const owners = ownerLike(t) ? splitOwners(t) : [];
  return owners.length ? owners : null;
}

/** The first sentence, not fooled by "Cllr." or an initial. */
function firstSentence(text: string): string {
  const re = /([.;])\s+(?=[\p{Lu}"“])/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(0, m.index);
    if (m[1] === '.' && /(?:\b(?:Cllr|Dr|Mr|Mrs|Ms|Prof|St|No|Rt|Hon|e\.g|i\.e|etc|cf)|\b\p{Lu})$/u.test(before)) continue;
    return before;
  }
  return text.replace(/[.;]\s*$/, '');
}

const NOT_AGENT = new RegExp(`^(?:the\\s+)?(?:next|end|close|start|beginning|middle|latest|\\d|${MONTH}|${WEEKDAY.slice(0, -1)}\\b)`, 'i');

/**
 * Who is to do it, as written; empty when the minutes name no one. `known` says whether initials are someone's in
 * the attendance: initials in brackets closing the action name its owners ("STFC to ask … (SP)").
 */
export function ownersOf(text: string, named: string | null, known: (initials: string) => boolean = () => false): string[] {
  const closing = /\(([^()]{2,40})\)\.?$/.exec(text.trim());
  const initials = closing ? closing[1]!.split(/\s*(?:&|,|\/|\band\b)\s*/).filter(Boolean) : [];
  if (!named && initials.length && initials.every((i) => /^[A-Z]{2,4}$/.test(i) && known(i))) return initials;
  const labelled = /\b(?:owners?|lead|responsible|by whom|assigned to)\s*[:\-–]\s*([^;\n()]+?)\s*(?:[;.)]|\bdue\b|\bby\s+\d|$)/i.exec(text);
  if (labelled) return splitOwners(labelled[1]!);
  if (named) return splitOwners(named);
  // "[JS] to circulate …", "Circulate the terms [Clerk] by 14 March": square brackets around an owner, anywhere.
  const squared = /\[([^[\]]{1,40})\]/.exec(text);
  const inSquare = squared ? bracketOwners(squared[1]!, known) : null;
  if (inSquare) return inSquare;
  const sentence = firstSentence(text.trim());
  const [firstWord = '', secondWord = ''] = words(sentence.toLowerCase());
  // "Update the register" is an instruction; "Update to be circulated" is a noun.
  const imperative = IMPERATIVES.has(firstWord) && !['to', 'will', 'should', 'shall', 'must', 'is', 'are', 'was', 'were'].includes(secondWord);
  const verbFirst = /^to\s/i.test(sentence) || /^\p{Ll}/u.test(sentence) || imperative;
  if (verbFirst) {
    // "To circulate the paper – Dan Hales", "Circulate the paper (Dan Hales)"
    const tail = /\s[–—-]\s+([^–—]+?)\.?$/.exec(sentence) ?? /\(([^()]+)\)\.?$/.exec(sentence) ?? /,\s*([^,]+?)\s+to\s+lead\.?$/i.exec(sentence);
    const who = tail?.[1]?.replace(/\s*,?\s*(?:by|before)\s+.*$/i, '').trim();
    return who && ownerLike(who) && !findDate(who) ? splitOwners(who) : [];
  }
  // "Dan Hales – circulate the paper", "MOPAC: to circulate"
  const lead = /^([^–—:]+?)\s*[–—:]\s+(?:to\s+)?\p{Ll}/u.exec(sentence);
  if (lead && ownerLike(lead[1]!)) return splitOwners(lead[1]!);
  OWNER_VERB.lastIndex = 0;
  for (let m = OWNER_VERB.exec(sentence); m; m = OWNER_VERB.exec(sentence)) {
    const subject = sentence.slice(0, m.index);
    const after = sentence.slice(m.index + m[0].length);
    const passive = /^be\s+(\S+)/i.exec(after);
    if (passive && PARTICIPLE.test(passive[1]!)) {
      // "Update to be presented by MOPAC": the agent owns it; "… by 30 June" names no one.
      const by = /\bby\s+(.+?)(?=\s+(?:by|before|at|to|in|on)\s|[.,;]|$)/i.exec(after);
      return by && !NOT_AGENT.test(by[1]!) && ownerLike(by[1]!) ? splitOwners(by[1]!) : [];
    }
    const who = ownerLike(subject) ? subject : ownerSuffix(subject);
    if (who) return splitOwners(who);
    if (subject.trim()) return [];
  }
  return [];
}

/** A word that joins the owners of one action ("JS and KM", "JS & KM", "JS/KM"). */
const JOINS = new Set(['and', '&']);

/**
 * Whether `text` starts with an action's owner and its verb ("KM to book the room", "Clerk will write"): owners that
 * `known` knows or initials or a post, then "to" or "will" and a verb in lower case. Reads its first few words only.
 */
function startsWithOwner(text: string, known: (name: string) => boolean): boolean {
  const w = words(text);
  const verb = w.findIndex((x) => /^(?:to|will)$/.test(x));
  if (verb < 1 || verb > 5 || !/^\p{Ll}/u.test(w[verb + 1] ?? '')) return false;
  const subject = w.slice(0, verb);
  if (JOINS.has(subject[0]!.toLowerCase())) return false;
  return subject.every((x) => JOINS.has(x.toLowerCase()) || x.split('/').every((o) => /^[A-Z]{2,4}$/.test(o) || isPost(o) || (/^\p{Lu}/u.test(o) && known(o))));
}

/**
 * One action's text cut where another owner's action starts in the same line or paragraph ("JS to circulate the
 * terms; KM to book the room."), after a semicolon or a full stop; a sentence that names no owner stays with the one
 * before ("JS to circulate the terms. This should include the budget.").
 */
export function splitActions(text: string, known: (name: string) => boolean): string[] {
  const out: string[] = [];
  const re = /([.;])\s+/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const after = m.index + m[0].length;
    if (m[1] === '.' && /(?:\b(?:Cllrs?|Dr|Mr|Mrs|Ms|Prof|St|No|e\.g|i\.e|etc)|\b\p{Lu})$/u.test(text.slice(Math.max(from, m.index - 6), m.index))) continue;
    if (!startsWithOwner(text.slice(after, after + 80), known)) continue;
    out.push(text.slice(from, m[1] === '.' ? m.index + 1 : m.index).trim());
    from = after;
  }
  out.push(text.slice(from).trim());
  return out.filter(Boolean);
}

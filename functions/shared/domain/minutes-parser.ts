import { ValidationError } from './errors';

/** Someone listed in an attendance section. */
export interface Person {
  /** The person's name without honorific or post ("Boris Johnson"); as written when no name could be told apart. */
  name: string;
  /** What the minutes put before the name: honorific and/or post ("Mayor", "Deputy Commissioner", "Cllr."); null if nothing. */
  title: string | null;
  /** Role and/or organisation as written after the name ("DMPC, MOPAC", "Metropolitan Police Service (MPS)"); null if none. */
  role: string | null;
  /** The sub-heading the person is listed under ("Board and advisors"); null if none. */
  group: string | null;
}

/** A paragraph of an item, with its number as written ("3", "3.1") or null. */
export interface MinutesParagraph {
  number: string | null;
  text: string;
}

/** An agenda item as minuted. */
export interface MinutesItem {
  /** As written: "3", "3a". */
  number: string;
  title: string;
  paragraphs: MinutesParagraph[];
}

/** An action the meeting agreed. */
export interface MinutesAction {
  /** The action's own number ("Action 2:"), or null when the minutes do not number it. */
  number: number | null;
  /** The number of the item it was agreed under, or null (e.g. a closing summary of actions). */
  item: string | null;
  /** People and/or organisations as written ("Lucy Bogue (NOMS)", "MOPAC"); empty when the minutes name none. */
  owners: string[];
  /** The action as written, after its "Action n:" marker. */
  text: string;
  /** An ISO date (YYYY-MM-DD), "next meeting", or null when the minutes state no deadline. */
  due: string | null;
}

/** When and where: `date` YYYY-MM-DD, times HH:MM (24-hour). */
export interface MeetingDetails {
  board: string | null;
  date: string | null;
  time: string | null;
  venue: string | null;
  /** When the minutes say the meeting finished ("The meeting finished at 15.50"). */
  endTime: string | null;
}

/** The next meeting as announced; `date` is null when the minutes say it is to be confirmed. */
export interface NextMeeting {
  date: string | null;
  time: string | null;
  venue: string | null;
}

/** What `parseMinutes` reads from a set of minutes. */
export interface ParsedMinutes {
  meeting: MeetingDetails;
  present: Person[];
  apologies: Person[];
  officers: Person[];
  /** "Presenting" / "Presenters". */
  presenting: Person[];
  /** "Also present", "In attendance", "Support", "Guests", "Observers". */
  inAttendance: Person[];
  items: MinutesItem[];
  actions: MinutesAction[];
  /** Whether the minutes record the last meeting's minutes as agreed; null when they do not say. */
  previousMinutesAgreed: boolean | null;
  /** Null when the minutes do not mention the next meeting. */
  nextMeeting: NextMeeting | null;
  /** Things the secretariat should check, in plain words. */
  flags: string[];
}

/**
 * Where the parser found the parts of a set of minutes, by line of the text (0-based, the text split at its
 * line breaks, so an "Action:" after a full stop shares its sentence's line).
 */
export interface MinutesOutline {
  /** Each item's heading, in order; `inferred` when the heading has no number and the parser numbered it. */
  items: { number: string; title: string; line: number; inferred: boolean }[];
  /** The lines of each paragraph read into an item, wherever it stands (after the next meeting's date, too). */
  paragraphs: { item: string; first: number; last: number }[];
  /**
   * Each action as written, with the item it was read under or names; copies of one action (a closing
   * summary repeating it) share `group`, the index of the action in `parseMinutes(text).actions`.
   */
  actions: { number: number | null; item: string | null; group: number; first: number; last: number }[];
  /** Lines after which the minutes read outside the items: the next meeting's date, a closing summary of actions. */
  closings: number[];
}

type Section = 'present' | 'apologies' | 'officers' | 'presenting' | 'inAttendance';

const SECTION_LABEL: Record<Section, string> = {
  present: 'Present',
  apologies: 'Apologies',
  officers: 'Officers',
  presenting: 'Presenting',
  inAttendance: 'In attendance',
};

const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const WEEKDAY = '(?:(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:r(?:s)?)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\\s+)?';
const ORDINAL = '(?:st|nd|rd|th)?';
const DATE_PATTERNS: { re: RegExp; parts: (m: RegExpExecArray) => [string | undefined, string | undefined, string | undefined] }[] = [
  // 10 March 2015, Tuesday 10th of March 2015
  { re: new RegExp(`\\b${WEEKDAY}(\\d{1,2})${ORDINAL}(?:\\s+of)?\\s+${MONTH}(?:,?\\s+(\\d{4}))?\\b`, 'gi'), parts: (m) => [m[3], m[2], m[1]] },
  // March 10, 2015
  { re: new RegExp(`\\b${WEEKDAY}${MONTH}\\s+(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}))?\\b`, 'gi'), parts: (m) => [m[3], m[1], m[2]] },
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, parts: (m) => [m[1], m[2], m[3]] },
  // UK order: day first.
  { re: /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/g, parts: (m) => [m[3], m[2], m[1]] },
];

interface Found {
  index: number;
  end: number;
}
interface FoundDate extends Found {
  iso: string | null;
  yearless: boolean;
}

function monthNumber(word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  const i = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(word.slice(0, 3).toLowerCase());
  return i + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day > last ? null : `${year}-${pad(month)}-${pad(day)}`;
}

/** A date without a year is the first such date on or after `ref` (a deadline or the next meeting is never in the past). */
function withYear(month: number, day: number, ref: string | null): string | null {
  if (!ref) return null;
  const year = Number(ref.slice(0, 4));
  const same = isoDate(year, month, day);
  return same && same >= ref ? same : isoDate(year + 1, month, day);
}

/** The earliest date in `text`. Month names must be capitalised, so the verb "may" is not read as a month. */
function findDate(text: string, ref: string | null = null): FoundDate | null {
  let best: FoundDate | null = null;
  for (const { re, parts } of DATE_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (best && m.index >= best.index) break;
      const [y, mo, d] = parts(m);
      if (!mo || !d) continue;
      if (!/^\d/.test(mo) && !/^[A-Z]/.test(mo)) continue;
      const month = monthNumber(mo);
      let year = y ? Number(y) : null;
      if (year !== null && year < 100) year += 2000;
      const iso = year === null ? withYear(month, Number(d), ref) : isoDate(year, month, Number(d));
      if (year !== null && !iso) continue;
      best = { index: m.index, end: m.index + m[0].length, iso, yearless: year === null };
      break;
    }
  }
  return best;
}

interface FoundTime extends Found {
  hhmm: string;
}

const TIME_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => [number, number] | null }[] = [
  {
    re: /\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?/gi,
    read: (m) => {
      const h = Number(m[1]);
      if (h < 1 || h > 12) return null;
      const pm = m[3]!.toLowerCase() === 'p';
      return [pm ? (h === 12 ? 12 : h + 12) : h === 12 ? 0 : h, Number(m[2] ?? 0)];
    },
  },
  { re: /\b(noon|midday)\b/gi, read: () => [12, 0] },
  // Not part of a date ("10.03.2015", "10:03/15"); a full stop that ends the sentence is fine ("at 14:00.").
  { re: /\b(\d{1,2})[:.](\d{2})(?![\d:/]|\.\d)(?:\s*(?:hrs|hours|h)\b)?/g, read: (m) => bare(Number(m[1]), Number(m[2])) },
  { re: /\b([01]\d|2[0-3])([0-5]\d)\s*hrs?\b/gi, read: (m) => [Number(m[1]), Number(m[2])] },
];

/** A bare "3:30" at a board meeting is mid-afternoon: nobody minutes a 3:30 am meeting, so an hour before 8 is pm. */
function bare(h: number, m: number): [number, number] {
  return [h < 8 ? h + 12 : h, m];
}

/**
 * The first time in `text` as HH:MM (24-hour). Accepts "15:30", "3.30pm", "10am", "12:00pm", "noon",
 * "1530hrs"; a bare "h:mm" or "h.mm" with h < 8 is read as pm (see `bare`). Explicit am/pm wins over a
 * bare number elsewhere in the text.
 */
function findTime(text: string): FoundTime | null {
  for (const { re, read } of TIME_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const hm = read(m);
      if (!hm || hm[0] > 23 || hm[1] > 59) continue;
      return { index: m.index, end: m.index + m[0].length, hhmm: `${pad(hm[0])}:${pad(hm[1])}` };
    }
  }
  return null;
}

/** What is left of a date/time line once the date and time are taken out: the venue, if anything. */
function venueFrom(text: string): string | null {
  let v = text;
  for (let before = ''; before !== v;) {
    before = v;
    v = v.replace(/^[\s,.;:–—-]+/, '').replace(/^(?:held|at|in|venue:?|location:?|place:?)(?:\s+|$)/i, '');
  }
  v = v.replace(/\s+/g, ' ').replace(/[\s,.;:–—-]+$/, '');
  return v.length > 1 ? v : null;
}

/** Date, time and venue from one line such as "Tuesday 10 March 2015, 3:30 Mayor's Office, City Hall". */
function whenAndWhere(text: string, ref: string | null): { date: FoundDate | null; time: string | null; venue: string | null } {
  const date = findDate(text, ref);
  const afterDate = date ? text.slice(date.end) : text;
  const time = findTime(afterDate);
  // The end of a "10am – 12pm" range is not part of the venue.
  const afterTime = time ? afterDate.slice(time.end).replace(/^\s*(?:[-–—]|to|until)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?/i, '') : '';
  const rest = time ? `${afterDate.slice(0, time.index)} ${afterTime}` : afterDate;
  return { date, time: time?.hhmm ?? null, venue: date || time ? venueFrom(rest) : null };
}

/** Words of posts and organisations in public-sector minutes: a capitalised word among these is not part of a name. */
const ROLE_WORDS = new Set(
  `head chief deputy assistant associate acting interim director directorate executive officer officers manager programme program project policy strategy
  strategic business development unit group team delivery operations operational services service lead adviser advisor advisors advisers secretary clerk
  chair chairman chairwoman chairperson vice member members board commissioner commander superintendent inspector constable sergeant mayor councillor
  leader minister principal senior partnership partnerships analyst coordinator co-ordinator governance finance financial planning performance research
  communications engagement community communities safety justice criminal crime policing police probation prison prisons health public reform office
  council councils authority department ministry trust agency borough city county metropolitan national regional local government crown prosecution
  prosecutor offender offenders management home england london fire rescue ambulance commission committee secretariat representative specialist
  legal counsel treasurer controller registrar corporate resources transformation change children adult adults social care education housing youth
  victims victim equality diversity integration safeguarding intelligence security counter terrorism prevent audit risk compliance support administrator
  administration reduction violence gangs region general attorney solicitor tribunal limited ltd plc university college school hospital
  foundation charity network forum association federation union institute centre center commissioning standards operating central
  reoffending rehabilitation company`.split(/\s+/),
);
/** Honorifics and ranks that come before a name. */
const TITLE_WORDS = new Set(
  'mr mrs ms miss mx dr prof professor sir dame lord lady baroness baron rt hon honourable cllr councillor rev revd reverend canon alderman supt ch insp det dcs dci di ds pc'.split(
    ' ',
  ),
);
const PARTICLES = new Set(['de', 'da', 'van', 'von', 'der', 'den', 'du', 'le', 'la', 'di', 'al', 'bin', 'ibn']);

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
function nameSpan(tokens: readonly string[]): [number, number] | null {
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

const clean = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '')
    .trim();
const orNull = (s: string) => (clean(s) ? clean(s) : null);

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

/** Splits on commas and semicolons outside brackets. */
function splitTopLevel(text: string, separators = /[,;]/): string[] {
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

/** "Jane Smith (MPS), John Doe and Cllr Peck" → three entries; "and" splits only between two people. */
function splitPeople(text: string): string[] {
  return splitTopLevel(text).flatMap((piece) => {
    const halves = piece.split(/\s+(?:and|&)\s+/);
    return halves.length === 2 && halves.every((h) => nameSpan(h.split(/\s+/)) !== null) ? halves : [piece];
  });
}

const NONE = /^(?:none|nil|n\/a|no apologies(?: were)?(?: received)?|there were no apologies)\.?$/i;

function peopleFromList(text: string, group: string | null): Person[] {
  const t = text.trim().replace(/\.$/, '');
  if (!t || NONE.test(t)) return [];
  return splitPeople(t).map((piece) => {
    const e = readEntry(piece, false);
    return 'person' in e ? { ...e.person, group } : { name: e.roleOnly, title: null, role: null, group };
  });
}

interface Line {
  text: string;
  heading: number;
  bullet: boolean;
  tab: boolean;
  /** The line of the text it comes from (0-based): an "Action:" split off a sentence shares its sentence's line. */
  source: number;
}

function toLines(text: string): Line[] {
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

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** A line that reads as a sentence rather than a list entry: many lower-case words. */
function isProse(text: string): boolean {
  const w = words(text);
  if (w.length < 6 || text.includes('\t')) return false;
  const lower = w.filter((x) => /^\p{Ll}/u.test(x) && !['and', 'of', 'for', 'the', '&'].includes(x)).length;
  return lower / w.length > 0.4;
}

const endsSentence = (s: string) => /[.!?]["'”’)\]]*$/.test(s.trim());

const ATTENDANCE =
  /^(present|members present|board members present|attendees|attending|attendance|apologies(?: for absence)?(?: received)?|officers(?: present| in attendance)?|secretariat|presenting|presenters|presenting officers|also present|also in attendance|in attendance|support|supporting officers|guests|observers)\s*(?:[:\-–—]\s*(.*))?$/i;
const APOLOGIES_FROM = /^apologies(?: for absence)?\s+(?:were|had been|have been)?\s*(?:received|noted|given|tendered)\s+from\s+(.+)$/i;

function sectionOf(label: string): Section {
  const l = label.toLowerCase();
  if (l.startsWith('apolog')) return 'apologies';
  if (l.startsWith('officers') || l === 'secretariat') return 'officers';
  if (l.startsWith('present') && l !== 'present') return 'presenting';
  if (/also|in attendance|support|guests|observers/.test(l)) return 'inAttendance';
  return 'present';
}

const NEXT_MEETING =
  /^(?:the\s+)?(?:date\s+(?:and\s+time\s+)?of\s+(?:the\s+)?next\s+(?:[\w-]+\s+){0,3}?meeting|next\s+(?:[\w-]+\s+){0,3}?meeting(?:\s+date)?)\b\s*(?:is|will\s+be(?:\s+held)?|has\s+been\s+(?:set|arranged|fixed))?\s*(?:on|for)?\s*[:\-–—]?\s*(.*)$/i;
const TBC = /\b(?:tbc|tba|tbd|to be (?:confirmed|arranged|agreed|announced|decided|determined))\b/i;
const ACTIONS_HEADING =
  /^(summary of |schedule of |new |agreed |list of )?(?:actions?(?: points?| arising| log| agreed| summary| list| tracker| register)?)\s*:?$/i;
const ACTION_MARKER = /^actions?(?:\s+point)?\s*(\d+)?(?:\s*\(([^()]*)\))?\s*[:.\-–—]\s*(.*)$/i;
const STATUS = /^(?:open|closed|done|complete(?:d)?|ongoing|in[\s-]progress|dropped|carried forward|outstanding|superseded)$/i;
const ITEM_EXPLICIT = /^(?:agenda\s+)?item\s+(\d{1,3}[a-z]?)\b\s*[.:)\-–—]*\s*(.*)$/i;
const ITEM_NUMBERED = /^(\d{1,3}[a-z]?)[.):]?\s+(?!\d)(.+)$/;
const ITEM_BARE = /^(\d{1,2}[a-z]?)[.):]\s*(?!\d)(.+)$/;
const PARA_NUMBER = /^(\d{1,3}(?:\.\d{1,3})+)\.?\s+(.*)$|^(\d{1,3})[.)]\s+(.*)$/;
const PLACEHOLDER = /\[(?:owner|what|summary|name|date|tbc|insert)[^\]]*\]/i;

/** A title rather than a sentence: short, capitalised, no closing full stop (except in capitals). */
function titleLike(title: string, allowStop: boolean): boolean {
  const w = words(title);
  if (w.length === 0 || w.length > 14 || /^\p{Ll}/u.test(title)) return false;
  if (/\.\s+\p{Lu}/u.test(title)) return false;
  const caps = title === title.toUpperCase();
  return allowStop || caps || !/[.,;:!?]$/.test(title);
}

const itemTitle = (t: string) => clean(t.replace(/\.$/, ''));

const CONNECTORS = new Set(['and', 'of', 'for', 'the', 'from', '&', 'in', 'at', 'on', 'de', 'van', 'all', 'both', 'each', '/']);
const COLLECTIVES = new Set([
  'all',
  'members',
  'partners',
  'officers',
  'colleagues',
  'boroughs',
  'leads',
  'representatives',
  'team',
  'secretariat',
  'chair',
  'board',
  'staff',
]);
const IMPERATIVES = new Set(
  `circulate provide send share arrange prepare update review write confirm invite draft bring present report organise organize schedule consider develop
  produce contact liaise investigate explore publish add check ensure identify agree set seek establish follow convene submit propose collate compile`.split(
    /\s+/,
  ),
);
const PARTICIPLE =
  /^(?:\w+ed|\w+en|brought|sent|made|held|shown|done|put|set|kept|sought|found|built|drawn|known|read|run|seen|told|met|paid|led|spread|shut|cut)$/i;
const OWNER_VERB =
  /\s+(?:(?:is|are|was|were)\s+(?:(?:asked|requested|invited|tasked)\s+)?to|(?:agreed|undertook|offered|volunteered)\s+to|will|shall|should|must|would|to)\s+/gi;

/** Tokens with bracketed groups kept whole: "Lucy Bogue (NOMS)" is three tokens. */
const ownerTokens = (s: string) => s.match(/\([^)]*\)|[^\s()]+/g) ?? [];

function ownerTokenOk(token: string): boolean {
  if (token.startsWith('(')) return true;
  const t = token.replace(/[,;:.]+$/, '');
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
  return out.map(clean).filter((o) => o.length > 0 && ownerLike(o));
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

/** Who is to do it, as written; empty when the minutes name no one. */
function ownersOf(text: string, named: string | null): string[] {
  const labelled = /\b(?:owners?|lead|responsible|by whom|assigned to)\s*[:\-–]\s*([^;\n()]+?)\s*(?:[;.)]|\bdue\b|\bby\s+\d|$)/i.exec(text);
  if (labelled) return splitOwners(labelled[1]!);
  if (named) return splitOwners(named);
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

interface Due {
  due: string | null;
  note: string | null;
}

/** "by 30 June 2015" → ISO; "to the next meeting" → "next meeting"; "by end of June" → the month's last day (noted). */
function dueOf(text: string, ref: string | null): Due {
  const kw = /\b(?:by|before|no later than|not later than|on or before|due(?:\s+date)?|deadline|by when|until|w\/c|week commencing)\s*:?\s+(?:the\s+)?/gi;
  for (let m = kw.exec(text); m; m = kw.exec(text)) {
    const after = text.slice(m.index + m[0].length);
    const d = findDate(after, ref);
    if (d && d.index === 0) {
      if (d.iso)
        return { due: d.iso, note: d.yearless ? `"${text.slice(m.index, m.index + m[0].length + d.end).trim()}" has no year; read as ${d.iso}` : null };
      return { due: null, note: `"${text.slice(m.index, m.index + m[0].length + d.end).trim()}" has no year and the meeting's date is unknown` };
    }
    const month = new RegExp(`^(?:(?:the\\s+)?end\\s+of\\s+)?${MONTH}(?:\\s+(\\d{4}))?\\b`).exec(after);
    if (month && /^(?:(?:the\s+)?end\s+of\s+)?[A-Z]/.test(month[0])) {
      const mo = monthNumber(month[1]!);
      const year = month[2] ? Number(month[2]) : ref ? Number(ref.slice(0, 4)) + (mo < Number(ref.slice(5, 7)) ? 1 : 0) : null;
      if (year === null) return { due: null, note: `"${month[0]}" has no year and the meeting's date is unknown` };
      const iso = isoDate(year, mo, new Date(Date.UTC(year, mo, 0)).getUTCDate());
      return { due: iso, note: `"${text.slice(m.index, m.index + m[0].length + month[0].length).trim()}" read as ${iso}, the end of the month` };
    }
  }
  if (/\b(?:by|before|for|to|at|ahead of|prior to|in time for|until)\s+(?:the\s+)?next\s+(?:[\w-]+\s+){0,2}?(?:meeting|board)\b/i.test(text)) {
    return { due: 'next meeting', note: null };
  }
  return { due: null, note: null };
}

/** The "Due" cell of an actions table: a date, "next meeting", or a phrase read as if it followed "by". */
function dueCell(cell: string, ref: string | null): Due {
  if (/\bnext\s+(?:[\w-]+\s+){0,2}?meeting\b/i.test(cell)) return { due: 'next meeting', note: null };
  const d = findDate(cell, ref);
  if (d?.iso) return { due: d.iso, note: d.yearless ? `"${cell}" has no year; read as ${d.iso}` : null };
  return dueOf(`by ${cell}`, ref);
}

interface PendingAction {
  number: number | null;
  item: string | null;
  named: string | null;
  parts: string[];
  /** The "Due" cell of an actions table, as written. */
  due?: string;
  /** The first and last line of the text it was read from. */
  first?: number;
  last?: number;
}

interface ListMode {
  item: string | null;
  /** A section of its own ("## Actions"): every paragraph until the next heading is an action. */
  section: boolean;
  bullets: boolean | null;
}

/**
 * Reads line by line, because what a line means depends on what came before: a name under "Present" is an
 * attendee, "1." after "ITEM 3" is a paragraph, a line after "Action 2:" continues it until a blank line
 * closes the sentence.
 */
class MinutesReader {
  readonly header: string[] = [];
  readonly people: Record<Section, Person[]> = { present: [], apologies: [], officers: [], presenting: [], inAttendance: [] };
  sawAttendance = false;
  readonly items: MinutesItem[] = [];
  readonly preamble: MinutesParagraph[] = [];
  readonly rawActions: PendingAction[] = [];
  readonly flags: string[] = [];
  next: { text: string } | null = null;
  awaitingNext = false;
  /** For `outlineMinutes`: where each item's heading is, the lines of each item's paragraphs, the lines that close the items. */
  readonly itemLines: { line: number; inferred: boolean }[] = [];
  readonly paragraphLines: { item: string; first: number; last: number }[] = [];
  readonly closings: number[] = [];
  private source = 0;

  private region: 'header' | 'body' = 'header';
  private attendance: { section: Section; level: number; lines: Line[] } | null = null;
  private item: MinutesItem | null = null;
  private itemLevel = 0;
  private para: { number: string | null; parts: string[]; first?: number; last?: number } | null = null;
  private action: PendingAction | null = null;
  private list: ListMode | null = null;
  private table: { cols: string[]; item: string | null } | null = null;
  private blank = false;
  /** "Item 3" alone on its line: the title is on the next one. */
  private titlePending = false;

  constructor(private readonly explicitItems: boolean) {}

  read(lines: readonly Line[]): void {
    for (const line of lines) {
      this.source = line.source;
      this.line(line);
      if (!line.text) continue;
      for (const open of [this.para, this.action]) {
        if (!open) continue;
        open.first ??= line.source;
        open.last = line.source;
      }
    }
    this.closeAttendance();
    this.closeBody();
  }

  private line(line: Line): void {
    const t = line.text;
    if (!t) {
      this.blank = true;
      this.attendance?.lines.push(line);
      if (this.table) this.table = null;
      return;
    }
    if (this.titlePending) {
      this.titlePending = false;
      if (this.item && !line.bullet && titleLike(t, true) && !ATTENDANCE.test(t) && !ACTION_MARKER.test(t) && !PARA_NUMBER.test(t)) {
        this.item.title = itemTitle(t);
        return this.done();
      }
    }
    if (this.awaitingNext) {
      this.awaitingNext = false;
      if (findDate(t) || TBC.test(t)) {
        this.next = { text: t };
        return this.done();
      }
    }
    // "5.1 The next meeting will be held on …": a numbered paragraph may announce it too.
    const next = NEXT_MEETING.exec(t.replace(/^\d{1,3}\.\d{1,3}\s+/, ''));
    if (
      next &&
      !(this.action && !this.blank) &&
      (findDate(next[1]!) || TBC.test(next[1]!) || (!next[1] && (line.heading > 0 || /:\s*$/.test(t) || /^date/i.test(t))))
    ) {
      this.closeAttendance();
      this.closeBody();
      this.closings.push(this.source);
      if (next[1]) this.next = { text: next[1] };
      else this.awaitingNext = true;
      return this.done();
    }
    const att = line.bullet ? null : ATTENDANCE.exec(t);
    if (att && !line.tab) {
      this.closeAttendance();
      this.closeParagraphs();
      this.sawAttendance = true;
      const section = sectionOf(att[1]!);
      if (att[2]) this.people[section].push(...peopleFromList(att[2], null));
      else this.attendance = { section, level: line.heading, lines: [] };
      this.region = 'body';
      return this.done();
    }
    const apologiesFrom = APOLOGIES_FROM.exec(t);
    if (apologiesFrom && !line.bullet) {
      this.closeAttendance();
      this.sawAttendance = true;
      this.people.apologies.push(...peopleFromList(apologiesFrom[1]!, null));
      if (this.region === 'header') this.region = 'body';
      return this.done();
    }
    const item = this.itemOf(line);
    if (item) {
      this.closeAttendance();
      this.closeBody();
      this.item = { number: item.number, title: item.title, paragraphs: [] };
      this.itemLevel = line.heading;
      this.items.push(this.item);
      this.itemLines.push({ line: this.source, inferred: item.inferred === true });
      this.titlePending = !item.title;
      this.region = 'body';
      return this.done();
    }
    if (this.attendance) {
      const a = this.attendance;
      const deeper = line.heading > a.level && a.level > 0;
      const structural = ACTIONS_HEADING.test(t) || ACTION_MARKER.test(t) || t.startsWith('|');
      if ((line.heading === 0 || deeper) && !structural && !isProse(t)) {
        a.lines.push(line);
        return this.done();
      }
      this.closeAttendance();
    }
    if (this.region === 'header') {
      if (!ACTIONS_HEADING.test(t) && !ACTION_MARKER.test(t) && !PARA_NUMBER.test(t)) {
        this.header.push(t);
        return this.done();
      }
      this.region = 'body';
    }
    this.body(line);
    this.done();
  }

  private done(): void {
    this.blank = false;
  }

  private itemOf(line: Line): { number: string; title: string; inferred?: boolean } | null {
    const t = line.text;
    if (line.bullet) return null;
    const explicit = ITEM_EXPLICIT.exec(t);
    if (explicit && (!explicit[2] || titleLike(explicit[2], true))) return { number: explicit[1]!, title: itemTitle(explicit[2] ?? '') };
    if (line.heading > 0) {
      const numbered = ITEM_NUMBERED.exec(t);
      if (numbered) return { number: numbered[1]!, title: itemTitle(numbered[2]!) };
      // An unnumbered heading after the attendance is an item when it sits at the items' level.
      const atItemLevel = this.items.length ? line.heading <= this.itemLevel : this.region !== 'header';
      const attendanceGroup = this.attendance && this.attendance.level > 0 && line.heading > this.attendance.level;
      if (atItemLevel && !attendanceGroup && !ACTIONS_HEADING.test(t) && !/^minutes\b/i.test(t)) {
        const last = this.items.length ? Number.parseInt(this.items[this.items.length - 1]!.number, 10) : 0;
        const number = String((Number.isNaN(last) ? this.items.length : last) + 1);
        this.flags.push(`The heading "${t}" has no item number; it is read as item ${number}.`);
        return { number, title: itemTitle(t), inferred: true };
      }
      return null;
    }
    if (this.explicitItems || this.list) return null;
    const bareItem = ITEM_BARE.exec(t);
    if (!bareItem || !titleLike(bareItem[2]!, false) || ACTION_MARKER.test(bareItem[2]!)) return null;
    // Items count up; a "1." after item 4 starts a list, not an item.
    const last = this.items.length ? Number.parseInt(this.items[this.items.length - 1]!.number, 10) : 0;
    return Number.parseInt(bareItem[1]!, 10) > last ? { number: bareItem[1]!, title: itemTitle(bareItem[2]!) } : null;
  }

  private body(line: Line): void {
    const t = line.text;
    if (t.startsWith('|')) return this.tableRow(t);
    if (ACTIONS_HEADING.test(t) && !line.bullet) {
      this.closeParagraphs();
      const summary = /^(summary|schedule|list)/i.test(t) || (line.heading > 0 && (this.itemLevel === 0 || line.heading <= this.itemLevel));
      this.list = { item: summary ? null : (this.item?.number ?? null), section: summary || line.heading > 0, bullets: null };
      if (summary) this.closings.push(this.source);
      return;
    }
    const marker = ACTION_MARKER.exec(t);
    // "Action 3 (open): …" or "Action 3 – complete" reviews an earlier action; it is not a new one.
    const review =
      marker &&
      ((marker[2] && STATUS.test(marker[2].trim())) || /^(?:complete(?:d)?|closed|done|ongoing|open|in[\s-]progress|carried forward)\b/i.test(marker[3] ?? ''));
    if (marker && !review && !PLACEHOLDER.test(t)) {
      this.closeParagraphs();
      const [, num, paren, rest = ''] = marker;
      const itemRef = paren ? /^item\s+(\d+[a-z]?)$/i.exec(paren.trim()) : null;
      this.action = {
        number: num ? Number(num) : null,
        item: itemRef ? itemRef[1]! : (this.list?.item ?? this.item?.number ?? null),
        named: paren && !itemRef ? paren : null,
        parts: rest ? [rest] : [],
      };
      return;
    }
    if (PLACEHOLDER.test(t)) this.flags.push(`A placeholder is left in ${this.item ? `item ${this.item.number}` : 'the minutes'}: "${t}"`);
    if (this.list) {
      const listNumber = /^(\d{1,3})[.)]\s+(.*)$/.exec(t);
      const starts = line.bullet || !!listNumber;
      if (this.list.bullets === null) this.list.bullets = starts;
      if (starts) {
        this.closeAction();
        this.action = {
          number: listNumber ? Number(listNumber[1]) : null,
          item: this.list.item,
          named: null,
          parts: [listNumber ? listNumber[2]! : t],
        };
        return;
      }
      if (this.action && !this.blank && (this.list.bullets || /^\p{Ll}/u.test(t))) {
        this.action.parts.push(t);
        return;
      }
      if (!this.blank || this.list.section) {
        this.closeAction();
        this.action = { number: null, item: this.list.item, named: null, parts: [t] };
        return;
      }
      this.closeAction();
      this.list = null;
    }
    if (this.action) {
      const soFar = this.action.parts.join(' ');
      if ((!this.blank || !endsSentence(soFar) || !soFar) && !PARA_NUMBER.test(t) && !line.bullet) {
        this.action.parts.push(t);
        return;
      }
      this.closeAction();
    }
    const numbered = PARA_NUMBER.exec(t);
    if (numbered || line.bullet || line.heading > 0) {
      this.closeParagraph();
      this.para = numbered ? { number: numbered[1] ?? numbered[3]!, parts: [numbered[2] ?? numbered[4]!] } : { number: null, parts: [t] };
      return;
    }
    if (this.para && (!this.blank || !endsSentence(this.para.parts.join(' ')))) {
      this.para.parts.push(t);
      return;
    }
    this.closeParagraph();
    this.para = { number: null, parts: [t] };
  }

  /** A Markdown table with an "Action" column: | # | Action | Owner | Due |. */
  private tableRow(t: string): void {
    const cells = t
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c) || !c)) return;
    if (!this.table) {
      const cols = cells.map((c) => c.toLowerCase());
      if (cols.some((c) => /^actions?$|^action (?:agreed|point)s?$|^what$/.test(c))) {
        this.closeParagraphs();
        this.table = { cols, item: this.list?.item ?? null };
      }
      return;
    }
    const cell = (re: RegExp) => {
      const i = this.table!.cols.findIndex((c) => re.test(c));
      return i >= 0 ? (cells[i] ?? '') : '';
    };
    const text = cell(/^actions?$|^action (?:agreed|point)s?$|^what$/);
    if (!text) return;
    const number = /^\d+$/.exec(cell(/^(?:no\.?|#|number|ref|action no\.?)$/))?.[0];
    const item = cell(/^(?:item|agenda item|item no\.?)$/).replace(/^item\s+/i, '');
    const owner = cell(/^(?:owners?|who|lead|responsible|by whom|action by)$/);
    const due = cell(/^(?:due|by when|deadline|date|due date|when)$/);
    this.rawActions.push({
      number: number ? Number(number) : null,
      item: item || this.table.item,
      named: owner || '',
      parts: [text],
      ...(due ? { due } : {}),
      first: this.source,
      last: this.source,
    });
  }

  private closeParagraph(): void {
    if (!this.para) return;
    const text = clean(this.para.parts.join(' '));
    if (text) (this.item ? this.item.paragraphs : this.preamble).push({ number: this.para.number, text });
    if (this.item && this.para.first !== undefined)
      this.paragraphLines.push({ item: this.item.number, first: this.para.first, last: this.para.last ?? this.para.first });
    this.para = null;
  }

  private closeAction(): void {
    if (this.action && this.action.parts.length) this.rawActions.push(this.action);
    this.action = null;
  }

  private closeParagraphs(): void {
    this.closeParagraph();
    this.closeAction();
  }

  private closeBody(): void {
    this.closeParagraphs();
    this.list = null;
    this.table = null;
  }

  private closeAttendance(): void {
    const a = this.attendance;
    if (!a) return;
    this.attendance = null;
    this.people[a.section].push(...readAttendance(a.lines, SECTION_LABEL[a.section], this.flags));
  }
}

/**
 * The entries of one attendance section. Tab-separated lists are one person per line, and a line without a
 * tab is a sub-heading. Otherwise lines wrapped inside a table cell are joined, and an entry with a post but no
 * name ("Head of Strategic Policy Group") belongs to the next person, or to the one before when that one has no role.
 */
function readAttendance(lines: readonly Line[], label: string, flags: string[]): Person[] {
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

function meetingFrom(header: readonly string[]): MeetingDetails {
  const meeting: MeetingDetails = { board: null, date: null, time: null, venue: null, endTime: null };
  for (const line of header) {
    const label = /^(date|time|venue|location|place|where|when)\s*:\s*(.+)$/i.exec(line);
    if (label) {
      const [, key = '', value = ''] = label;
      const k = key.toLowerCase();
      if (k === 'date' || k === 'when') {
        const w = whenAndWhere(value, null);
        meeting.date ??= w.date?.iso ?? null;
        meeting.time ??= w.time;
      } else if (k === 'time') meeting.time ??= findTime(value)?.hhmm ?? null;
      else meeting.venue ??= clean(value);
      continue;
    }
    if (meeting.date === null) {
      const w = whenAndWhere(line, null);
      if (w.date?.iso) {
        meeting.date = w.date.iso;
        meeting.time ??= w.time;
        meeting.venue ??= w.venue;
        continue;
      }
    }
    if (meeting.board === null && !/^(?:minutes\b|draft\b|confidential\b|restricted\b|official\b|agenda\b)/i.test(line) && !findDate(line)) {
      meeting.board = clean(line.replace(/\s*[-–—:|]?\s*minutes(?:\s+of\s+(?:the\s+)?meeting)?$/i, '')) || null;
    }
  }
  if (meeting.board === null) {
    const title = header.map((l) => /^minutes\s+of\s+(?:the\s+)?(?:meeting\s+of\s+(?:the\s+)?)?(.+?)(?:\s+(?:meeting|held)\b.*)?$/i.exec(l)).find(Boolean);
    if (title && !/^meeting$/i.test(title[1]!)) meeting.board = clean(title[1]!);
  }
  return meeting;
}

function nextMeetingFrom(text: string, ref: string | null): NextMeeting {
  if (TBC.test(text) && !findDate(text, ref)?.iso) return { date: null, time: null, venue: null };
  const w = whenAndWhere(text, ref);
  return { date: w.date?.iso ?? null, time: w.time, venue: w.venue };
}

function shortly(s: string): string {
  return s.length > 70 ? `${s.slice(0, 67).trimEnd()}…` : s;
}

/**
 * Reads a board's minutes as a secretariat writes them (plain text, Markdown, or the text of a .docx) by their
 * structure: a heading with the board, date, time and venue; attendance sections (Present, Apologies,
 * Officers, Presenting, Also present / In attendance / Support), as lists or inline ("Apologies: A, B and C");
 * items ("ITEM 3. Title", "Item 3: Title", "## 3. Title", or "3. TITLE" / "3) Title" when no item is
 * marked "Item"); numbered paragraphs; actions ("Action 1: X to …", "Action: …", an "Actions:" list, a
 * Markdown table with an Action column); the date of the next meeting.
 *
 * Times: "15:30", "3.30pm", "10am", "noon" as stated; a bare "h:mm" or "h.mm" with h < 8 is read as pm
 * ("3:30" → "15:30"), since board meetings are not held before 8 am. Dates are read day first (UK), and a
 * date without a year takes the meeting's year (the next occurrence after the meeting).
 *
 * Owners are the people and/or bodies the action names, as written: before the verb ("Lucy Bogue (NOMS)
 * to …", "London Councils and MOPAC will …", "Partners from A, B and C are to …"), after it ("To circulate
 * the paper – Dan Hales"), or labelled ("Owner: …"). A passive action ("update to be presented to the next
 * meeting") has no owner unless it names one with "by". What cannot be settled is listed in `flags`.
 *
 * @throws ValidationError when the text has neither agenda items nor an attendance list.
 */
export function parseMinutes(text: string): ParsedMinutes {
  return readMinutes(text).parsed;
}

/**
 * Where `parseMinutes` finds the items and actions of `text`, by line, for what must change the text item by
 * item (withholding an exempt item) and so must see the items exactly as the parser does.
 * @throws ValidationError as `parseMinutes` does.
 */
export function outlineMinutes(text: string): MinutesOutline {
  return readMinutes(text).outline;
}

function readMinutes(text: string): { parsed: ParsedMinutes; outline: MinutesOutline } {
  if (!text.trim()) throw new ValidationError('The minutes are empty.', ['no text']);
  const lines = toLines(text);
  const explicitItems = lines.some((l) => !l.bullet && (ITEM_EXPLICIT.test(l.text) || (l.heading > 0 && ITEM_NUMBERED.test(l.text))));
  const reader = new MinutesReader(explicitItems);
  reader.read(lines);

  const attendanceCount = Object.values(reader.people).reduce((n, list) => n + list.length, 0);
  if (reader.items.length === 0 && !reader.sawAttendance && attendanceCount === 0) {
    const missing = [
      'no agenda items (such as "ITEM 1. Welcome", "Item 3: Finance", "## 3. Finance" or "3. FINANCE")',
      'no attendance list ("Present", "Apologies", "Officers")',
    ];
    throw new ValidationError(`These do not read as minutes: found ${missing.join(' and ')}.`, ['agenda items', 'attendance list']);
  }

  const flags = [...reader.flags];
  const meeting = meetingFrom(reader.header);
  const allParagraphs = [...reader.preamble, ...reader.items.flatMap((i) => i.paragraphs)];
  if (reader.people.apologies.length === 0) {
    // "Apologies were received from A and B." inside an item's text.
    for (const p of allParagraphs) {
      const from = /\bapologies(?:\s+for\s+absence)?\s+(?:were|had been|have been)\s+(?:received|noted|given|tendered)\s+from\s+(.+?)(?:\.(?:\s|$)|$)/i.exec(
        p.text,
      );
      if (from) reader.people.apologies.push(...peopleFromList(from[1]!, null));
    }
  }
  const endTime = allParagraphs.map((p) => /\bmeeting\s+(?:finished|closed|ended|concluded)\s+at\s+(.+)$/i.exec(p.text)).find(Boolean);
  if (endTime) meeting.endTime = findTime(endTime[1]!)?.hhmm ?? null;

  const actions: MinutesAction[] = [];
  const outlined: MinutesOutline['actions'] = [];
  const notes = new Map<MinutesAction, string>();
  const keyOf = (t: string) =>
    ` ${t
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()} `;
  for (const raw of reader.rawActions) {
    const text = clean(raw.parts.join(' '));
    const itemRef = /^\(?item\s+(\d+[a-z]?)\)?\s*[:\-–—]?\s*|\(item\s+(\d+[a-z]?)\)/i.exec(text);
    const due = raw.due !== undefined ? dueCell(raw.due, meeting.date) : dueOf(text, meeting.date);
    const action: MinutesAction = {
      number: raw.number,
      item: itemRef ? (itemRef[1] ?? itemRef[2]!) : raw.item,
      owners: ownersOf(text.replace(/^\(?item\s+\d+[a-z]?\)?\s*[:\-–—]?\s*/i, ''), raw.named),
      text,
      due: due.due,
    };
    // A closing summary repeats actions minuted under their items: one action, with what each copy adds.
    const key = keyOf(text);
    const same = actions.find((a) => {
      const k = keyOf(a.text);
      return words(key).length >= 3 && words(k).length >= 3 && (k.includes(key) || key.includes(k));
    });
    outlined.push({
      number: raw.number,
      item: action.item,
      group: same ? actions.indexOf(same) : actions.length,
      first: raw.first ?? -1,
      last: raw.last ?? -1,
    });
    if (same) {
      same.number ??= action.number;
      same.item ??= action.item;
      same.due ??= action.due;
      if (same.owners.length === 0) same.owners = action.owners;
      continue;
    }
    actions.push(action);
    if (due.note) notes.set(action, due.note);
  }
  for (const action of actions) {
    const which = action.number !== null ? `Action ${action.number}` : `The action "${shortly(action.text)}"${action.item ? ` (item ${action.item})` : ''}`;
    if (action.owners.length === 0) flags.push(`${which} names no owner${action.number !== null ? `: "${shortly(action.text)}"` : ''}.`);
    const note = notes.get(action);
    if (note) flags.push(`${which}: ${note}.`);
    if (action.due && action.due !== 'next meeting' && meeting.date && action.due < meeting.date)
      flags.push(`${which} is due on ${action.due}, before the meeting.`);
  }
  const numbers = actions.flatMap((a) => (a.number === null ? [] : [a.number]));
  const repeated = [...new Set(numbers.filter((n, i) => numbers.indexOf(n) !== i))];
  if (repeated.length) flags.push(`Action numbers used twice: ${repeated.join(', ')}.`);
  const max = Math.max(0, ...numbers);
  const skipped = Array.from({ length: max }, (_, i) => i + 1).filter((n) => !numbers.includes(n));
  if (skipped.length && numbers.length) flags.push(`Action numbers skip ${skipped.join(', ')}.`);

  const agreed = allParagraphs.find((p) =>
    /\bminutes\b.*\b(?:agreed|approved|accepted|confirmed|signed)\b|\b(?:agreed|approved|accepted|signed)\b.*\bminutes\b/i.test(p.text),
  );
  const previousMinutesAgreed = agreed ? !/\bnot\s+(?:been\s+)?(?:agreed|approved|accepted|confirmed|signed)\b/i.test(agreed.text) : null;
  if (previousMinutesAgreed === null) flags.push("The minutes do not say whether the last meeting's minutes were agreed.");

  const nextMeeting = reader.next ? nextMeetingFrom(reader.next.text, meeting.date) : null;
  if (!nextMeeting) flags.push('The minutes do not give the date of the next meeting.');
  else if (!nextMeeting.date) flags.push(`The next meeting's date is not set ("${reader.next!.text}").`);
  else if (meeting.date && nextMeeting.date <= meeting.date) flags.push(`The next meeting (${nextMeeting.date}) is not after this one (${meeting.date}).`);

  if (!meeting.date) flags.push("The meeting's date was not found in the heading.");
  if (!meeting.time) flags.push("The meeting's time was not found in the heading.");
  if (reader.items.length === 0) flags.push('No agenda items were found.');
  if (!reader.sawAttendance) flags.push('No attendance list (Present, Apologies, Officers) was found.');
  else if (reader.people.present.length === 0) flags.push('Nobody is listed as present.');

  const parsed: ParsedMinutes = {
    meeting,
    present: reader.people.present,
    apologies: reader.people.apologies,
    officers: reader.people.officers,
    presenting: reader.people.presenting,
    inAttendance: reader.people.inAttendance,
    items: reader.items,
    actions,
    previousMinutesAgreed,
    nextMeeting,
    flags,
  };
  const outline: MinutesOutline = {
    items: reader.items.map((item, i) => ({ number: item.number, title: item.title, ...reader.itemLines[i]! })),
    paragraphs: reader.paragraphLines,
    actions: outlined,
    closings: reader.closings,
  };
  return { parsed, outline };
}

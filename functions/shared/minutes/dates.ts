import { clean } from './text';
import type { MeetingDetails, NextMeeting } from './types';
import { MONTH, ORDINAL, TBC, WEEKDAY } from './vocabulary';

const DATE_PATTERNS: { re: RegExp; parts: (m: RegExpExecArray) => [string | undefined, string | undefined, string | undefined] }[] = [
  // 10 March 2015, Tuesday 10th of March 2015
  { re: new RegExp(`\\b${WEEKDAY}(\\d{1,2})${ORDINAL}(?:\\s+of)?\\s+${MONTH}(?:,?\\s+(\\d{4}))?\\b`, 'gi'), parts: (m) => [m[3], m[2], m[1]] },
  // March 10, 2015
  { re: new RegExp(`\\b${WEEKDAY}${MONTH}\\s+(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}))?\\b`, 'gi'), parts: (m) => [m[3], m[1], m[2]] },
  { re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, parts: (m) => [m[1], m[2], m[3]] },
  // UK order: day first.
  { re: /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/g, parts: (m) => [m[3], m[2], m[1]] },
  // A month's name misspelt, when a day and a year stand either side of it ("20th Novenber 2023").
  { re: /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]{2,9})\s+(\d{4})\b/g, parts: (m) => [m[3], misspeltMonth(m[2]!), m[1]] },
];

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The month a misspelt name stands for: its first three letters and its length within one of the month's ("Novenber"). */
function misspeltMonth(word: string): string | undefined {
  const w = word.toLowerCase();
  const i = MONTH_NAMES.findIndex((m) => m.slice(0, 3) === w.slice(0, 3) && Math.abs(m.length - w.length) <= 1);
  return i < 0 ? undefined : String(i + 1);
}

/** Where in the text something was found: `index` of its first character, `end` after its last. */
export interface Found {
  index: number;
  end: number;
}
/** A date found in text. */
export interface FoundDate extends Found {
  /** YYYY-MM-DD; null when it has no year and there is no date to take the year from. */
  iso: string | null;
  /** Whether the text gave no year ("by 30 June"). */
  yearless: boolean;
}

/** 1–12 from a month's name, abbreviation or number. */
export function monthNumber(word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  const i = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(word.slice(0, 3).toLowerCase());
  return i + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD, or null when there is no such day ("31 June"). */
export function isoDate(year: number, month: number, day: number): string | null {
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
export function findDate(text: string, ref: string | null = null): FoundDate | null {
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

/** A time found in text, as HH:MM (24-hour). */
export interface FoundTime extends Found {
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
export function findTime(text: string): FoundTime | null {
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
  // "at 7.00pm on Tuesday 6 March 2018 in Ayton Community Hall": the time may come first.
  const timeBefore = date && !time ? findTime(text.slice(0, date.index)) : null;
  if (timeBefore) return { date, time: timeBefore.hhmm, venue: venueFrom(afterDate) };
  // The end of a "10am – 12pm" range is not part of the venue.
  const afterTime = time ? afterDate.slice(time.end).replace(/^\s*(?:[-–—]|to|until)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?/i, '') : '';
  const rest = time ? `${afterDate.slice(0, time.index)} ${afterTime}` : afterDate;
  return { date, time: time?.hhmm ?? null, venue: date || time ? venueFrom(rest) : null };
}

/**
 * The board, date, time and venue from the lines before the attendance and the items: labelled ("Date: …",
 * "Venue: …") or on one line ("Tuesday 10 March 2015, 3:30 City Hall"); the board is the first other line
 * that is not "Minutes", "Draft" or a date, or else what a "Minutes of the … meeting" title names.
 */
export function meetingFrom(header: readonly string[]): MeetingDetails {
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

/** The next meeting from the text announcing it; a year-less date is the first after `ref`, the meeting's date. */
export function nextMeetingFrom(text: string, ref: string | null): NextMeeting {
  if (TBC.test(text) && !findDate(text, ref)?.iso) return { date: null, time: null, venue: null };
  const w = whenAndWhere(text, ref);
  return { date: w.date?.iso ?? null, time: w.time, venue: w.venue };
}

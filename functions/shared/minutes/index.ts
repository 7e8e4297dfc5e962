import { ValidationError } from '../domain/errors';
import { MAX_LINE_CHARS, toLines } from './lines';
import { MinutesReader } from './reader';
import { reconcile, type MinutesReading } from './reconcile';
import type { MinutesDecision, MinutesOutline, ParsedMinutes } from './types';
import { ITEM_EXPLICIT, ITEM_NUMBERED } from './vocabulary';

export type {
  MeetingDetails,
  MinutesAction,
  MinutesDecision,
  MinutesItem,
  MinutesOutline,
  MinutesParagraph,
  NextMeeting,
  ParsedMinutes,
  Person,
} from './types';

/** `parseMinutes` with what it reads beside: the decisions, and the owners to map to people. */
export type MinutesInFull = ParsedMinutes & { decisions: MinutesDecision[]; ownerChecks: string[] };

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

/**
 * The decisions of `text` ("RESOLVED that …", "It was agreed that …", "Minutes approved"), kept apart from its actions,
 * for a decisions register.
 * @throws ValidationError as `parseMinutes` does.
 */
export function decisionsInMinutes(text: string): MinutesDecision[] {
  return readMinutes(text).decisions;
}

/**
 * What `parseMinutes` reads, with the decisions and the checks of owners against the attendance (an owner who is a
 * body or a group, initials nobody listed has, an owner who sent apologies), for `cycle minutes parse`.
 * @throws ValidationError as `parseMinutes` does.
 */
export function readMinutesInFull(text: string): MinutesInFull {
  const { parsed, decisions, ownerChecks } = readMinutes(text);
  return { ...parsed, decisions, ownerChecks };
}

function readMinutes(text: string): MinutesReading {
  if (!text.trim()) throw new ValidationError('The minutes are empty.', ['no text']);
  const cut: number[] = [];
  const lines = toLines(text, cut);
  const explicitItems = lines.some((l) => !l.bullet && (ITEM_EXPLICIT.test(l.text) || (l.heading > 0 && ITEM_NUMBERED.test(l.text))));
  const reader = new MinutesReader(explicitItems);
  for (const line of cut) {
    reader.flags.push(`Line ${line + 1} is longer than ${MAX_LINE_CHARS.toLocaleString('en-GB')} characters: only its start was read. Is it minutes text?`);
  }
  reader.read(lines);

  const attendanceCount = Object.values(reader.people).reduce((n, list) => n + list.length, 0);
  if (reader.items.length === 0 && !reader.sawAttendance && attendanceCount === 0) {
    const missing = [
      'no agenda items (such as "ITEM 1. Welcome", "Item 3: Finance", "## 3. Finance" or "3. FINANCE")',
      'no attendance list ("Present", "Apologies", "Officers")',
    ];
    throw new ValidationError(`These do not read as minutes: found ${missing.join(' and ')}.`, ['agenda items', 'attendance list']);
  }

  return reconcile(reader);
}

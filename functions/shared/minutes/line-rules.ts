import { findDate } from './dates';
import { isProse, itemTitle, titleLike, type Line } from './lines';
import { peopleFromList } from './people';
import type { MinutesReader } from './reader';
import { lineRule, type LineRule } from './rule';
import {
  ACTION_MARKER,
  ACTIONS_HEADING,
  APOLOGIES_FROM,
  ATTENDANCE,
  ITEM_BARE,
  ITEM_EXPLICIT,
  ITEM_NUMBERED,
  NEXT_MEETING,
  PARA_NUMBER,
  sectionOf,
  TBC,
} from './vocabulary';

/** An item's heading as read: `inferred` when the heading has no number and the reader numbered it. */
interface ItemHeading {
  number: string;
  title: string;
  inferred?: boolean;
}

/**
 * The item a line heads, if it heads one: "ITEM 3. Title" anywhere; a Markdown heading, numbered or at the items'
 * level; or "3. TITLE" when the minutes mark no item "Item". Changes nothing: the rule that reads it flags a number
 * it had to infer.
 */
function itemHeading(r: MinutesReader, line: Line): ItemHeading | null {
  const t = line.text;
  if (line.bullet) return null;
  const explicit = ITEM_EXPLICIT.exec(t);
  if (explicit && (!explicit[2] || titleLike(explicit[2], true))) return { number: explicit[1]!, title: itemTitle(explicit[2] ?? '') };
  if (line.heading > 0) {
    const numbered = ITEM_NUMBERED.exec(t);
    if (numbered) return { number: numbered[1]!, title: itemTitle(numbered[2]!) };
    // An unnumbered heading after the attendance is an item when it sits at the items' level.
    const atItemLevel = r.items.length ? line.heading <= r.itemLevel : r.region !== 'header';
    const attendanceGroup = r.attendance && r.attendance.level > 0 && line.heading > r.attendance.level;
    if (atItemLevel && !attendanceGroup && !ACTIONS_HEADING.test(t) && !/^minutes\b/i.test(t)) {
      const last = r.items.length ? Number.parseInt(r.items[r.items.length - 1]!.number, 10) : 0;
      const number = String((Number.isNaN(last) ? r.items.length : last) + 1);
      return { number, title: itemTitle(t), inferred: true };
    }
    return null;
  }
  if (r.explicitItems || r.list) return null;
  const bareItem = ITEM_BARE.exec(t);
  if (!bareItem || !titleLike(bareItem[2]!, false) || ACTION_MARKER.test(bareItem[2]!)) return null;
  // Items count up; a "1." after item 4 starts a list, not an item.
  const last = r.items.length ? Number.parseInt(r.items[r.items.length - 1]!.number, 10) : 0;
  return Number.parseInt(bareItem[1]!, 10) > last ? { number: bareItem[1]!, title: itemTitle(bareItem[2]!) } : null;
}

/**
 * What a line of the minutes is, in order of precedence: what the line before left open comes first, then
 * the next meeting (which closes the items), attendance, items, and the heading; any other line is the items'
 * text, read by `BODY_RULES`.
 */
export const LINE_RULES: readonly LineRule[] = [
  lineRule({
    name: 'blank line',
    match: (_r, line) => !line.text,
    apply(r, line) {
      r.attendance?.lines.push(line);
      if (r.table) r.table = null;
    },
  }),
  lineRule({
    name: 'item title after "Item n"',
    match: (r, line) => {
      if (r.thisLineMayBe !== 'title' || !r.item || line.bullet) return null;
      const t = line.text;
      return titleLike(t, true) && !ATTENDANCE.test(t) && !ACTION_MARKER.test(t) && !PARA_NUMBER.test(t) ? r.item : null;
    },
    apply(_r, line, item) {
      item.title = itemTitle(line.text);
    },
  }),
  lineRule({
    name: 'next meeting date after its heading',
    match: (r, line) => r.thisLineMayBe === 'next-date' && (findDate(line.text) !== null || TBC.test(line.text)),
    apply(r, line) {
      r.next = { text: line.text };
    },
  }),
  lineRule({
    name: 'next meeting',
    match: (r, line) => {
      const t = line.text;
      // "5.1 The next meeting will be held on …": a numbered paragraph may announce it too.
      const next = NEXT_MEETING.exec(t.replace(/^\d{1,3}\.\d{1,3}\s+/, ''));
      // The wrapped end of an action ("… to bring it back to the" / "next meeting on 9 June") announces nothing.
      if (!next || (r.action && !r.blank)) return null;
      const announced = findDate(next[1]!) || TBC.test(next[1]!) || (!next[1] && (line.heading > 0 || /:\s*$/.test(t) || /^date/i.test(t)));
      return announced ? next : null;
    },
    apply(r, _line, next) {
      r.closeAttendance();
      r.closeBody();
      r.closings.push(r.source);
      if (next[1]) r.next = { text: next[1] };
      else r.nextLineMayBe = 'next-date';
    },
  }),
  lineRule({
    name: 'attendance heading',
    match: (_r, line) => (line.bullet || line.tab ? null : ATTENDANCE.exec(line.text)),
    apply(r, line, att) {
      r.closeAttendance();
      r.closeParagraphs();
      r.sawAttendance = true;
      const section = sectionOf(att[1]!);
      if (att[2]) r.people[section].push(...peopleFromList(att[2], null));
      else r.attendance = { section, level: line.heading, lines: [] };
      r.region = 'body';
    },
  }),
  lineRule({
    name: 'apologies received from',
    match: (_r, line) => (line.bullet ? null : APOLOGIES_FROM.exec(line.text)),
    apply(r, _line, from) {
      r.closeAttendance();
      r.sawAttendance = true;
      r.people.apologies.push(...peopleFromList(from[1]!, null));
      if (r.region === 'header') r.region = 'body';
    },
  }),
  lineRule({
    name: 'item heading',
    match: itemHeading,
    apply(r, line, item) {
      if (item.inferred) r.flags.push(`The heading "${line.text}" has no item number; it is read as item ${item.number}.`);
      r.closeAttendance();
      r.closeBody();
      r.item = { number: item.number, title: item.title, paragraphs: [] };
      r.itemLevel = line.heading;
      r.items.push(r.item);
      r.itemLines.push({ line: r.source, inferred: item.inferred === true });
      r.nextLineMayBe = item.title ? null : 'title';
      r.region = 'body';
    },
  }),
  lineRule({
    name: 'attendance entry',
    match: (r, line) => {
      const a = r.attendance;
      if (!a) return null;
      const t = line.text;
      // A sub-heading deeper than the attendance heading names a group of attendees ("### Board and advisors").
      const deeper = line.heading > a.level && a.level > 0;
      const structural = ACTIONS_HEADING.test(t) || ACTION_MARKER.test(t) || t.startsWith('|');
      return (line.heading === 0 || deeper) && !structural && !isProse(t) ? a : null;
    },
    apply(_r, line, attendance) {
      attendance.lines.push(line);
    },
  }),
  lineRule({
    // Until the attendance or the first item: the board, date, time and venue.
    name: 'heading line',
    match: (r, line) => r.region === 'header' && !ACTIONS_HEADING.test(line.text) && !ACTION_MARKER.test(line.text) && !PARA_NUMBER.test(line.text),
    apply(r, line) {
      r.header.push(line.text);
    },
  }),
  lineRule({
    // Anything else ends an attendance list, and the heading.
    name: 'items text',
    match: () => true,
    apply(r, line) {
      r.closeAttendance();
      r.region = 'body';
      r.body(line);
    },
  }),
];

import { findDate } from './dates';
import { isProse, itemTitle, titleLike, type Line } from './lines';
import { actionColumn } from './margins';
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
  // "01    Introduction" beside an action column: the item's number alone in the left margin.
  const cells = line.cells;
  if (r.actionColumn !== null && cells?.length === 2 && /^\d{1,2}$/.test(cells[0]!.text) && titleLike(cells[1]!.text, false))
    return { number: cells[0]!.text, title: itemTitle(cells[1]!.text) };
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
/** Column headings of an attendance table ("Name  Organisation  Affiliation"): no one's name. */
const TABLE_HEADINGS = /^(?:name|names|organi[sz]ation|affill?iation|role|post|position|initials|title|representing|member)$/i;

/**
 * A line of an attendance list laid out in columns, as tab-separated entries: one per row ("Name<TAB>Org<TAB>Role"),
 * or one per pair of a grid of names and initials ("Rob Boyd  RB  Margaret Carey  MC"); a row of headings is none.
 */
function attendanceLines(line: Line): Line[] {
  const cells = line.cells?.map((c) => c.text);
  if (!cells || cells.length < 2) return [line];
  if (cells.every((c) => TABLE_HEADINGS.test(c))) return [];
  const row = (text: string): Line => ({ text, heading: 0, bullet: false, tab: true, source: line.source });
  if (cells.length % 2 === 0 && cells.every((c, i) => i % 2 === 0 || /^[A-Z]{2,4}$/.test(c))) {
    const pairs: Line[] = [];
    for (let i = 0; i < cells.length; i += 2) pairs.push(row(`${cells[i]!}\t${cells[i + 1]!}`));
    return pairs;
  }
  return [row(cells.join('\t'))];
}

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
    // "Items … Action", "Item  Discussion  Decisions and Action Points": the layout of the items from here on.
    name: 'action column heading',
    match: (_r, line) => actionColumn(line),
    apply(r, _line, column) {
      r.closeAttendance();
      r.closeBody();
      r.actionColumn = column;
      r.region = 'body';
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
      if (findDate(line.text) && !/[A-Za-z]{4,}\s*$/.test(line.text.replace(/\b(?:\d{4}|[ap]\.?m\.?)$/i, ''))) r.nextLineMayBe = 'next-venue';
    },
  }),
  lineRule({
    // "Wednesday 4th July 2018, 09.30 – 16.00" then "Holiday Inn, Seaton Burn": the venue on a line of its own.
    name: 'next meeting venue after its date',
    match: (r, line) =>
      r.thisLineMayBe === 'next-venue' && !!r.next && line.heading === 0 && !/:$/.test(line.text) && line.text.split(' ').length <= 8 && !isProse(line.text),
    apply(r, line) {
      r.next = { text: `${r.next!.text}, ${line.text}` };
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
    // "………9th October 2019" over "CHAIRPERSON": the date the chair is to sign these minutes.
    name: 'signature date',
    match: (r, line) => r.items.length > 0 && /^[.…_]{3,}/.test(line.text) && findDate(line.text),
    apply(r, line) {
      r.signedOn = line.text.replace(/^[.…_\s]+/, '');
    },
  }),
  lineRule({
    // "Present   Rob Boyd   RB   Margaret Carey   MC": the heading beside a grid of names.
    name: 'attendance heading beside its list',
    match: (_r, line) => (line.cells && line.cells.length > 1 && !line.bullet ? ATTENDANCE.exec(line.cells[0]!.text) : null),
    apply(r, line, att) {
      r.closeAttendance();
      r.closeParagraphs();
      r.sawAttendance = true;
      r.attendance = { section: sectionOf(att[1]!), level: line.heading, lines: attendanceLines({ ...line, cells: line.cells!.slice(1) }) };
      r.region = 'body';
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
      attendance.lines.push(...attendanceLines(line));
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

import { findDate } from './dates';
import { isProse, itemTitle, titleLike, type Line } from './lines';
import { peopleFromList, readAttendance } from './people';
import { clean, endsSentence } from './text';
import type { MinutesItem, MinutesParagraph, Person } from './types';
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
  PLACEHOLDER,
  SECTION_LABEL,
  sectionOf,
  STATUS,
  TBC,
  type Section,
} from './vocabulary';

/** An action as read, before its owners and deadline are read from its text. */
export interface PendingAction {
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
export class MinutesReader {
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

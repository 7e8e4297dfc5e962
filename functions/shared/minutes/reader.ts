import { BODY_RULES } from './body-rules';
import { LINE_RULES } from './line-rules';
import type { Line } from './lines';
import { readAttendance } from './people';
import { readByFirstRule } from './rule';
import { clean } from './text';
import type { MinutesItem, MinutesParagraph, Person } from './types';
import { PLACEHOLDER, SECTION_LABEL, type Section } from './vocabulary';

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

/** A list of actions opened by an actions heading. */
export interface ListMode {
  item: string | null;
  /** A section of its own ("## Actions"): every paragraph until the next heading is an action. */
  section: boolean;
  /** Whether its entries are bulleted or numbered; null until its first line says. */
  bullets: boolean | null;
}

/**
 * What a line leaves open for the next line with text: the title of an item whose number stood alone
 * ("Item 3"), or the date of the next meeting under its heading ("Next meeting:").
 */
export type Expectation = 'title' | 'next-date';

/**
 * Reads line by line, because what a line means depends on what came before: a name under "Present" is an
 * attendee, "1." after "ITEM 3" is a paragraph, a line after "Action 2:" continues it until a blank line
 * closes the sentence.
 *
 * The reader holds what has been read and where it is; what each line means is decided by the ordered rules of
 * `LINE_RULES` and, for the items' text, `BODY_RULES`, the first matching rule reading the line. Its state is
 * public so that those rules, and nothing else while it reads, can change it.
 */
export class MinutesReader {
  /** The lines before the attendance and the items, from which the meeting's details are read. */
  readonly header: string[] = [];
  readonly people: Record<Section, Person[]> = { present: [], apologies: [], officers: [], presenting: [], inAttendance: [] };
  /** Whether an attendance heading or "Apologies were received from" was read, even if it listed nobody. */
  sawAttendance = false;
  readonly items: MinutesItem[] = [];
  /** Paragraphs before the first item. */
  readonly preamble: MinutesParagraph[] = [];
  readonly rawActions: PendingAction[] = [];
  readonly flags: string[] = [];
  /** The text announcing the next meeting, once read. */
  next: { text: string } | null = null;
  /** For `outlineMinutes`: where each item's heading is, the lines of each item's paragraphs, the lines that close the items. */
  readonly itemLines: { line: number; inferred: boolean }[] = [];
  readonly paragraphLines: { item: string; first: number; last: number }[] = [];
  readonly closings: number[] = [];
  /** The line of the text being read (0-based). */
  source = 0;

  /** Whether the reader is still in the heading, before the attendance and the items. */
  region: 'header' | 'body' = 'header';
  /** The attendance section being read, with its heading level and its lines so far. */
  attendance: { section: Section; level: number; lines: Line[] } | null = null;
  /** The item being read, and the heading level of items (0 when they are not Markdown headings). */
  item: MinutesItem | null = null;
  itemLevel = 0;
  /** What is open: a paragraph, an action, a list of actions, an actions table. */
  para: { number: string | null; parts: string[]; first?: number; last?: number } | null = null;
  action: PendingAction | null = null;
  list: ListMode | null = null;
  table: { cols: string[]; item: string | null } | null = null;
  /** Whether the line before was blank: a blank line after a full stop ends a paragraph or an action. */
  blank = false;
  /** What the line before left open for the line being read; null for a blank line. */
  thisLineMayBe: Expectation | null = null;
  /** What the line being read leaves open for the next line with text. */
  nextLineMayBe: Expectation | null = null;

  /** `explicitItems`: the minutes mark their items "Item n" or "## n.", so "3. Title" is a paragraph. */
  constructor(readonly explicitItems: boolean) {}

  /** Reads every line, then closes whatever is still open. */
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
    // What a line leaves open is for the next line with text only, whichever rule reads that line.
    this.thisLineMayBe = line.text ? this.nextLineMayBe : null;
    if (line.text) this.nextLineMayBe = null;
    readByFirstRule(LINE_RULES, this, line);
    this.blank = !line.text;
  }

  /** Reads a line of the items' text: part of an action or of a paragraph. */
  body(line: Line): void {
    // Flagging a placeholder reads nothing into the minutes, so it is a check before the rules, not one of them.
    // Every line of the items' text is checked except an actions table's rows: the actions heading and action
    // marker rules never read a line with a placeholder, so checking before them is checking after them.
    const t = line.text;
    if (!t.startsWith('|') && PLACEHOLDER.test(t))
      this.flags.push(`A placeholder is left in ${this.item ? `item ${this.item.number}` : 'the minutes'}: "${t}"`);
    readByFirstRule(BODY_RULES, this, line);
  }

  /** A Markdown table with an "Action" column: | # | Action | Owner | Due |. */
  tableRow(t: string): void {
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

  /** Adds the open paragraph to its item (or the preamble) and records its lines. */
  closeParagraph(): void {
    if (!this.para) return;
    const text = clean(this.para.parts.join(' '));
    if (text) (this.item ? this.item.paragraphs : this.preamble).push({ number: this.para.number, text });
    if (this.item && this.para.first !== undefined)
      this.paragraphLines.push({ item: this.item.number, first: this.para.first, last: this.para.last ?? this.para.first });
    this.para = null;
  }

  /** Adds the open action, unless nothing was written after its marker. */
  closeAction(): void {
    if (this.action && this.action.parts.length) this.rawActions.push(this.action);
    this.action = null;
  }

  /** Closes the open paragraph and action, as a new heading, marker or list does. */
  closeParagraphs(): void {
    this.closeParagraph();
    this.closeAction();
  }

  /** Closes everything open in the items' text, as a new item or the next meeting does. */
  closeBody(): void {
    this.closeParagraphs();
    this.list = null;
    this.table = null;
  }

  /** Text that is neither an action nor an entry of a list ends the open action and the list. */
  endActions(): void {
    this.closeAction();
    this.list = null;
  }

  /** Reads the open attendance section's lines into its list of people. */
  closeAttendance(): void {
    const a = this.attendance;
    if (!a) return;
    this.attendance = null;
    this.people[a.section].push(...readAttendance(a.lines, SECTION_LABEL[a.section], this.flags));
  }
}

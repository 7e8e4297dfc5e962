import { BODY_RULES } from './body-rules';
import { LINE_RULES } from './line-rules';
import type { Line } from './lines';
import { readAttendance } from './people';
import { readByFirstRule } from './rule';
import { bracketAtLineEnd, COLUMN_NUMBER, ENTRY_START, marginOf, ownerAtLineEnd, ownerTag, splitColumns } from './margins';
import { bracketOwners } from './owners';
import { rosterOf, type Roster } from './roster';
import { clean, endsSentence, shortly } from './text';
import type { MinutesDecision, MinutesItem, MinutesParagraph, Person } from './types';
import { MONTH, PLACEHOLDER, SECTION_LABEL, STATUS, type Section } from './vocabulary';

/** What a decision in an action column says, in a few words ("DBP appointed Vice-Chair", "Minutes approved"). */
const COLUMN_DECISION = /\b(?:agreed|approved|appointed|ratified|elected|accepted|adopted|resolved)\b|\bto\s+join\b/i;

/** A line that starts an action of its own, whose brackets the action reads ("Action: …", "[JS] to …"). */
const ACTION_START = /^(?:actions?\b|\[[^[\]]{1,40}\]\s+(?:to|will)\s)/i;

/** An action as read, before its owners and deadline are read from its text. */
export interface PendingAction {
  number: number | null;
  /** A reference that is not a plain number ("5.1", "05-06"). */
  reference?: string;
  /** The owners when the layout gave them apart from the text (a note in the margin). */
  owners?: string[];
  /** Whether the action ends where its line ends (a line in bold). */
  whole?: boolean;
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
export type Expectation = 'title' | 'next-date' | 'next-venue';

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
  /** Decisions read from an action column ("DBP appointed Vice-Chair"); those in paragraphs are read at the end. */
  readonly decisions: MinutesDecision[] = [];
  /** Whether any action was marked as one ("Action:", an actions list or table, a numbered action column). */
  explicitActions = false;
  /** Where the action column starts, once a header row ("Items … Action") has said. */
  actionColumn: number | null = null;
  /** The entry of the action column being read, over the lines it wraps to. */
  column: { reference: string | null; parts: string[]; item: string | null; first: number; last: number } | null = null;
  /** The date by the chair's signature line ("………9th October 2019 / CHAIRPERSON"): the next meeting signs these minutes. */
  signedOn: string | null = null;
  private roster: { size: number; roster: Roster } | null = null;

  /** Whether the reader is still in the heading, before the attendance and the items. */
  region: 'header' | 'body' = 'header';
  /** The attendance section being read, with its heading level and its lines so far. */
  attendance: { section: Section; level: number; lines: Line[] } | null = null;
  /** The item being read, and the heading level of items (0 when they are not Markdown headings). */
  item: MinutesItem | null = null;
  itemLevel = 0;
  /** What is open: a paragraph, an action, a list of actions, an actions table. */
  para: { number: string | null; parts: string[]; bullet?: boolean; first?: number; last?: number; entry?: number; entryLine?: number } | null = null;
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

  /** Notes where an entry starts inside the open paragraph ("xiv) …"), for an owner in the margin to close. */
  entryStarts(text: string): void {
    if (this.para && ENTRY_START.test(text)) {
      this.para.entry = this.para.parts.length;
      this.para.entryLine = this.source;
    }
  }

  private line(input: Line): void {
    let line = this.actionColumn !== null ? splitColumns(input, this.actionColumn) : marginOf(input);
    const tag = this.ownerTagOf(line);
    if (tag) line = tag.line;
    // What a line leaves open is for the next line with text only, whichever rule reads that line.
    this.thisLineMayBe = line.text ? this.nextLineMayBe : null;
    if (line.text) this.nextLineMayBe = null;
    if (line.text || (!tag && !line.margin)) {
      readByFirstRule(LINE_RULES, this, line);
      this.blank = !line.text;
    }
    if (tag) this.taggedEntry(tag.owners, tag.written);
    else if (line.margin && line.inColumn) this.columnText(line.margin);
    else if (line.margin && this.items.length && new RegExp(`^${MONTH}\\s+\\d{4}$`).test(line.margin))
      this.flags.push(`In item ${this.item?.number ?? '?'}, "${shortly(line.text)}" is marked "${line.margin}": deferred until then?`);
  }

  /** Who is known by a name or initials in the attendance read so far. */
  private known = (name: string): boolean => {
    const size = Object.values(this.people).reduce((n, l) => n + l.length, 0);
    if (this.roster?.size !== size) this.roster = { size, roster: rosterOf(Object.values(this.people).flat(), []) };
    return this.roster.roster.find(name) !== null;
  };

  /** An owner noted in the margin, on a line of its own, or as initials closing the line; in the items only. */
  private ownerTagOf(line: Line): { line: Line; owners: string[]; written: string } | null {
    if (!this.items.length || this.attendance) return null;
    if (line.margin) {
      const owners = ownerTag(line.margin, this.known, false);
      if (!owners) return null;
      const text = line.inColumn ? line.text : clean(line.text.slice(0, Math.max(0, line.text.lastIndexOf(line.margin))));
      return { line: { ...line, text, margin: undefined }, owners, written: line.margin };
    }
    if (line.text.length <= 20 && !line.bullet) {
      const owners = ownerTag(line.text, this.known, true);
      if (owners) return { line: { ...line, text: '' }, owners, written: line.text };
    }
    // "Circulate the revised terms [Clerk]": an owner in square brackets closing a line of the text (an action's own
    // line reads it as its owner).
    const squared = !this.action && !this.list && !line.text.startsWith('|') && !ACTION_START.test(line.text) ? bracketAtLineEnd(line.text) : null;
    const inSquare = squared && bracketOwners(squared.tag, this.known);
    if (squared && inSquare) return { line: { ...line, text: squared.text }, owners: inSquare, written: `[${squared.tag}]` };
    const end = ownerAtLineEnd(line.text);
    const owners = end && ownerTag(end.tag, this.known, true);
    return end && owners ? { line: { ...line, text: end.text }, owners, written: end.tag } : null;
  }

  /** The entry of the open paragraph that an owner in the margin closes is an action of that owner. */
  private taggedEntry(owners: string[], written: string): void {
    const para = this.para;
    const text = para ? clean(para.parts.slice(para.entry ?? 0).join(' ')) : '';
    if (!para || !text) {
      this.flags.push(`In item ${this.item?.number ?? '?'}, "${written}" stands in the margin beside no text.`);
      return;
    }
    this.rawActions.push({
      number: null,
      item: this.item?.number ?? null,
      named: null,
      owners,
      parts: [text],
      first: para.entryLine ?? para.first ?? this.source,
      last: this.source,
    });
    para.entry = para.parts.length;
    para.entryLine = this.source + 1;
  }

  /**
   * "Action: Clerk" closing a paragraph: the paragraph is the action, of the owners the tag names. With no paragraph open
   * (the tag follows another action), the tag is an action that says only who: flagged.
   */
  tagParagraph(number: number | null, owners: string[], written: string): void {
    const para = this.para;
    const text = para ? clean(para.parts.slice(para.entry ?? 0).join(' ')) : '';
    const first = para ? (para.entryLine ?? para.first ?? this.source) : this.source;
    this.closeParagraphs();
    this.explicitActions = true;
    if (!text) this.flags.push(`In item ${this.item?.number ?? '?'}, "${written}" names who but no action.`);
    this.rawActions.push({
      number,
      item: this.item?.number ?? null,
      named: null,
      owners,
      parts: [text || written.replace(/^action:\s*/i, '')],
      first,
      last: this.source,
    });
  }

  /** A line of the action column: a numbered action starts ("05-06 SB to …"); other text continues an entry or starts one. */
  private columnText(text: string): void {
    const numbered = COLUMN_NUMBER.exec(text);
    const open = this.column;
    // An entry goes on over the next line, or past a line when it stopped mid-phrase ("… agreed to join").
    const lastPart = open?.parts[open.parts.length - 1] ?? '';
    const midPhrase = open && open.last === this.source - 2 && /\b(?:to|of|for|and|or|the|a|an|with|as|in|on|at|by|join)$/i.test(lastPart);
    if (!numbered && open && (open.last === this.source - 1 || midPhrase) && !endsSentence(lastPart)) {
      const last = open.parts.length - 1;
      if (open.parts[last]!.endsWith('-') && /^\p{Ll}/u.test(text)) open.parts[last] += text;
      else open.parts.push(text);
      open.last = this.source;
      return;
    }
    this.closeColumn();
    this.column = {
      reference: numbered ? numbered[1]! : null,
      parts: [numbered ? numbered[2]! : text],
      item: this.item?.number ?? null,
      first: this.source,
      last: this.source,
    };
  }

  /** Ends the entry of the action column: a numbered one is an action, a decision is a decision, anything else is flagged. */
  closeColumn(): void {
    const c = this.column;
    if (!c) return;
    this.column = null;
    const text = clean(c.parts.join(' '));
    if (c.reference) {
      this.explicitActions = true;
      this.rawActions.push({ number: null, reference: c.reference, item: c.item, named: null, parts: [text], first: c.first, last: c.last });
    } else if (COLUMN_DECISION.test(text)) this.decisions.push({ text, item: c.item });
    else this.flags.push(`In item ${c.item ?? '?'}, "${shortly(text)}" stands in the action column without a number: is it an action?`);
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
      // A table of actions under an actions heading may call the action "Description"; one with a status reviews old ones.
      const described = this.list !== null && cols.some((c) => /^(?:description|detail)$/.test(c)) && !cols.some((c) => /^status$/.test(c));
      if (described || cols.some((c) => /^actions?$|^action (?:agreed|point)s?$|^what$/.test(c))) {
        this.closeParagraphs();
        this.table = { cols, item: this.list?.item ?? null };
      }
      return;
    }
    const cell = (re: RegExp) => {
      const i = this.table!.cols.findIndex((c) => re.test(c));
      return i >= 0 ? (cells[i] ?? '') : '';
    };
    const text = cell(/^actions?$|^action (?:agreed|point)s?$|^what$/) || cell(/^(?:description|detail)$/);
    // A row whose status says it is under way or done reports on an earlier action ("Completed", "Carried forward").
    if (!text || (STATUS.test(cell(/^status$/)) && !/^open$/i.test(cell(/^status$/)))) return;
    const numberCell = cell(/^(?:no\.?|#|number|ref|action no\.?)$/);
    const number = /^\d+$/.exec(numberCell)?.[0];
    const reference = /^\d{1,3}(?:[.-]\d{1,3}){1,2}$/.exec(numberCell)?.[0];
    const item = cell(/^(?:item|agenda item|item no\.?)$/).replace(/^item\s+/i, '');
    const owner = cell(/^(?:owners?|who|lead|responsible|resp\.?|by whom|action by)$/);
    const due = cell(/^(?:due|by when|deadline|date|due date|when)$/);
    this.explicitActions = true;
    this.rawActions.push({
      number: number ? Number(number) : null,
      ...(reference ? { reference } : {}),
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
    this.closeColumn();
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

import type { PDFPage } from '@cantoo/pdf-lib';
import { EXEMPT_ITEM_TEXT } from '../../domain/agenda';
import { A4, GREY, INK, MARGIN, TextCanvas } from './page-content';
import { wrap, type Fonts, type TextCleaner } from './text';
import type { BoardPackInput, BoardPackItem, PackAudience } from './types';

const MAX_TITLE_CHARS = 300;
const MAX_TITLE_LINES = 4;
const MAX_NAME_CHARS = 120;
const TITLE_SIZE = 11;
const TITLE_LEADING = 14;
const NOTE_SIZE = 9;
const NOTE_LEADING = 12;
const CONFIDENTIAL_NOTE = 'Confidential: not for publication';
// The chair's reason may be 1,000 characters: about nine lines at NOTE_SIZE, so an entry still fits a page.
const MAX_URGENCY_CHARS = 1000;
const MAX_URGENCY_LINES = 10;
const ENTRY_GAP = 10;
const NUMBER_WIDTH = 34;
// Wide enough for "p. 99999" at TITLE_SIZE, so no page number can change the layout.
const PAGE_COLUMN = 64;
const AGENDA_TOP = A4[1] - MARGIN - 56;
const AGENDA_BOTTOM = MARGIN + 20;

/** One item as the agenda lists it and the outline bookmarks it, its text already cleaned and wrapped. */
export interface AgendaEntry {
  item: BoardPackItem;
  includePaper: boolean;
  exempt: boolean;
  titleLines: string[];
  /** Grey line under the title: confidentiality (members' pack) and presenter. */
  noteLine?: string;
  /** Under that, for urgent business: "Urgent business: <the chair's reason>", wrapped. */
  urgencyLines: string[];
  height: number;
  /** Set once the paper has been copied; the agenda is drawn after that. */
  startPage?: number;
  /** 1-based page of the pack that lists this entry. */
  agendaPage?: number;
  outlineTitle: string;
}

/** Lays out one item's agenda entry; an exempt item in the public pack shows only its number and the exemption. */
export function agendaEntry(item: BoardPackItem, audience: PackAudience, text: TextCleaner, fonts: Fonts): AgendaEntry {
  const exempt = item.confidential && audience === 'public';
  const titleWidth = A4[0] - 2 * MARGIN - NUMBER_WIDTH - PAGE_COLUMN;
  const title = exempt ? EXEMPT_ITEM_TEXT : text.forFont(item.title, MAX_TITLE_CHARS) || '(untitled)';
  const titleLines = wrap(title, exempt ? fonts.italic : fonts.regular, TITLE_SIZE, titleWidth, MAX_TITLE_LINES);
  const presenter = exempt ? '' : text.forFont(item.presenter, MAX_NAME_CHARS);
  // Members are told which papers they must not pass on; the public pack shows no detail of those items at all.
  const notes = [item.confidential && !exempt ? CONFIDENTIAL_NOTE : '', presenter ? `Presenter: ${presenter}` : ''].filter(Boolean);
  const noteLine = notes.length > 0 ? wrap(notes.join(' \u00b7 '), fonts.regular, NOTE_SIZE, titleWidth, 1)[0] : undefined;
  // The statute asks for the special circumstances to be specified: the pack prints them with the item.
  const reason = exempt ? '' : text.forFont(item.urgency, MAX_URGENCY_CHARS);
  const urgencyLines = reason ? wrap(`Urgent business: ${reason}`, fonts.regular, NOTE_SIZE, titleWidth, MAX_URGENCY_LINES) : [];
  const height = titleLines.length * TITLE_LEADING + ((noteLine ? 1 : 0) + urgencyLines.length) * NOTE_LEADING + ENTRY_GAP;
  const outlineTitle = `${item.number}. ${exempt ? EXEMPT_ITEM_TEXT : text.forMetadata(item.title, 200) || '(untitled)'}`;
  return { item, includePaper: !exempt && item.paper !== undefined, exempt, titleLines, noteLine, urgencyLines, height, outlineTitle };
}

/** Splits the entries into agenda pages, an entry never straddling two, and sets each entry's `agendaPage`. */
export function paginateAgenda(entries: AgendaEntry[]): AgendaEntry[][] {
  const pages: AgendaEntry[][] = [[]];
  let y = AGENDA_TOP;
  for (const entry of entries) {
    const current = pages[pages.length - 1]!;
    if (current.length > 0 && y - entry.height < AGENDA_BOTTOM) {
      pages.push([entry]);
      y = AGENDA_TOP - entry.height;
    } else {
      current.push(entry);
      y -= entry.height;
    }
    // The cover is page 1, so agenda page i is page i + 2.
    entry.agendaPage = pages.length + 1;
  }
  return pages;
}

/** Draws agenda page `index` (0-based) with its entries, each with the page its paper starts on. */
export function drawAgendaPage(page: PDFPage, index: number, entries: AgendaEntry[], input: BoardPackInput, text: TextCleaner, fonts: Fonts): void {
  const canvas = new TextCanvas(page);
  const width = A4[0] - 2 * MARGIN;
  canvas.drawText(index === 0 ? 'Agenda' : 'Agenda (continued)', { x: MARGIN, y: A4[1] - MARGIN - 18, size: 18, font: fonts.bold, color: INK });
  const subtitle = wrap(
    `${text.forFont(input.boardName, MAX_NAME_CHARS)} \u2013 ${text.forFont(input.meetingWhen, MAX_NAME_CHARS)}`,
    fonts.regular,
    10,
    width,
    1,
  )[0];
  if (subtitle) canvas.drawText(subtitle, { x: MARGIN, y: A4[1] - MARGIN - 36, size: 10, font: fonts.regular, color: GREY });

  let y = AGENDA_TOP;
  for (const entry of entries) {
    let baseline = y - TITLE_SIZE;
    canvas.drawText(`${entry.item.number}.`, { x: MARGIN, y: baseline, size: TITLE_SIZE, font: fonts.bold, color: INK });
    if (entry.startPage !== undefined) {
      const label = `p. ${entry.startPage}`;
      const labelX = A4[0] - MARGIN - fonts.regular.widthOfTextAtSize(label, TITLE_SIZE);
      canvas.drawText(label, { x: labelX, y: baseline, size: TITLE_SIZE, font: fonts.regular, color: INK });
    }
    for (const line of entry.titleLines) {
      canvas.drawText(line, { x: MARGIN + NUMBER_WIDTH, y: baseline, size: TITLE_SIZE, font: entry.exempt ? fonts.italic : fonts.regular, color: INK });
      baseline -= TITLE_LEADING;
    }
    baseline += TITLE_LEADING - NOTE_LEADING;
    for (const line of entry.noteLine ? [entry.noteLine, ...entry.urgencyLines] : entry.urgencyLines) {
      canvas.drawText(line, { x: MARGIN + NUMBER_WIDTH, y: baseline, size: NOTE_SIZE, font: fonts.regular, color: GREY });
      baseline -= NOTE_LEADING;
    }
    y -= entry.height;
  }
  canvas.flush();
}

/** Draws the cover: board, date, venue, which pack this is, and how many items and pages it holds. */
export function drawCover(page: PDFPage, input: BoardPackInput, entries: AgendaEntry[], totalPages: number, text: TextCleaner, fonts: Fonts): void {
  const canvas = new TextCanvas(page);
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN - 120;
  for (const line of wrap(text.forFont(input.boardName, MAX_TITLE_CHARS) || 'Board meeting', fonts.bold, 26, width, 3)) {
    canvas.drawText(line, { x: MARGIN, y, size: 26, font: fonts.bold, color: INK });
    y -= 32;
  }
  y -= 16;
  const details: [string, string][] = [
    ['Date and time', input.meetingWhen],
    ['Venue', input.venue],
  ];
  for (const [label, value] of details) {
    canvas.drawText(label, { x: MARGIN, y, size: 10, font: fonts.regular, color: GREY });
    y -= 18;
    for (const line of wrap(text.forFont(value, MAX_NAME_CHARS * 2) || '\u2013', fonts.regular, 14, width, 2)) {
      canvas.drawText(line, { x: MARGIN, y, size: 14, font: fonts.regular, color: INK });
      y -= 18;
    }
    y -= 12;
  }
  y -= 24;
  const members = input.audience === 'members';
  canvas.drawText(members ? "Members' pack" : 'Public pack', { x: MARGIN, y, size: 20, font: fonts.bold, color: INK });
  y -= 22;
  const hasConfidential = entries.some((e) => e.item.confidential);
  const notes = [`${entries.length} ${entries.length === 1 ? 'item' : 'items'}, ${totalPages} pages`];
  if (hasConfidential) notes.push(members ? 'Contains exempt items: not for publication.' : 'Exempt items are not included in this pack.');
  for (const note of notes) {
    canvas.drawText(note, { x: MARGIN, y, size: 11, font: fonts.regular, color: GREY });
    y -= 16;
  }
  canvas.flush();
}

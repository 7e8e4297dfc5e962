import { EXEMPT_ITEM_TEXT } from '../domain/agenda';
import { html, raw, truncateForDisplay, type SafeHtml } from '../domain/html';
import type { PackAudience } from './board-pack';
import { describeFile, formatBytes } from './file-type';

/**
 * Where the web page of a pack is, below the address that serves the pack (a member's papers link,
 * the public agenda): its links are relative to that address, so one stored page serves every member.
 */
export const PACK_HTML_PATH = 'pack-page';

/** One agenda item as the web page lists it. */
export interface PackHtmlItem {
  number: number;
  title: string;
  presenter?: string;
  confidential: boolean;
  /** A late item taken as urgent business: the chair's reason (special circumstances). */
  urgency?: string;
  /** The item's paper as it is in this pack; absent when the pack has none for the item. */
  paper?: { contentType: string; size: number; pages: number; packPage: number };
}

/** What the web page shows: the pack's cover and its agenda. */
export interface PackHtmlInput {
  boardName: string;
  meetingWhen: string;
  venue: string;
  audience: PackAudience;
  /** The PDF it is the twin of. */
  pack: { pages: number; size: number };
  items: readonly PackHtmlItem[];
}

const TITLE_MAX = 300;
const NAME_MAX = 200;
const REASON_MAX = 1000;

const STYLE = `body{font-family:Arial,Helvetica,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
h1{color:#1d3557;font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.1rem;margin:1.5rem 0 .3rem}
dt{font-weight:bold}dd{margin:0 0 .5rem}.note{color:#555}a{color:#1d3557}`;

function itemSection(item: PackHtmlItem, audience: PackAudience): SafeHtml {
  // The public pack shows an exempt item's number only: no title, presenter or paper.
  if (item.confidential && audience === 'public') {
    return html`<section aria-labelledby="item-${item.number}"><h3 id="item-${item.number}">Item ${item.number}: ${EXEMPT_ITEM_TEXT}</h3></section>`;
  }
  const title = truncateForDisplay(item.title, TITLE_MAX) || '(untitled)';
  const notes = [
    item.presenter ? html`<p>Presenter: ${truncateForDisplay(item.presenter, NAME_MAX)}</p>` : '',
    item.confidential ? html`<p class="note">Confidential: not for publication.</p>` : '',
    item.urgency ? html`<p>Urgent business: ${truncateForDisplay(item.urgency, REASON_MAX)}</p>` : '',
  ];
  const { paper } = item;
  const last = paper ? paper.packPage + paper.pages - 1 : 0;
  const link = paper
    ? html`<p><a href="paper/${item.number}">Paper for item ${item.number}, ${title} (${describeFile(paper)})</a><br>
<span class="note">In the pack on ${paper.pages === 1 ? `page ${paper.packPage}` : `pages ${paper.packPage} to ${last}`}.</span></p>`
    : html`<p class="note">No paper.</p>`;
  return html`<section aria-labelledby="item-${item.number}"><h3 id="item-${item.number}">Item ${item.number}: ${title}</h3>${notes}${link}</section>`;
}

/**
 * The web page twin of a board pack, for screen-reader users: the cover (board, meeting, venue, which
 * pack) and the agenda with a link to each paper, named by its item and title with its size and page
 * count. Everything from people is escaped; the public twin lists an exempt item by its number only.
 * Links are relative (`paper/<n>`, `pack`) to the address the page is served at, {@link PACK_HTML_PATH}.
 */
export function packHtml(input: PackHtmlInput): string {
  const packName = input.audience === 'members' ? "Members' pack" : 'Public pack';
  const board = truncateForDisplay(input.boardName, NAME_MAX) || 'Board meeting';
  const when = truncateForDisplay(input.meetingWhen, NAME_MAX);
  const exempt = input.items.some((i) => i.confidential);
  const exemptNote = !exempt
    ? ''
    : input.audience === 'members'
      ? ' Contains exempt items: not for publication.'
      : ' Exempt items are not included in this pack.';
  const count = `${input.items.length} ${input.items.length === 1 ? 'item' : 'items'}`;
  const doc = html`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><title>${board} \u2013 ${when} \u2013 ${packName}</title><style>${raw(STYLE)}</style></head>
<body><header><p>${packName}</p></header><main><h1>${board}</h1>
<dl><dt>Date and time</dt><dd>${when}</dd><dt>Venue</dt><dd>${truncateForDisplay(input.venue, NAME_MAX) || '\u2013'}</dd></dl>
<p>${count}.${exemptNote}</p>
<p><a href="pack">The whole pack as one PDF (${input.pack.pages} pages, ${formatBytes(input.pack.size)})</a></p>
<nav aria-labelledby="agenda"><h2 id="agenda">Agenda</h2>${input.items.map((item) => itemSection(item, input.audience))}</nav></main></body></html>`;
  return doc.toString();
}

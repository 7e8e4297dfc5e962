import { formatBoardDateTime } from '../shared/domain/calendar';
import { html } from '../shared/domain/html';
import type { Board, Cycle } from '../shared/domain/types';
import { ids } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { formatBytes } from '../shared/documents/file-type';
import { page, type HttpResponse } from './page';
import { PUBLIC_PAGE_HEADERS } from './public-agenda';

/** What a meeting has published, as its own opt-ins allow: the agenda and public pack, the approved minutes. */
function published(board: Board, cycle: Cycle): { packs?: NonNullable<Cycle['packs']>; minutes?: NonNullable<Cycle['publicMinutes']> } {
  return {
    ...(board.publicAgenda === true && cycle.packs ? { packs: cycle.packs } : {}),
    ...(board.publicMinutes === true && cycle.publicMinutes ? { minutes: cycle.publicMinutes } : {}),
  };
}

/**
 * `/public/<board>`: for a board that opted in (`publicIndex`), its meetings newest first, each with what
 * the board publishes of it (the agenda page and public pack from circulation, the approved minutes once
 * published), linking to the meeting's own public page. A meeting with nothing published is not listed,
 * so the index tells no more than the meetings' pages do. Every title and venue is escaped by the template.
 * @returns undefined for a board that does not exist, did not opt in, or has a malformed id: the caller
 *   answers them all with the public pages' one 404, so the public learns nothing from which it was
 */
export async function handlePublicIndex(d: Pick<CoreDeps, 'boards' | 'cycles'>, boardId: string): Promise<HttpResponse | undefined> {
  if (!ids.boardId.safeParse(boardId).success) return undefined;
  const board = await d.boards.getBoard(boardId);
  if (!board || board.publicIndex !== true) return undefined;
  const cycles = (await d.cycles.listCycles(boardId))
    .map((cycle) => ({ cycle, ...published(board, cycle) }))
    .filter((m) => m.packs || m.minutes)
    .sort((a, b) => b.cycle.timeline.meeting.localeCompare(a.cycle.timeline.meeting));
  const rows = cycles.map(({ cycle, packs, minutes }) => {
    const self = `/public/${boardId}/${cycle.cycleId}`;
    const agenda = packs
      ? html`<a href="${self}">Agenda</a> · <a href="${self}/pack">public pack: PDF, ${packs.public.pages} pages, ${formatBytes(packs.public.size)}</a>`
      : html`<span>Agenda not published</span>`;
    const approved = minutes
      ? html`<a href="${self}/minutes">Approved minutes</a> · <a href="${self}/minutes.pdf">PDF, ${formatBytes(minutes.pdfSize)}</a>`
      : html`<span>Minutes not yet approved</span>`;
    return html`<tr><th scope="row">${formatBoardDateTime(cycle.timeline.meeting, board.timeZone)}<br>${cycle.meeting.venue}</th>
<td>${agenda}</td><td>${approved}</td></tr>`;
  });
  const body = cycles.length
    ? html`<table><caption>Meetings of ${board.name}, newest first</caption>
<thead><tr><th scope="col">Meeting</th><th scope="col">Agenda and papers</th><th scope="col">Minutes</th></tr></thead><tbody>${rows}</tbody></table>
<p>Exempt items and their papers are withheld.</p>`
    : html`<p>Nothing has been published yet.</p>`;
  const shown = page(200, `${board.name}: meetings`, body);
  return { ...shown, headers: { ...PUBLIC_PAGE_HEADERS } };
}

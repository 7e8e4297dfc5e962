import { packHtmlKey, publicMinutesKey, publicMinutesPdfKey } from '../shared/table/object-keys';
import { PACK_HTML_PATH } from '../shared/documents/pack-html';
import { EXEMPT_ITEM_TEXT } from '../shared/domain/agenda';
import { loadCycleContext } from '../shared/services/cycle-context';
import { NotFoundError } from '../shared/domain/errors';
import { html, type SafeHtml } from '../shared/domain/html';
import { latestPapers } from '../shared/domain/types';
import { ids } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { log } from '../shared/runtime/observability';
import type { HttpRequest } from './app';
import { formatBytes } from '../shared/documents/file-type';
import { notice, page, PAGE_HEADERS, redirect, type HttpResponse } from './page';
import { handlePublicIndex } from './public-index';

const DOWNLOAD_SECONDS = 5 * 60;

/**
 * The link pages' headers, except that a public page holds no secret and is the same for everyone, so a
 * browser or a proxy may keep it briefly: a popular agenda costs one render per five minutes, and a
 * change at circulation shows within five minutes.
 */
export const PUBLIC_PAGE_HEADERS: Readonly<Record<string, string>> = { ...PAGE_HEADERS, 'cache-control': 'public, max-age=300' };

/**
 * One answer for every reason the page is not there (no such board, no opt-in, not circulated yet, a
 * malformed id, an exempt paper), so that the public cannot learn which boards or cycles exist, or which
 * exempt items have papers. Not cacheable, so that publication at circulation shows at once.
 */
const notPublished = (): HttpResponse => page(404, 'Not published', notice('There is no published agenda at this address.'));

const PUBLIC_PATH = /^\/public\/([^/]+)\/([^/]+)(?:\/(.*))?$/;
/** `/public/<board>`: the board's index of meetings ({@link handlePublicIndex}). */
const PUBLIC_INDEX_PATH = /^\/public\/([^/]+)\/?$/;

/**
 * Routes a `/public/…` request: GET or HEAD only, and never lets an error page say more than "not
 * published" (the link pages' error table would name the board).
 */
export async function handlePublicRequest(d: CoreDeps, req: Pick<HttpRequest, 'method' | 'path'>): Promise<HttpResponse> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return page(405, 'Not allowed', notice('The published agenda can only be read.'));
  const index = PUBLIC_INDEX_PATH.exec(req.path);
  const match = PUBLIC_PATH.exec(req.path);
  if (!index && !match) return notPublished();
  try {
    if (index) return (await handlePublicIndex(d, index[1] ?? '')) ?? notPublished();
    return await handlePublicAgenda(d, match?.[1] ?? '', match?.[2] ?? '', match?.[3] ?? '');
  } catch (err) {
    log().error('Unhandled error in the public agenda', { error: err });
    return page(500, 'Something went wrong', notice('Please try again in a few minutes.'));
  }
}

/**
 * The public page of one cycle: its agenda for a board that opted in (`publicAgenda`), from circulation
 * (when the packs are built) on, and its approved minutes for a board that opted in (`publicMinutes`),
 * once published:
 *
 * - `''`: board, meeting and agenda; an exempt (confidential) item shows only {@link EXEMPT_ITEM_TEXT}.
 *   Links to the approved minutes when they are published (the page is there with those alone too).
 * - `pack`: 302 to a five-minute download of the public pack (exempt items withheld).
 * - `pack-page`: the public pack's web page (cover and agenda with links to the papers, for screen readers).
 * - `paper/<n>`: 302 to a five-minute download of the latest paper of a non-exempt item.
 * - `minutes`: the public copy of the approved minutes (exempt items withheld), as a page.
 * - `minutes.pdf`: 302 to a five-minute download of the public copy as a PDF.
 *
 * Anything else, and any board or cycle not published, is the same 404. Paths are ids as written: an
 * id in another spelling (percent-encoded, upper case) is not one and gets the 404 too.
 */
export async function handlePublicAgenda(d: CoreDeps, boardId: string, cycleId: string, rest: string): Promise<HttpResponse> {
  if (!ids.boardId.safeParse(boardId).success || !ids.cycleId.safeParse(cycleId).success) return notPublished();
  const ctx = await loadCycleContext(d, boardId, cycleId).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });
  if (!ctx) return notPublished();
  const { cycle } = ctx;
  const self = `/public/${boardId}/${cycleId}`;
  const minutes = ctx.board.publicMinutes === true ? cycle.publicMinutes : undefined;
  // Only the public copy's keys, whatever the record says: the members' minutes never leave by this route.
  if (rest === 'minutes' || rest === 'minutes.pdf') {
    if (!minutes) return notPublished();
    if (rest === 'minutes.pdf') {
      const fileName = `${ctx.board.name} minutes ${cycle.meeting.date}.pdf`;
      return redirect(await d.documents.presignDownload(publicMinutesPdfKey(cycleId, minutes.version), DOWNLOAD_SECONDS, fileName));
    }
    return { statusCode: 200, headers: { ...PUBLIC_PAGE_HEADERS }, body: await d.documents.getText(publicMinutesKey(cycleId, minutes.version)) };
  }
  const minutesLinks: SafeHtml | string = minutes
    ? html`<h2>Approved minutes</h2><p>${[
        html`<a href="${self}/minutes">Approved minutes</a> · <a href="${self}/minutes.pdf">PDF, ${formatBytes(minutes.pdfSize)}</a>`,
        html`<br>Published ${ctx.day(minutes.publishedAt)}; exempt items are withheld.</p>`,
      ]}`
    : '';
  const packs = ctx.board.publicAgenda === true ? cycle.packs : undefined;
  if (!packs) {
    if (rest || !minutes) return notPublished();
    const shown = page(
      200,
      `${ctx.board.name}: minutes`,
      html`<p><strong>${ctx.when(cycle.timeline.meeting)}</strong><br>${cycle.meeting.venue}</p>${minutesLinks}`,
    );
    return { ...shown, headers: { ...PUBLIC_PAGE_HEADERS } };
  }

  if (rest === 'pack') {
    return redirect(await d.documents.presignDownload(packs.public.s3Key, DOWNLOAD_SECONDS, `${ctx.board.name} public pack ${cycle.meeting.date}.pdf`));
  }
  if (rest === PACK_HTML_PATH) {
    // The public pack's web page: exempt items by number only, as in the public pack.
    const twin = await d.documents
      .getText(packHtmlKey(cycleId, 'public'))
      .catch((err: unknown) => (err instanceof NotFoundError ? undefined : Promise.reject(err)));
    return twin === undefined ? notPublished() : { statusCode: 200, headers: { ...PUBLIC_PAGE_HEADERS }, body: twin };
  }
  const [items, papers] = await Promise.all([d.cycles.listItems(cycleId), d.cycles.listPapers(cycleId)]);
  // Appendices share the item's version numbers: the paper is the latest upload taken as the paper.
  const latest = latestPapers(papers);

  const paperPath = /^paper\/([1-9]\d{0,3})$/.exec(rest);
  if (paperPath) {
    const number = Number(paperPath[1]);
    const item = items.find((i) => i.number === number);
    const paper = latest.get(number);
    // Only papers of items on the agenda and not exempt: an exempt paper must never leave by this route.
    if (!item || item.confidential || !paper) return notPublished();
    // A neutral name: the uploader's own file name may say more than the paper ("draft", a person's name).
    return redirect(await d.documents.presignDownload(paper.s3Key, DOWNLOAD_SECONDS, `${ctx.board.name} item ${number}.pdf`));
  }
  if (rest) return notPublished();

  const names = new Map(ctx.members.map((m) => [m.memberId, m.name]));
  const rows = items.map((item) => {
    if (item.confidential) return html`<tr><td>${item.number}</td><td colspan="3">${EXEMPT_ITEM_TEXT}</td></tr>`;
    const presenter = item.presenterMemberId ? names.get(item.presenterMemberId) : undefined;
    const paper = latest.get(item.number);
    return html`<tr><td>${item.number}</td><td>${item.title}</td><td>${presenter ?? ''}</td><td>${
      paper ? html`<a href="${self}/paper/${item.number}">PDF, ${formatBytes(paper.size)}</a>` : 'No paper'
    }</td></tr>`;
  });
  const body = html`<p><strong>${ctx.when(cycle.timeline.meeting)}</strong><br>${cycle.meeting.venue}</p>
<p><a href="${self}/pack">Agenda and papers: PDF, ${packs.public.pages} pages, ${formatBytes(packs.public.size)}</a></p>
<p><a href="${self}/${PACK_HTML_PATH}">Agenda and papers as a web page, for screen readers</a></p>
<table><thead><tr><th>Item</th><th>Title</th><th>Presenter</th><th>Paper</th></tr></thead><tbody>${rows}</tbody></table>
<p>Published ${ctx.day(packs.builtAt)}.</p>${minutesLinks}`;
  const shown = page(200, `${ctx.board.name}: agenda`, body);
  return { ...shown, headers: { ...PUBLIC_PAGE_HEADERS } };
}

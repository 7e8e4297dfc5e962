import { EXEMPT_ITEM_TEXT } from '../shared/domain/board-pack';
import { loadCycleContext } from '../shared/domain/cycle-context';
import { NotFoundError } from '../shared/domain/errors';
import { html } from '../shared/domain/html';
import type { Paper } from '../shared/domain/types';
import { ids } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import type { HttpRequest } from './app';
import { formatBytes } from './links/upload-paper';
import { notice, page, PAGE_HEADERS, redirect, type HttpResponse } from './page';

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

/**
 * Routes a `/public/…` request: GET or HEAD only, and never lets an error page say more than "not
 * published" (the link pages' error table would name the board).
 */
export async function handlePublicRequest(d: CoreDeps, req: Pick<HttpRequest, 'method' | 'path'>): Promise<HttpResponse> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return page(405, 'Not allowed', notice('The published agenda can only be read.'));
  const match = PUBLIC_PATH.exec(req.path);
  if (!match) return notPublished();
  try {
    return await handlePublicAgenda(d, match[1] ?? '', match[2] ?? '', match[3] ?? '');
  } catch (err) {
    console.error('Unhandled error in the public agenda', err);
    return page(500, 'Something went wrong', notice('Please try again in a few minutes.'));
  }
}

/**
 * The public agenda of one cycle, for a board that opted in (`publicAgenda`), from circulation (when the
 * packs are built) on:
 *
 * - `''`: board, meeting and agenda; an exempt (confidential) item shows only {@link EXEMPT_ITEM_TEXT}.
 * - `pack`: 302 to a five-minute download of the public pack (exempt items withheld).
 * - `paper/<n>`: 302 to a five-minute download of the latest paper of a non-exempt item.
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
  const packs = ctx?.cycle.packs;
  if (!ctx || ctx.board.publicAgenda !== true || !packs) return notPublished();
  const { cycle } = ctx;
  const self = `/public/${boardId}/${cycleId}`;

  if (rest === 'pack') {
    return redirect(await d.documents.presignDownload(packs.public.s3Key, DOWNLOAD_SECONDS, `${ctx.board.name} public pack ${cycle.meeting.date}.pdf`));
  }
  const [items, papers] = await Promise.all([d.cycles.listItems(cycleId), d.cycles.listPapers(cycleId)]);
  const latest = new Map<number, Paper>();
  for (const p of papers) if ((latest.get(p.itemNumber)?.version ?? 0) < p.version) latest.set(p.itemNumber, p);

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
<table><thead><tr><th>Item</th><th>Title</th><th>Presenter</th><th>Paper</th></tr></thead><tbody>${rows}</tbody></table>
<p>Published ${ctx.day(packs.builtAt)}.</p>`;
  const shown = page(200, `${ctx.board.name}: agenda`, body);
  return { ...shown, headers: { ...PUBLIC_PAGE_HEADERS } };
}

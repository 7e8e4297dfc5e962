import { describeFile, formatBytes } from '../../../shared/documents/file-type';
import { html, type SafeHtml } from '../../../shared/domain/html';
import { appendixPath } from '../../../shared/domain/links';
import type { AgendaItem, Paper } from '../../../shared/domain/types';
import { form, page, PAGE_HEADERS, type HttpResponse, redirect } from '../../page';
import { PACK_HTML_PATH } from '../../../shared/documents/pack-html';
import type { LinkContext, LinkPage } from '../types';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors';
import { circulatedPapers, fileDownload, openPack, packDownload, packWebPage, readPapersPath, type PackChoice } from './core';
import { declarationsUnder, papersInterests, withheldPage, type PapersInterests } from './interests';

/** A member with any item withheld gets the pack without confidential items; the members' pack holds them all. */
const packFor = (interests: PapersInterests | undefined): PackChoice => (interests && interests.withheld.size > 0 ? 'public' : 'members');

function row(c: LinkContext, i: AgendaItem, paper: Paper | undefined, appendices: readonly Paper[], interests?: PapersInterests): SafeHtml {
  const start = c.cycle.cycle.packs?.members.itemStartPages?.[i.number];
  const under = declarationsUnder(i, interests);
  if (interests?.withheld.has(i.number))
    return html`<tr><td>${i.number}</td><td>${i.title}</td><td>Withheld: you declared an interest in it</td><td></td></tr>`;
  const files = appendices.map((a, n) => html`<br><a href="${c.self}/${appendixPath(a)}">Appendix ${n + 1}: ${describeFile(a)}</a>${a.late ? ' (late)' : ''}`);
  const link = paper ? html`<a href="${c.self}/paper/${i.number}">${describeFile(paper)}</a>${paper.late ? ' (late)' : ''}` : 'No paper';
  return html`<tr><td>${i.number}</td><td>${i.title}${under}</td><td>${link}${files}</td><td>${start !== undefined ? `Pack page ${start}` : ''}</td></tr>`;
}

/** Each item's paper and appendices, and a button that opens the pack (a POST, so that it can be counted). */
export function papersPage(
  c: LinkContext,
  papers: { items: readonly AgendaItem[]; latest: ReadonlyMap<number, Paper>; appendices: ReadonlyMap<number, Paper[]> },
  interests?: PapersInterests,
): HttpResponse {
  const packs = c.cycle.cycle.packs;
  const rows = papers.items.map((i) => row(c, i, papers.latest.get(i.number), papers.appendices.get(i.number) ?? [], interests));
  const apart = papers.appendices.size > 0 ? ' Appendices are not in it: open them from the list below.' : '';
  const choice = packFor(interests);
  const withheld = choice === 'public' ? ' Confidential items are withheld from it: open the others from the list below.' : '';
  const pack = packs
    ? form(
        `${c.self}/pack`,
        c.csrf,
        html`<p>Board pack: one PDF, ${packs[choice].pages} pages, ${formatBytes(packs[choice].size)}.${apart}${withheld}</p>`,
        'Open the board pack',
      )
    : html`<p>The board pack is not ready yet.</p>`;
  const webPage = packs ? html`<p><a href="${c.self}/${PACK_HTML_PATH}">The agenda and papers as a web page, for screen readers</a></p>` : '';
  return page(200, `Papers for ${c.cycle.board.name}, ${c.cycle.day(c.cycle.cycle.timeline.meeting)}`, html`${pack}${webPage}<table>${rows}</table>`);
}

/**
 * A member's view of the circulated papers: each item's paper and its appendices. Following a file's
 * link issues a five-minute presigned download (saved under our own file name, as an attachment); the
 * email itself never holds one.
 */
export const viewPapersPage: LinkPage<'view-papers'> = {
  purpose: 'view-papers',
  async show(c) {
    const path = readPapersPath(c.rest);
    const cycleId = c.cycle.cycle.cycleId;
    if (!path) throw new NotFoundError('There is nothing at this address.');
    const interests = await papersInterests(c.d, c.cycle, c.holder.memberId);
    if (path.kind === 'pack') return redirect(await packDownload(c.d, c.cycle, packFor(interests)));
    if (path.kind === 'pack-html') return { statusCode: 200, headers: { ...PAGE_HEADERS }, body: await packWebPage(c.d, c.cycle, packFor(interests)) };
    if (path.kind !== 'list' && interests.withheld.has(path.item)) return withheldPage(c.cycle, path.item);
    if (path.kind !== 'list') return redirect(await fileDownload(c.d, cycleId, path));
    return papersPage(c, await circulatedPapers(c.d, cycleId), interests);
  },
  async perform(c) {
    if (readPapersPath(c.rest)?.kind !== 'pack') throw new ValidationError('Papers are read-only.');
    const interests = await papersInterests(c.d, c.cycle, c.holder.memberId);
    // Opening the pack from the page is a POST, so it can be counted without counting the mail scanners.
    return { outcome: '', response: redirect(await openPack(c.d, c.cycle, c.holder, packFor(interests)), 303) };
  },
};

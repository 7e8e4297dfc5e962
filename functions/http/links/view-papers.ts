import { NotFoundError, ValidationError } from '../../shared/domain/errors';
import { html } from '../../shared/domain/html';
import { page, redirect } from '../page';
import type { LinkPage } from './types';
import { formatBytes } from './upload-paper';

const DOWNLOAD_SECONDS = 5 * 60;

/**
 * A member's view of the circulated papers. Following a paper's link issues a five-minute presigned
 * download; the email itself never holds one.
 */
export const viewPapers: LinkPage = {
  purpose: 'view-papers',
  async show(c) {
    const [items, papers] = await Promise.all([c.d.cycles.listItems(c.cycle.cycle.cycleId), c.d.cycles.listPapers(c.cycle.cycle.cycleId)]);
    const latest = new Map(papers.map((p) => [p.itemNumber, p]));
    const packs = c.cycle.cycle.packs;
    if (c.rest === 'pack') {
      if (!packs) throw new NotFoundError('The board pack is built when the papers are circulated; it is not ready yet.');
      const file = `${c.cycle.board.name} board pack ${c.cycle.cycle.meeting.date}.pdf`;
      return redirect(await c.d.documents.presignDownload(packs.members.s3Key, DOWNLOAD_SECONDS, file));
    }
    const paperPath = c.rest.match(/^paper\/(\d+)$/);
    if (paperPath) {
      const paper = latest.get(Number(paperPath[1]));
      if (!paper) throw new NotFoundError(`There is no paper for item ${paperPath[1]}.`);
      return redirect(await c.d.documents.presignDownload(paper.s3Key, DOWNLOAD_SECONDS, paper.fileName));
    }
    if (c.rest) throw new NotFoundError('There is nothing at this address.');
    const rows = items.map((i) => {
      const p = latest.get(i.number);
      return html`<tr><td>${i.number}</td><td>${i.title}</td><td>${p ? html`<a href="${c.self}/paper/${i.number}">PDF, ${formatBytes(p.size)}</a>${p.late ? ' (late)' : ''}` : 'No paper'}</td></tr>`;
    });
    const pack = packs
      ? html`<p><a href="${c.self}/pack">Board pack: PDF, ${packs.members.pages} pages, ${formatBytes(packs.members.size)}</a></p>`
      : html`<p>The board pack is not ready yet.</p>`;
    return page(200, `Papers for ${c.cycle.board.name}, ${c.cycle.day(c.cycle.cycle.timeline.meeting)}`, html`${pack}<table>${rows}</table>`);
  },
  async perform() {
    throw new ValidationError('Papers are read-only.');
  },
};

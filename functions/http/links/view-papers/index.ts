import { NotFoundError, ValidationError } from '../../../shared/domain/errors';
import { redirect } from '../../page';
import type { LinkPage } from '../types';
import { circulatedPapers, fileDownload, openPack, packDownload } from './core';
import { papersPage } from './page';
import { readPapersPath } from './schema';

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
    if (path.kind === 'pack') return redirect(await packDownload(c.d, c.cycle));
    if (path.kind !== 'list') return redirect(await fileDownload(c.d, cycleId, path));
    return papersPage(c, await circulatedPapers(c.d, cycleId));
  },
  async perform(c) {
    if (readPapersPath(c.rest)?.kind !== 'pack') throw new ValidationError('Papers are read-only.');
    // Opening the pack from the page is a POST, so it can be counted without counting the mail scanners.
    return { outcome: '', response: redirect(await openPack(c.d, c.cycle, c.holder), 303) };
  },
};

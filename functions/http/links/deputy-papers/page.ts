import { ValidationError, NotFoundError } from '../../../shared/domain/errors';
import { notice, page, PAGE_HEADERS, redirect, type HttpResponse } from '../../page';
import type { LinkContext, LinkPage } from '../types';
import { circulatedPapers, fileDownload, packDownload, packWebPage, readPapersPath } from '../view-papers/core';
import { papersPage } from '../view-papers/page';
import { deputyStanding } from './core';

/** The deputy's link no longer stands: the member withdrew their apologies or named someone else. */
const noLongerDeputy = (c: LinkContext): HttpResponse =>
  page(
    403,
    'This link is no longer active',
    notice(
      `${c.holder.name} has withdrawn their apologies or named someone else to attend, so this link no longer opens the papers. Questions: ${c.cycle.secretariatEmail || 'the secretariat'}.`,
    ),
  );

/**
 * A deputy's view of the papers of the one meeting they attend in a member's place: the member's papers
 * page, read-only, and only while the member's apologies still name them. Opening the pack is not
 * counted as the member's opening.
 */
export const deputyPapersPage: LinkPage<'deputy-papers'> = {
  purpose: 'deputy-papers',
  async show(c) {
    const path = readPapersPath(c.rest);
    if (!path) throw new NotFoundError('There is nothing at this address.');
    if (!(await deputyStanding(c.d, c.link))) return noLongerDeputy(c);
    const cycleId = c.cycle.cycle.cycleId;
    if (path.kind === 'pack') return redirect(await packDownload(c.d, c.cycle));
    if (path.kind === 'pack-html') return { statusCode: 200, headers: { ...PAGE_HEADERS }, body: await packWebPage(c.d, c.cycle) };
    if (path.kind !== 'list') return redirect(await fileDownload(c.d, cycleId, path));
    return papersPage(c, await circulatedPapers(c.d, cycleId));
  },
  async perform(c) {
    if (readPapersPath(c.rest)?.kind !== 'pack') throw new ValidationError('Papers are read-only.');
    if (!(await deputyStanding(c.d, c.link))) return { outcome: '', response: noLongerDeputy(c) };
    return { outcome: '', response: redirect(await packDownload(c.d, c.cycle), 303) };
  },
};

import { parseOrThrow } from '../../../shared/domain/validate';
import type { LinkPage } from '../types';
import { proposeItem } from './core';
import { presenterRefusedPage, proposalPage, proposalsClosedPage, proposedPage } from './page';
import { proposalForm } from './schema';

/** Any member proposes agenda items until the item deadline; each form submission counts once. */
export const proposeItemPage: LinkPage<'propose-item'> = {
  purpose: 'propose-item',
  async show(c) {
    return proposalPage(c, c.d.clock.now());
  },
  expired(c, contact) {
    return proposalsClosedPage(c.cycle, contact);
  },
  async perform(c, raw) {
    const proposal = parseOrThrow(proposalForm, raw, 'proposal');
    const done = await proposeItem(c.d, { cycle: c.cycle, proposer: c.holder, tokenHash: c.link.tokenHash, proposal });
    if ('refused' in done) return { outcome: '', response: presenterRefusedPage() };
    return { outcome: done.outcome, response: proposedPage(c.cycle, done.outcome) };
  },
};

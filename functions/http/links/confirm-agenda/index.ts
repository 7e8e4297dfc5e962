import { parseOrThrow } from '../../../shared/domain/validate';
import type { LinkPage } from '../types';
import { confirmAgenda } from './core';
import { agendaPage, confirmedPage } from './page';
import { agendaForm } from './schema';

/**
 * The secretariat reviews the draft agenda, reorders and retitles items, leaves proposals out (their
 * proposers are told), and confirms: the POST resumes the waiting cycle.
 */
export const confirmAgendaPage: LinkPage<'confirm-agenda'> = {
  purpose: 'confirm-agenda',
  async show(c) {
    return agendaPage(c, await c.d.cycles.listItems(c.cycle.cycle.cycleId));
  },
  async perform(c, fields) {
    const edits = parseOrThrow(agendaForm, fields, 'agenda');
    const { outcome, declined } = await confirmAgenda(c.d, { cycle: c.cycle, confirmer: c.holder, edits });
    return { outcome, response: confirmedPage(outcome, declined) };
  },
};

import { NotFoundError } from '../../../shared/domain/errors';
import { parseOrThrow } from '../../../shared/domain/validate';
import type { LinkPage } from '../types';
import { attendanceOf, meetingHasTakenPlace, recordApologies } from './core';
import { apologiesPage, meetingTookPlacePage, recordedPage } from './page';
import { apologiesForm } from './schema';

const nothingHere = () => new NotFoundError('There is nothing at this address.');

/**
 * A member says they cannot attend (naming a substitute if they have one), or withdraws that; the
 * secretariat is warned once when the apologies put the quorum at risk. The link comes with the papers.
 */
export const sendApologiesPage: LinkPage<'send-apologies'> = {
  purpose: 'send-apologies',
  async show(c) {
    if (c.rest) throw nothingHere();
    const mine = await attendanceOf(c.d, c.cycle, c.holder);
    if (meetingHasTakenPlace(c.cycle, c.d.clock.now())) return meetingTookPlacePage(c.cycle);
    return apologiesPage(c, mine);
  },
  async perform(c, fields) {
    if (c.rest) throw nothingHere();
    const apologies = parseOrThrow(apologiesForm, fields, 'apologies');
    const outcome = await recordApologies(c.d, { cycle: c.cycle, member: c.holder, apologies });
    return { outcome, response: recordedPage(apologies, outcome) };
  },
};

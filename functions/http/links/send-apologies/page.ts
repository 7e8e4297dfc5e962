import { html } from '../../../shared/domain/html';
import type { Attendance } from '../../../shared/domain/types';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { form, notice, page, type HttpResponse } from '../../page';
import type { LinkContext, LinkPage } from '../types';
import { type ApologiesInput, attendanceOf, meetingHasTakenPlace, recordApologies, apologiesForm } from './core';
import { NotFoundError } from '../../../shared/domain/errors';
import { parseOrThrow } from '../../../shared/domain/validate';

/** The apologies form's button: the robot in local/personas presses it by this label. */
export const SEND_APOLOGIES_BUTTON = 'Send apologies';

/** The member's apologies form, showing what they said before. */
export function apologiesPage(c: LinkContext, mine: Attendance | undefined): HttpResponse {
  const sent = mine?.status === 'apologies';
  const deputy = mine?.deputy ? `${mine.deputy.name} (${mine.deputy.email})` : mine?.substitute;
  const current = sent ? notice(`You have sent apologies${deputy ? `; ${deputy} will attend in your place` : ''}.`) : html``;
  const fields = html`<input type="hidden" name="attending" value="no">${[
    html`<p>If someone will attend in your place, give their name and email address: they get the papers and a link of their own for this meeting.</p>`,
    html`<label for="substitute">Deputy’s name (optional)</label>`,
    html`<input type="text" id="substitute" name="substitute" maxlength="120" value="${mine?.substitute ?? ''}">`,
    html`<label for="substituteEmail">Deputy’s email address</label>`,
    html`<input type="email" id="substituteEmail" name="substituteEmail" maxlength="254" value="${mine?.deputy?.email ?? ''}">`,
  ]}`;
  const withdraw = sent ? form(c.self, c.csrf, html`<input type="hidden" name="attending" value="yes">`, 'I can attend after all') : '';
  return page(
    200,
    `Apologies for ${c.cycle.board.name}, ${c.cycle.when(c.cycle.cycle.timeline.meeting)}`,
    html`${current}${form(c.self, c.csrf, fields, SEND_APOLOGIES_BUTTON)}${withdraw}`,
  );
}

/** After the meeting: the minutes record who sent apologies. */
export const meetingTookPlacePage = (cycle: CycleContext): HttpResponse =>
  page(410, 'The meeting has taken place', notice(`The meeting was on ${cycle.when(cycle.cycle.timeline.meeting)}; apologies are recorded in the minutes.`));

/** The apologies (or their withdrawal) are recorded. */
export const recordedPage = (apologies: ApologiesInput, outcome: string): HttpResponse =>
  page(200, apologies.attending === 'no' ? 'Apologies sent' : 'Apologies withdrawn', notice(outcome));

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

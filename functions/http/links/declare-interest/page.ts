import { NotFoundError } from '../../../shared/domain/errors';
import { html, type SafeHtml } from '../../../shared/domain/html';
import { DESCRIPTION_MAX, INTEREST_KINDS } from '../../../shared/domain/interests';
import type { AgendaItem } from '../../../shared/domain/types';
import { form, notice, page, type HttpResponse } from '../../page';
import type { LinkContext, LinkPage } from '../types';
import { meetingHasBegun, recordDeclarations } from './core';

/** The declaration form's button: the robot in local/personas presses it by this label. */
export const DECLARE_BUTTON = 'Declare these interests';

const kindOptions = (): SafeHtml[] => [
  html`<option value="none" selected>No interest</option>`,
  ...Object.entries(INTEREST_KINDS).map(([value, label]) => html`<option value="${value}">${label}</option>`),
];

/** One item's row: the kind of interest (none by default), what it is, and whether the member stays out of the item. */
function itemRow(i: AgendaItem): SafeHtml {
  const n = i.number;
  return html`<fieldset><legend>Item ${n}. ${i.title}${i.confidential ? ' (confidential)' : ''}</legend>
<label for="kind-${n}">Interest</label><select id="kind-${n}" name="kind-${n}">${kindOptions()}</select>
<label for="description-${n}">What the interest is</label><input type="text" id="description-${n}" name="description-${n}" maxlength="${DESCRIPTION_MAX}">
<label><input type="checkbox" name="prejudicial-${n}" value="yes"> I will take no part in this item (a prejudicial interest)</label></fieldset>`;
}

/** The form: one row per agenda item; a disclosable pecuniary interest always keeps the member out of the item. */
export function declarationPage(c: LinkContext, items: readonly AgendaItem[]): HttpResponse {
  const explain = html`<p>Choose the kind of interest for each item you have one in, and say what it is. A disclosable pecuniary interest means you take no part in the item.
If you take no part in a confidential item, its papers are withheld from you unless the secretariat decides otherwise.</p>`;
  return page(
    200,
    `Declare an interest: ${c.cycle.board.name}, ${c.cycle.day(c.cycle.cycle.timeline.meeting)}`,
    html`${explain}${form(c.self, c.csrf, html`${items.map(itemRow)}`, DECLARE_BUTTON)}`,
  );
}

/** After the meeting has begun: declarations belong to the meeting itself. */
const meetingBegunPage = (c: Pick<LinkContext, 'cycle'>): HttpResponse =>
  page(
    410,
    'The meeting has begun',
    notice(`The meeting began on ${c.cycle.when(c.cycle.cycle.timeline.meeting)}; declare your interest at the meeting, where the minutes record it.`),
  );

/**
 * A member declares an interest in one or more items before the meeting; the link comes with the papers
 * and works once, so a double click records one declaration.
 */
export const declareInterestPage: LinkPage<'declare-interest'> = {
  purpose: 'declare-interest',
  async show(c) {
    if (c.rest) throw new NotFoundError('There is nothing at this address.');
    if (meetingHasBegun(c.cycle, c.d.clock.now())) return meetingBegunPage(c);
    return declarationPage(c, await c.d.cycles.listItems(c.cycle.cycle.cycleId));
  },
  expired(c) {
    return meetingBegunPage(c);
  },
  async perform(c, fields) {
    if (c.rest) throw new NotFoundError('There is nothing at this address.');
    const { lines } = await recordDeclarations(c.d, { cycle: c.cycle, member: c.holder, form: fields });
    const outcome = `Recorded: ${lines.join(' ')}`;
    return {
      outcome,
      response: page(
        200,
        'Your declaration is recorded',
        html`${lines.map((l) => notice(l))}<p>It will be read into the minutes under "Declarations of interest".</p>`,
      ),
    };
  },
};

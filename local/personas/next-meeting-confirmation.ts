import { CONFIRM_MEETING_BUTTON_PREFIX } from '../../functions/http/links/confirm-next-cycle/page';
import { submit } from '../people';
import { pageText, type Persona } from './context';

/** When the minutes gave a next meeting, the secretariat confirms it, so that its cycle starts by itself. */
export const confirmNextMeeting: Persona = async (_email, { opts, who, open, expectOk, did }) => {
  if (!opts.nextMeeting) return;
  const page = await open();
  // The button names the date the page proposes; whichever it is, it is the one confirmed.
  const confirm = page.forms.find((f) => f.submitLabel.startsWith(CONFIRM_MEETING_BUTTON_PREFIX));
  if (!confirm) throw new Error(`The next meeting could not be confirmed: ${pageText(page)}`);
  expectOk(await submit(page, confirm.submitLabel), 'Confirming the next meeting');
  did(`${who} confirmed the next meeting (${opts.nextMeeting.date}): its cycle will start by itself`);
};

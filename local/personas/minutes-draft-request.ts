import { CHECK_ACTIONS_BUTTON, SEND_TO_CHAIR_BUTTON } from '../../functions/http/links/submit-minutes/page';
import { formatCalendarDate } from '../../functions/shared/domain/calendar';
import { submit } from '../people';
import type { Persona } from './context';

/**
 * The secretariat fills in the draft minutes (summaries, the action lines, the next meeting), checks
 * that the page finds every action, and sends the minutes to the chair; after a request for changes,
 * the revision says which round it answers.
 */
export const writeMinutes: Persona = async (_email, { opts, members, state, who, open, expectOk, did }) => {
  const page = await open();
  const form = page.forms.find((f) => f.submitLabel === CHECK_ACTIONS_BUTTON);
  const draft = form?.fields.text ?? '';
  const owner = members.find((m) => m.roles.includes('member') && !m.roles.includes('chair'));
  const actionLines = opts.actions ?? [`Action 1: ${owner?.name ?? 'Partners'} to circulate the revised partnership plan by the next meeting.`];
  const text = draft
    .replace(/\[Summary of the discussion\.\]/g, 'The Board discussed the paper and agreed its recommendations.')
    .replace(/Action: \[owner\] to \[what, by when\]\./, actionLines.join('\n'))
    .replace(/Action: \[owner\] to \[what, by when\]\./g, '')
    .replace('[date] at [time]', opts.nextMeeting ? `${formatCalendarDate(opts.nextMeeting.date)} at ${opts.nextMeeting.time}` : '[date] at [time]')
    .concat(state.changeRequests > 0 ? `\nRevised after the chair's comments (round ${state.changeRequests}).\n` : '');
  const review = await submit(page, CHECK_ACTIONS_BUTTON, { text });
  expectOk(review, 'Checking the actions');
  if (!review.title.includes(`Check the actions (${actionLines.length})`) || (!opts.actions && !review.html.includes(owner?.name ?? ''))) {
    throw new Error(`The action review did not show ${actionLines.length} action(s) (the first owned by ${owner?.name}): ${review.title}`);
  }
  expectOk(await submit(review, SEND_TO_CHAIR_BUTTON), 'Saving the minutes');
  did(`${who} checked the actions and sent the minutes to the chair`);
};

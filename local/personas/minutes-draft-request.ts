import { CHECK_ACTIONS_BUTTON, SEND_TO_CHAIR_BUTTON } from '../../functions/http/links/submit-minutes/page';
import { RECORD_ATTENDANCE_BUTTON } from '../../functions/http/links/record-attendance/page';
import { formatCalendarDate } from '../../functions/shared/domain/calendar';
import type { Member } from '../../functions/shared/domain/types';
import { follow, submit } from '../people';
import type { Persona, PersonaContext, PersonaOptions } from './context';

/** The secretariat records who attended, from the form pre-filled with the apologies, before writing the minutes. */
async function recordAttendance(
  text: string,
  attendance: NonNullable<PersonaOptions['attendance']>,
  members: readonly Member[],
  expectOk: PersonaContext['expectOk'],
  did: PersonaContext['did'],
  who: string,
): Promise<void> {
  const link = /Record attendance:\r?\n(\S+)/.exec(text)?.[1];
  if (!link) throw new Error('The minutes draft request has no attendance link');
  const id = (email: string) => members.find((m) => m.email === email)?.memberId ?? email;
  const changes: Record<string, string> = {};
  for (const [email, item] of Object.entries(attendance.arrivedDuring ?? {})) changes[`arrived:${id(email)}`] = String(item);
  for (const [email, item] of Object.entries(attendance.leftAfter ?? {})) changes[`left:${id(email)}`] = String(item);
  for (const email of attendance.absent ?? []) changes[`status:${id(email)}`] = 'absent';
  expectOk(await submit(await follow(link), RECORD_ATTENDANCE_BUTTON, changes), 'Recording attendance');
  did(`${who} recorded attendance`);
}

/**
 * The secretariat fills in the draft minutes (summaries, the action lines, the next meeting), checks
 * that the page finds every action, and sends the minutes to the chair; after a request for changes,
 * the revision says which round it answers.
 */
export const writeMinutes: Persona = async (email, { opts, members, state, who, open, expectOk, did }) => {
  if (opts.attendance && state.changeRequests === 0) await recordAttendance(email.text, opts.attendance, members, expectOk, did, who);
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

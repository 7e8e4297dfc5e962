import { NotFoundError } from '../../../shared/domain/errors';
import { html } from '../../../shared/domain/html';
import { form, notice, page } from '../../page';
import type { LinkPage } from '../types';
import { attendanceFormData, meetingHasBegun, recordAttendance } from './core';
import { attendanceFields } from './form';

/** The attendance form's button: the robot in local/personas presses it by this label. */
export const RECORD_ATTENDANCE_BUTTON = 'Record attendance';

const nothingHere = () => new NotFoundError('There is nothing at this address.');

/**
 * After the meeting, the secretariat records who attended: the form starts from the apologies (or the
 * record, if someone made one), and saving it is refused if someone else saved since it was opened.
 * The minutes draft takes its attendance lists from the record.
 */
export const recordAttendancePage: LinkPage<'record-attendance'> = {
  purpose: 'record-attendance',
  async show(c) {
    if (c.rest) throw nothingHere();
    const when = c.cycle.when(c.cycle.cycle.timeline.meeting);
    const title = `Attendance at ${c.cycle.board.name}, ${when}`;
    if (!meetingHasBegun(c.cycle, c.d.clock.now())) return page(409, title, notice(`The meeting is on ${when}: attendance is recorded after it.`));
    const data = await attendanceFormData(c.d, c.cycle);
    const basis = data.record
      ? notice(`Recorded by ${data.record.recordedBy} on ${c.cycle.when(data.record.recordedAt)} (version ${data.record.version}); saving replaces it.`)
      : html`<p>Pre-filled from the apologies received. Change what differed on the day; the minutes draft lists attendance from this record.</p>`;
    return page(200, title, html`${basis}${form(c.self, c.csrf, attendanceFields(data.entries, data.items, data.version), RECORD_ATTENDANCE_BUTTON)}`);
  },
  async perform(c, fields) {
    if (c.rest) throw nothingHere();
    const outcome = await recordAttendance(c.d, c.cycle, fields, { kind: 'member', name: c.holder.name, email: c.holder.email });
    return { outcome, response: page(200, 'Attendance recorded', notice(outcome)) };
  },
};

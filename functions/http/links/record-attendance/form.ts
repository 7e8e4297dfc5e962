import { ATTENDANCE_STATUSES, attendanceField, PERSON_NAME_MAX, type AttendanceEntry } from '../../../shared/domain/attendance';
import { html, type SafeHtml } from '../../../shared/domain/html';
import type { AgendaItem } from '../../../shared/domain/types';

const STATUS_WORDS = { present: 'Present', apologies: 'Apologies', absent: 'Absent (no apologies)' } as const;

function itemChoice(name: string, label: string, items: readonly AgendaItem[], chosen: number | undefined): SafeHtml {
  const options = items.map((i) => html`<option value="${i.number}"${i.number === chosen ? html` selected` : ''}>${`${i.number}. ${i.title}`}</option>`);
  return html`<select name="${name}" aria-label="${label}"><option value="">—</option>${options}</select>`;
}

/**
 * One row per member: present, apologies or absent; who came in their place; the item during which
 * they arrived and after which they left. The version read goes with the form, so a later save by
 * someone else refuses this one rather than being overwritten by it.
 */
export function attendanceFields(entries: readonly AttendanceEntry[], items: readonly AgendaItem[], version: number): SafeHtml {
  const rows = entries.map((e) => {
    const statusName = attendanceField.status(e.memberId);
    const forName = attendanceField.representedBy(e.memberId);
    const options = ATTENDANCE_STATUSES.map((s) => html`<option value="${s}"${s === e.status ? html` selected` : ''}>${STATUS_WORDS[s]}</option>`);
    return html`<tr><th scope="row">${e.name}</th>
<td><select name="${statusName}" aria-label="Attendance of ${e.name}">${options}</select></td>
<td><input type="text" name="${forName}" aria-label="Attending for ${e.name}" maxlength="${PERSON_NAME_MAX}" value="${e.representedBy ?? ''}"></td>
<td>${itemChoice(attendanceField.arrivedDuring(e.memberId), `Item during which ${e.name} arrived`, items, e.arrivedDuring)}</td>
<td>${itemChoice(attendanceField.leftAfter(e.memberId), `Item after which ${e.name} left`, items, e.leftAfter)}</td></tr>`;
  });
  const head = html`<tr><th scope="col">Member</th><th scope="col">Attendance</th><th scope="col">Represented by</th><th scope="col">Arrived during item</th><th scope="col">Left after item</th></tr>`;
  return html`<input type="hidden" name="version" value="${version}"><table>${head}${rows}</table>`;
}

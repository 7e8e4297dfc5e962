/**
 * Attendance as the minutes and the secretariat's register read it: the minutes draft's attendance lists
 * from the record, and the board's attendance across meetings (per member, per meeting, as CSV). Pure.
 */
import { comingsAndGoings, personName, type AttendanceEntry, type AttendanceRecord } from './attendance';
import type { Member } from './types';
import { csvCell } from './csv';

const isOfficer = (m: Pick<Member, 'roles'> | undefined) => !!m && (m.roles.includes('officer') || m.roles.includes('secretariat'));

/**
 * The minutes draft's attendance lists from the secretariat's record: Present (with those who came in
 * a member's place, "for <member>", and when someone arrived late or left early), Apologies, Absent
 * (no apologies) and Officers. Lines are "Name<tab>Organisation" as the rest of the draft.
 */
export function attendanceRoster(members: readonly Member[], record: AttendanceRecord): string[] {
  const byId = new Map(members.map((m) => [m.memberId, m]));
  const name = (e: AttendanceEntry) => personName(byId.get(e.memberId)?.name ?? e.name);
  const org = (e: AttendanceEntry) => {
    const m = byId.get(e.memberId);
    return m?.roles.includes('chair') ? 'Chair' : personName(m?.organisation ?? '');
  };
  const line = (e: AttendanceEntry) => `${name(e)}\t${org(e)}`;
  const awayLine = (e: AttendanceEntry) => `${line(e)}${e.representedBy ? ` (represented by ${personName(e.representedBy)})` : ''}`;
  const officer = (e: AttendanceEntry) => isOfficer(byId.get(e.memberId));
  const present = record.entries.filter((e) => e.status === 'present');
  const standingIn = record.entries
    .filter((e) => e.status !== 'present' && e.representedBy)
    .map((e) => `${personName(e.representedBy)}\t${personName(byId.get(e.memberId)?.organisation ?? '')} (for ${name(e)})`);
  const apologies = record.entries.filter((e) => e.status === 'apologies');
  const absent = record.entries.filter((e) => e.status === 'absent');
  const officers = present.filter(officer);
  const out = ['Present', '', ...present.filter((e) => !officer(e)).map((e) => `${line(e)}${comingsAndGoings(e)}`), ...standingIn, ''];
  if (apologies.length) out.push('Apologies', '', ...apologies.map(awayLine), '');
  if (absent.length) out.push('Absent', '', ...absent.map(awayLine), '');
  if (officers.length)
    out.push('Officers', '', ...officers.map((e) => `${name(e)}\t${personName(byId.get(e.memberId)?.organisation ?? '')}${comingsAndGoings(e)}`), '');
  return out;
}

/** One meeting of the board, with its attendance record if the secretariat made one. */
export interface MeetingAttendance {
  cycleId: string;
  /** The meeting's date, `YYYY-MM-DD` in the board's zone. */
  date: string;
  record?: AttendanceRecord;
}

/** A member's attendance over the meetings with a record. */
export interface MemberAttendanceRow {
  memberId: string;
  name: string;
  /** Meetings whose record lists the member. */
  meetings: number;
  present: number;
  apologies: number;
  absent: number;
  /** Meetings the member missed at which someone attended in their place. */
  represented: number;
  /** What happened at each meeting, by cycle id, in words ("present (arrived during item 4)"). */
  byMeeting: Record<string, string>;
}

/** A meeting's attendance, counted. */
export interface MeetingAttendanceRow {
  cycleId: string;
  date: string;
  recorded: boolean;
  present: number;
  apologies: number;
  absent: number;
  represented: number;
  late: number;
  leftEarly: number;
}

export interface AttendanceReport {
  members: MemberAttendanceRow[];
  meetings: MeetingAttendanceRow[];
}

/** One member at one meeting, in words, as a register cell says it. */
export function entryWords(e: AttendanceEntry): string {
  return `${e.status}${e.representedBy ? ` (represented by ${personName(e.representedBy)})` : ''}${comingsAndGoings(e)}`;
}

/**
 * The board's attendance across meetings, oldest first: per member (current members first, in board
 * order, then anyone a record names who has since left) and per meeting. Meetings without a record
 * are listed as not recorded and counted for nobody.
 */
export function attendanceReport(meetings: readonly MeetingAttendance[], members: readonly Pick<Member, 'memberId' | 'name'>[]): AttendanceReport {
  const ordered = [...meetings].sort((a, b) => a.date.localeCompare(b.date) || a.cycleId.localeCompare(b.cycleId));
  const rows = new Map<string, MemberAttendanceRow>();
  const rowOf = (memberId: string, name: string) =>
    rows.get(memberId) ??
    rows.set(memberId, { memberId, name, meetings: 0, present: 0, apologies: 0, absent: 0, represented: 0, byMeeting: {} }).get(memberId)!;
  for (const m of members) rowOf(m.memberId, m.name);
  const meetingRows = ordered.map((meeting): MeetingAttendanceRow => {
    const entries = meeting.record?.entries ?? [];
    for (const e of entries) {
      const row = rowOf(e.memberId, e.name);
      row.meetings += 1;
      row[e.status] += 1;
      if (e.status !== 'present' && e.representedBy) row.represented += 1;
      row.byMeeting[meeting.cycleId] = entryWords(e);
    }
    const count = (p: (e: AttendanceEntry) => boolean) => entries.filter(p).length;
    return {
      cycleId: meeting.cycleId,
      date: meeting.date,
      recorded: meeting.record !== undefined,
      present: count((e) => e.status === 'present'),
      apologies: count((e) => e.status === 'apologies'),
      absent: count((e) => e.status === 'absent'),
      represented: count((e) => e.status !== 'present' && !!e.representedBy),
      late: count((e) => e.arrivedDuring !== undefined),
      leftEarly: count((e) => e.leftAfter !== undefined),
    };
  });
  return { members: [...rows.values()], meetings: meetingRows };
}

/**
 * The report as RFC 4180 CSV: a row per member (their counts, then what happened at each meeting, one
 * column per meeting headed by its date), and a last row counting those present at each meeting. Names
 * come from people's own forms, so a cell a spreadsheet would run is prefixed with an apostrophe.
 */
export function attendanceCsv(report: AttendanceReport): string {
  const counts = ['meetings', 'present', 'apologies', 'absent', 'represented'] as const;
  const header = ['member', ...counts, ...report.meetings.map((m) => m.date)];
  const rows = report.members.map((r) => [
    r.name,
    ...counts.map((c) => r[c]),
    ...report.meetings.map((m) => (m.recorded ? (r.byMeeting[m.cycleId] ?? '') : 'not recorded')),
  ]);
  const totals = ['present at the meeting', ...counts.map(() => ''), ...report.meetings.map((m) => (m.recorded ? m.present : ''))];
  return [header, ...rows, totals].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

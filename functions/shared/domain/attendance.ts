/**
 * Who came to a meeting, as it happened, and the deputies members send in their place. Pure: no I/O.
 * Apologies come before the meeting (Attendance, by the member's link); the record here is the
 * secretariat's after it, pre-filled from those apologies.
 */
import { createHash } from 'node:crypto';
import * as z from '../validation/zod';
import { StaleVersionError, ValidationError } from './errors';
import { cleanText } from './text';
import type { AgendaItem, Attendance, Member } from './types';

/** Someone who attends in a member's place: not a member of the board, so reached by the address given. */
export interface Deputy {
  name: string;
  email: string;
}

/** A member at the meeting: there, away with apologies, or away without them. */
export type AttendanceStatus = 'present' | 'apologies' | 'absent';

export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['present', 'apologies', 'absent'];

/** One member's line of the attendance record. */
export interface AttendanceEntry {
  memberId: string;
  /** The member's name when the record was made: the report still reads after they leave the board. */
  name: string;
  status: AttendanceStatus;
  /** Who attended in the member's place (only when the member was not present). */
  representedBy?: string;
  /** The agenda item during which the member arrived (present members only). */
  arrivedDuring?: number;
  /** The agenda item after which the member left (present members only). */
  leftAfter?: number;
}

/** The secretariat's record of who attended, once the meeting has taken place. */
export interface AttendanceRecord {
  entries: AttendanceEntry[];
  recordedBy: string;
  recordedAt: string;
  /** 1 when first recorded, one more on each later save: a form says which version it was read at. */
  version: number;
}

/** Longest name kept for a deputy or a representative, in characters. */
export const PERSON_NAME_MAX = 120;

/** A name as one line of visible text: no line breaks or tabs that would split a minutes line, no invisible characters. */
export const personName = (value: unknown): string => cleanText(value, { maxChars: PERSON_NAME_MAX });

const emailSchema = z.email();

/**
 * A deputy named with apologies, checked: a name, an address that is an address, and not a member's
 * (members get their own papers and links; a member who attends for another is present in their own right).
 * @throws ValidationError saying what to change
 */
export function checkDeputy(input: { name: string; email: string }, members: readonly Member[], self: Pick<Member, 'memberId'>): Deputy {
  const name = personName(input.name);
  const email = input.email.trim().toLowerCase();
  if (!name) throw new ValidationError('Give your deputy’s name as well as their email address.');
  if (!email) throw new ValidationError(`Give ${name}’s email address, so that they get the papers for the meeting.`);
  if (!emailSchema.safeParse(email).success) throw new ValidationError(`“${cleanText(input.email, { maxChars: 80 })}” is not an email address.`);
  const member = members.find((m) => m.email.toLowerCase() === email);
  if (member?.memberId === self.memberId) throw new ValidationError('That is your own address: name the person who will attend in your place.');
  if (member) {
    throw new ValidationError(
      `${email} is the address of ${member.name}, a member of the board, who gets their own papers. Name someone who is not a member as your deputy.`,
    );
  }
  return { name, email };
}

/**
 * What a deputy's link is sealed with: the cycle, the member, the deputy's address and the moment the
 * apologies naming them were recorded. Withdrawn apologies or another deputy change the member's
 * attendance, so a link sealed before no longer matches; a link of one cycle never matches another's.
 */
export function deputySeal(cycleId: string, attendance: Pick<Attendance, 'memberId' | 'at' | 'deputy'>): string | undefined {
  if (!attendance.deputy) return undefined;
  const basis = `${cycleId}\n${attendance.memberId}\n${attendance.deputy.email.toLowerCase()}\n${attendance.at}`;
  return createHash('sha256').update(basis, 'utf8').digest('base64url');
}

/** True while a deputy's link sealed with `seal` still stands: the member's apologies still name that deputy. */
export function deputyLinkStands(seal: string | undefined, cycleId: string, attendance: Attendance | undefined): boolean {
  if (!seal || attendance?.cycleId !== cycleId || attendance.status !== 'apologies') return false;
  return deputySeal(cycleId, attendance) === seal;
}

/** Who stood in for a member, from their apologies: the deputy, or the substitute named before deputies had addresses. */
export const standIn = (a: Pick<Attendance, 'status' | 'deputy' | 'substitute'> | undefined): string | undefined =>
  a?.status === 'apologies' ? personName(a.deputy?.name ?? a.substitute ?? '') || undefined : undefined;

/**
 * The attendance form's starting point: the record if there is one, otherwise every member present
 * except those who sent apologies (with their deputy, if any).
 */
export function prefillAttendance(members: readonly Member[], apologies: readonly Attendance[], record?: AttendanceRecord): AttendanceEntry[] {
  if (record) return record.entries;
  const said = new Map(apologies.map((a) => [a.memberId, a]));
  return members.map((m) => {
    const a = said.get(m.memberId);
    const deputy = standIn(a);
    return a?.status === 'apologies'
      ? { memberId: m.memberId, name: m.name, status: 'apologies', ...(deputy ? { representedBy: deputy } : {}) }
      : { memberId: m.memberId, name: m.name, status: 'present' };
  });
}

/** The form's field names for one member. */
export const attendanceField = {
  status: (memberId: string) => `status:${memberId}`,
  representedBy: (memberId: string) => `for:${memberId}`,
  arrivedDuring: (memberId: string) => `arrived:${memberId}`,
  leftAfter: (memberId: string) => `left:${memberId}`,
};

const MEMBER_FIELD = /^(status|for|arrived|left):(.*)$/s;

/**
 * The attendance form read into entries, every problem found at once. Fields name members by id; a
 * field naming anyone not on the board refuses the whole form, listing them, so nothing is stored.
 * @throws ValidationError with every problem in `issues`
 */
export function readAttendanceForm(
  fields: Readonly<Record<string, string>>,
  members: readonly Member[],
  items: readonly Pick<AgendaItem, 'number'>[],
): { entries: AttendanceEntry[]; version: number } {
  const byId = new Map(members.map((m) => [m.memberId, m]));
  const strangers = new Set<string>();
  const named = new Set<string>();
  for (const key of Object.keys(fields)) {
    const match = MEMBER_FIELD.exec(key);
    if (!match) continue;
    const id = match[2] ?? '';
    if (byId.has(id)) named.add(id);
    else strangers.add(cleanText(id, { maxChars: 60 }) || '(blank)');
  }
  if (strangers.size > 0) {
    const list = [...strangers].join(', ');
    throw new ValidationError(
      `Nothing was recorded: these are not members of the board: ${list}.`,
      [...strangers].map((s) => `not a member: ${s}`),
    );
  }
  const version = Number(fields.version ?? '0');
  const problems: string[] = [];
  if (!Number.isInteger(version) || version < 0) problems.push('the form’s version is not a number: reload the page');
  const numbers = new Set(items.map((i) => i.number));
  const entries: AttendanceEntry[] = [];
  for (const member of members.filter((m) => named.has(m.memberId))) {
    const entry = readEntry(fields, member, numbers, problems);
    if (entry) entries.push(entry);
  }
  if (entries.length === 0 && problems.length === 0) problems.push('the form names no member');
  if (problems.length > 0) throw new ValidationError(`Nothing was recorded: ${problems.join('; ')}.`, problems);
  return { entries, version };
}

function readEntry(fields: Readonly<Record<string, string>>, member: Member, items: ReadonlySet<number>, problems: string[]): AttendanceEntry | undefined {
  const status = fields[attendanceField.status(member.memberId)] ?? '';
  if (!(ATTENDANCE_STATUSES as readonly string[]).includes(status)) {
    problems.push(`${member.name}: choose present, apologies or absent`);
    return undefined;
  }
  const representedBy = personName(fields[attendanceField.representedBy(member.memberId)] ?? '');
  const item = (field: 'arrivedDuring' | 'leftAfter'): number | undefined => {
    const raw = (fields[attendanceField[field](member.memberId)] ?? '').trim();
    if (raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || !items.has(n)) {
      problems.push(`${member.name}: “${cleanText(raw, { maxChars: 20 })}” is not an item on the agenda`);
      return undefined;
    }
    return n;
  };
  const arrivedDuring = item('arrivedDuring');
  const leftAfter = item('leftAfter');
  if (status !== 'present' && (arrivedDuring !== undefined || leftAfter !== undefined)) {
    problems.push(`${member.name}: only a member who was present can arrive late or leave early`);
  }
  if (status === 'present' && representedBy) problems.push(`${member.name}: a member who was present is not represented by anyone`);
  if (arrivedDuring !== undefined && leftAfter !== undefined && leftAfter < arrivedDuring) {
    problems.push(`${member.name}: left after item ${leftAfter}, before arriving during item ${arrivedDuring}`);
  }
  return {
    memberId: member.memberId,
    name: member.name,
    status: status as AttendanceStatus,
    ...(representedBy && status !== 'present' ? { representedBy } : {}),
    ...(arrivedDuring !== undefined && status === 'present' ? { arrivedDuring } : {}),
    ...(leftAfter !== undefined && status === 'present' ? { leftAfter } : {}),
  };
}

/**
 * The record to store: the next version, provided the form was read at the current one. Two people
 * editing at once: the second save is refused rather than overwriting the first.
 * @throws StaleVersionError when someone saved since the form was read
 */
export function nextRecord(
  current: AttendanceRecord | undefined,
  input: { entries: AttendanceEntry[]; version: number; by: string; at: string },
): AttendanceRecord {
  const have = current?.version ?? 0;
  if (input.version !== have) {
    const who = current ? `${current.recordedBy} saved the attendance (version ${current.version})` : 'The attendance changed';
    throw new StaleVersionError(`${who} after you opened this form, so nothing you entered was saved. Open the form again to see their record.`);
  }
  return { entries: input.entries, recordedBy: input.by, recordedAt: input.at, version: have + 1 };
}

/** " (arrived during item 4) (left after item 6)", or "" for a member there throughout. */
export function comingsAndGoings(entry: Pick<AttendanceEntry, 'arrivedDuring' | 'leftAfter'>): string {
  return [
    ...(entry.arrivedDuring !== undefined ? [` (arrived during item ${entry.arrivedDuring})`] : []),
    ...(entry.leftAfter !== undefined ? [` (left after item ${entry.leftAfter})`] : []),
  ].join('');
}

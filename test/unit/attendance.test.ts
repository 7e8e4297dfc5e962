import {
  checkDeputy,
  deputyLinkStands,
  deputySeal,
  nextRecord,
  prefillAttendance,
  readAttendanceForm,
  type AttendanceRecord,
} from '../../functions/shared/domain/attendance';
import { attendanceCsv, attendanceReport } from '../../functions/shared/domain/attendance-report';
import { StaleVersionError, ValidationError } from '../../functions/shared/domain/errors';
import { draftMinutes } from '../../functions/shared/domain/minutes';
import type { Attendance } from '../../functions/shared/domain/types';
import { parseMinutes } from '../../functions/shared/minutes';
import { item, member } from '../support/builders';

const members = [
  member('chair', 'Alex Morgan', "Mayor's Office", ['chair', 'member']),
  member('lucy', 'Lucy Bogue', 'NOMS'),
  member('tom', 'Tom Okafor', 'Police'),
  member('ann', 'Ann Lee', 'Health'),
  member('mopac', 'Dan Hale', 'MOPAC', ['officer']),
];
const items = [item(1, 'Welcome'), item(2, 'Finance'), item(3, 'Policing'), item(4, 'Any other business')];
const apologies: Attendance[] = [
  { cycleId: 'c1', memberId: 'lucy', status: 'apologies', substitute: 'Sam Deputy', deputy: { name: 'Sam Deputy', email: 'sam@deputy.example' }, at: 't1' },
];

/** The form as the page sends it, from entries. */
function formOf(entries: ReturnType<typeof prefillAttendance>, version = 0): Record<string, string> {
  const fields: Record<string, string> = { version: String(version) };
  for (const e of entries) {
    fields[`status:${e.memberId}`] = e.status;
    fields[`for:${e.memberId}`] = e.representedBy ?? '';
    fields[`arrived:${e.memberId}`] = e.arrivedDuring !== undefined ? String(e.arrivedDuring) : '';
    fields[`left:${e.memberId}`] = e.leftAfter !== undefined ? String(e.leftAfter) : '';
  }
  return fields;
}

describe('deputies', () => {
  it('takes a name and an address, cleaned', () => {
    expect(checkDeputy({ name: '  Sam\n\tDeputy\u202e ', email: ' Sam@Deputy.Example ' }, members, members[1]!)).toEqual({
      name: 'Sam Deputy',
      email: 'sam@deputy.example',
    });
  });

  it("refuses a member's address (members get their own papers), the member's own, a bad address and a missing one", () => {
    const refusal = (name: string, email: string) => {
      try {
        checkDeputy({ name, email }, members, members[1]!);
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
        return (err as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refusal('Tom', 'TOM@example.org')).toBe(
      'tom@example.org is the address of Tom Okafor, a member of the board, who gets their own papers. Name someone who is not a member as your deputy.',
    );
    expect(refusal('Me', 'lucy@example.org')).toMatch(/your own address/);
    expect(refusal('Sam', 'not-an-address')).toBe('“not-an-address” is not an email address.');
    expect(refusal('Sam', '')).toMatch(/Give Sam’s email address/);
    expect(refusal('\u200b', 'sam@deputy.example')).toMatch(/Give your deputy’s name/);
  });

  it("seals a deputy's link to the cycle and to the apologies naming them: withdrawn, another deputy or another cycle breaks it", () => {
    const a = apologies[0]!;
    const seal = deputySeal('c1', a);
    expect(deputyLinkStands(seal, 'c1', a)).toBe(true);
    expect(deputyLinkStands(seal, 'c2', { ...a, cycleId: 'c2' })).toBe(false);
    expect(deputyLinkStands(seal, 'c1', { ...a, status: 'attending', deputy: undefined, at: 't2' })).toBe(false);
    expect(deputyLinkStands(seal, 'c1', { ...a, deputy: { name: 'Other', email: 'other@deputy.example' }, at: 't2' })).toBe(false);
    expect(deputyLinkStands(seal, 'c1', undefined)).toBe(false);
    expect(deputyLinkStands(undefined, 'c1', a)).toBe(false);
  });
});

describe('the attendance record', () => {
  it('is pre-filled from the apologies, with the deputy representing the member', () => {
    const entries = prefillAttendance(members, apologies);
    expect(entries.find((e) => e.memberId === 'lucy')).toEqual({ memberId: 'lucy', name: 'Lucy Bogue', status: 'apologies', representedBy: 'Sam Deputy' });
    expect(entries.filter((e) => e.status === 'present')).toHaveLength(4);
  });

  it('reads late arrivals and early leavers at agenda items', () => {
    const fields = { ...formOf(prefillAttendance(members, apologies)), 'arrived:tom': '2', 'left:ann': '3', 'status:chair': 'present' };
    const { entries, version } = readAttendanceForm(fields, members, items);
    expect(version).toBe(0);
    expect(entries.find((e) => e.memberId === 'tom')).toMatchObject({ status: 'present', arrivedDuring: 2 });
    expect(entries.find((e) => e.memberId === 'ann')).toMatchObject({ status: 'present', leftAfter: 3 });
  });

  it('refuses anyone not on the board, listing them, and every other problem at once', () => {
    const fields = { ...formOf(prefillAttendance(members, apologies)), 'status:m_stranger': 'present', 'for:<b>eve</b>': 'x' };
    expect(() => readAttendanceForm(fields, members, items)).toThrow('Nothing was recorded: these are not members of the board: m_stranger, <b>eve</b>.');
    const bad = { ...formOf(prefillAttendance(members, apologies)), 'status:ann': 'asleep', 'arrived:tom': '9', 'arrived:lucy': '2', 'for:chair': 'Someone' };
    let issues: readonly string[] = [];
    try {
      readAttendanceForm(bad, members, items);
    } catch (err) {
      issues = (err as ValidationError).issues;
    }
    expect(issues).toEqual([
      'Alex Morgan: a member who was present is not represented by anyone',
      'Lucy Bogue: only a member who was present can arrive late or leave early',
      'Tom Okafor: “9” is not an item on the agenda',
      'Ann Lee: choose present, apologies or absent',
    ]);
  });

  it('is version-guarded: a form read before another save is refused, never a silent overwrite', () => {
    const entries = prefillAttendance(members, apologies);
    const first = nextRecord(undefined, { entries, version: 0, by: 'Grace Lin', at: 't3' });
    expect(first.version).toBe(1);
    expect(() => nextRecord(first, { entries, version: 0, by: 'Dan Hale', at: 't4' })).toThrow(StaleVersionError);
    expect(() => nextRecord(first, { entries, version: 0, by: 'Dan Hale', at: 't4' })).toThrow(
      /Grace Lin saved the attendance \(version 1\) after you opened this form/,
    );
    expect(nextRecord(first, { entries, version: 1, by: 'Dan Hale', at: 't4' }).version).toBe(2);
  });
});

describe('the minutes draft from the record', () => {
  const record: AttendanceRecord = {
    entries: [
      { memberId: 'chair', name: 'Alex Morgan', status: 'present' },
      { memberId: 'lucy', name: 'Lucy Bogue', status: 'apologies', representedBy: 'Sam Deputy' },
      { memberId: 'tom', name: 'Tom Okafor', status: 'present', arrivedDuring: 2, leftAfter: 3 },
      { memberId: 'ann', name: 'Ann Lee', status: 'absent' },
      { memberId: 'mopac', name: 'Dan Hale', status: 'present', leftAfter: 1 },
    ],
    recordedBy: 'Grace Lin',
    recordedAt: 't3',
    version: 1,
  };
  const draft = draftMinutes({
    boardName: 'Riverside Board',
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    venue: 'City Hall',
    members,
    apologies: ['lucy', 'tom'],
    items,
    mattersArising: { openLines: [], closedLines: [] },
    presenterName: () => undefined,
    attendance: record,
  });

  it('lists present, apologies, absent, representatives "for" the member, and comings and goings', () => {
    expect(draft).toContain(
      'Present\n\nAlex Morgan\tChair\nTom Okafor\tPolice (arrived during item 2) (left after item 3)\nSam Deputy\tNOMS (for Lucy Bogue)\n\n' +
        'Apologies\n\nLucy Bogue\tNOMS (represented by Sam Deputy)\n\nAbsent\n\nAnn Lee\tHealth\n\nOfficers\n\nDan Hale\tMOPAC (left after item 1)\n',
    );
    const read = parseMinutes(draft);
    expect(read.present.map((p) => p.name)).toEqual(expect.arrayContaining(['Alex Morgan', 'Tom Okafor', 'Sam Deputy']));
    expect(read.apologies.map((p) => p.name)).toContain('Lucy Bogue');
  });

  it('keeps hostile names on their own line', () => {
    const hostile = draftMinutes({
      boardName: 'B',
      meetingWhen: 'w',
      venue: 'v',
      members,
      apologies: [],
      items,
      mattersArising: { openLines: [], closedLines: [] },
      presenterName: () => undefined,
      attendance: { ...record, entries: [{ memberId: 'lucy', name: 'Lucy Bogue', status: 'apologies', representedBy: 'Eve\nITEM 9. Fake\tx' }] },
    });
    expect(hostile).toContain('Eve ITEM 9. Fake x\tNOMS (for Lucy Bogue)');
    expect(hostile).not.toContain('\nITEM 9.');
  });
});

describe('the attendance report', () => {
  const one: AttendanceRecord = {
    entries: [
      { memberId: 'lucy', name: 'Lucy Bogue', status: 'apologies', representedBy: 'Sam Deputy' },
      { memberId: 'tom', name: 'Tom Okafor', status: 'present', arrivedDuring: 4 },
      { memberId: 'gone', name: '=HYPERLINK("x")', status: 'absent' },
    ],
    recordedBy: 'Grace Lin',
    recordedAt: 't',
    version: 1,
  };
  const two: AttendanceRecord = {
    ...one,
    entries: [
      { memberId: 'lucy', name: 'Lucy Bogue', status: 'present' },
      { memberId: 'tom', name: 'Tom Okafor', status: 'absent' },
    ],
  };
  const report = attendanceReport(
    [
      { cycleId: 'b-2027-03-01', date: '2027-03-01', record: two },
      { cycleId: 'b-2027-01-20', date: '2027-01-20', record: one },
      { cycleId: 'b-2027-05-01', date: '2027-05-01' },
    ],
    members.slice(1, 3),
  );

  it('counts per member and per meeting, oldest meeting first', () => {
    expect(report.members.map((r) => [r.name, r.meetings, r.present, r.apologies, r.absent, r.represented])).toEqual([
      ['Lucy Bogue', 2, 1, 1, 0, 1],
      ['Tom Okafor', 2, 1, 0, 1, 0],
      ['=HYPERLINK("x")', 1, 0, 0, 1, 0],
    ]);
    expect(report.meetings.map((m) => [m.date, m.recorded, m.present, m.apologies, m.absent, m.represented, m.late])).toEqual([
      ['2027-01-20', true, 1, 1, 1, 1, 1],
      ['2027-03-01', true, 1, 0, 1, 0, 0],
      ['2027-05-01', false, 0, 0, 0, 0, 0],
    ]);
  });

  it('writes CSV with a column per meeting, formulas guarded', () => {
    expect(attendanceCsv(report).split('\r\n')).toEqual([
      'member,meetings,present,apologies,absent,represented,2027-01-20,2027-03-01,2027-05-01',
      'Lucy Bogue,2,1,1,0,1,apologies (represented by Sam Deputy),present,not recorded',
      'Tom Okafor,2,1,0,1,0,present (arrived during item 4),absent,not recorded',
      `"'=HYPERLINK(""x"")",1,0,0,1,0,absent,,not recorded`,
      'present at the meeting,,,,,,1,1,',
      '',
    ]);
  });
});

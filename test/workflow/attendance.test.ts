import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { appLinks, follow } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { cycleCommand } from '../support/cli';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(180_000);
const STATE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-attendance-')), 'local-cloud.json');
const cloud = useLocalCloud({ writeStateFile: true, env: { MEETING_CYCLE_LOCAL_STATE: STATE } });
const cycle = cycleCommand(STATE);
let result: DriveResult;

// Neither sends apologies (the chair and an officer), whichever members the robot's apologies come from.
const LATE = 'chair@example.org';
const ABSENT = 'dan.hale@example.org';

beforeAll(async () => {
  // Two apologies from the circulation email, the first naming a deputy (a person with an address);
  // after the meeting the secretariat records a late arrival and an absence without apologies.
  result = await driveCycle(cloud(), {
    boardId: DEMO_BOARD_ID,
    meetingDate: '2027-01-20',
    apologies: 2,
    changeRounds: 0,
    attendance: { arrivedDuring: { [LATE]: 3 }, absent: [ABSENT] },
  });
});

/** The member who named a deputy with their apologies, and the deputy. */
async function deputyAndMember() {
  const attendance = await cloud().deps.cycles.listAttendance(result.cycle.cycleId);
  const withDeputy = attendance.find((a) => a.deputy);
  const member = (await cloud().deps.boards.listMembers(DEMO_BOARD_ID)).find((m) => m.memberId === withDeputy?.memberId);
  if (!withDeputy?.deputy || !member) throw new Error('No apologies named a deputy');
  return { deputy: withDeputy.deputy, member };
}

describe('a deputy and the attendance as it happened', () => {
  it('records the deputy as a person, with a name and an address that is no member’s', async () => {
    const { deputy, member } = await deputyAndMember();
    expect(deputy).toEqual({ name: `Deputy for ${member.name}`, email: `deputy.${member.memberId}@deputies.example.net` });
    expect(result.status).toBe('SUCCEEDED');
  });

  it('sends the deputy the papers once, with a link of their own that opens them', async () => {
    const { deputy, member } = await deputyAndMember();
    const emails = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'deputy-papers');
    expect(emails.map((e) => e.to)).toEqual([[deputy.email]]);
    expect(emails[0]?.subject).toContain(`for ${member.name}`);
    const link = appLinks(emails[0]?.text ?? '', cloud().appUrl)[0] ?? '';
    const page = await follow(link);
    expect(page.status).toBe(200);
    expect(page.title).toMatch(/^Papers for Riverside Community Safety Board/);
    expect(page.forms.map((f) => f.submitLabel)).toContain('Open the board pack');
    // The member's own papers link is not the deputy's: the deputy's link is another token.
    const circulation = cloud()
      .mail.emails()
      .find((e) => e.kind === 'circulation' && e.to[0] === member.email);
    expect(appLinks(circulation?.text ?? '', cloud().appUrl)).not.toContain(link);
  });

  it('has the secretariat record attendance by link, pre-filled from apologies, with the late arrival and the absence', async () => {
    const { deputy, member } = await deputyAndMember();
    const record = (await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, result.cycle.cycleId))?.attendanceRecord;
    expect(record).toMatchObject({ version: 1, recordedBy: 'Grace Lin (secretariat@example.org)' });
    expect(record?.entries.find((e) => e.memberId === member.memberId)).toMatchObject({ status: 'apologies', representedBy: deputy.name });
    expect(record?.entries.filter((e) => e.status === 'apologies')).toHaveLength(2);
    expect(record?.entries.find((e) => e.name === 'Alex Morgan')).toMatchObject({ status: 'present', arrivedDuring: 3 });
    expect(record?.entries.find((e) => e.name === 'Dan Hale')).toMatchObject({ status: 'absent' });
    expect(result.actionsTaken).toContain('Grace Lin recorded attendance');
  });

  it('writes the minutes draft from the record: the deputy "for" the member, the late arrival, the absence', async () => {
    const { deputy, member } = await deputyAndMember();
    const minutes = await cloud().deps.cycles.getMinutes(result.cycle.cycleId, 1);
    const text = await cloud().deps.documents.getText(minutes?.s3Key ?? '');
    const present = text.split('Present')[1]?.split('Apologies')[0] ?? '';
    expect(present).toContain(`${deputy.name}\t${member.organisation} (for ${member.name})`);
    expect(present).toContain('Alex Morgan\tChair (arrived during item 3)');
    expect(text.split('Apologies')[1]).toContain(`\n${member.name}\t${member.organisation} (represented by ${deputy.name})`);
    expect(text).toMatch(/\nAbsent\n\nDan Hale\tPolicing and Crime Office\n/);
  });

  it('reports attendance across meetings with `cycle attendance --format csv`', async () => {
    const { deputy, member } = await deputyAndMember();
    const out = await cycle('attendance', '--board', DEMO_BOARD_ID, '--format', 'csv');
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('member,meetings,present,apologies,absent,represented,2027-01-20');
    expect(lines).toContain(`${member.name},1,0,1,0,1,apologies (represented by ${deputy.name})`);
    expect(lines).toContain('Alex Morgan,1,1,0,0,0,present (arrived during item 3)');
    expect(lines).toContain('Dan Hale,1,0,0,1,0,absent');
    expect(lines.at(-1)).toBe('present at the meeting,,,,,,6');
    const text = await cycle('attendance', '--board', DEMO_BOARD_ID);
    expect(text.stdout).toContain('2027-01-20  6 present, 2 with apologies, 1 absent (1 represented); 1 arrived late');
    const unknown = await cycle('attendance', '--board', 'nope');
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('There is no board "nope".') });
  });
});

import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
let result: DriveResult;

beforeAll(async () => {
  // Seven voting members (the chair and six members), quorum 4: five apologies, one with a substitute,
  // leave three expected.
  result = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', apologies: 5, changeRounds: 0 });
});

describe('apologies that break the quorum', () => {
  it('records each apology, with the substitute named', async () => {
    const attendance = await cloud().deps.cycles.listAttendance(result.cycle.cycleId);
    expect(attendance.filter((a) => a.status === 'apologies')).toHaveLength(5);
    expect(attendance.filter((a) => a.substitute)).toHaveLength(1);
  });

  it('warns the secretariat once, with the forecast and the apologies', () => {
    const warnings = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'quorum-warning');
    expect(warnings.map((e) => e.to)).toEqual([['secretariat@example.org']]);
    expect(warnings[0]?.subject).toMatch(/^Quorum at risk for .*: 3 of 4 members expected$/);
    expect(warnings[0]?.text).toContain('Substitute: Deputy for');
  });

  it('puts the apologies into the minutes draft', async () => {
    const minutes = await cloud().deps.cycles.getMinutes(result.cycle.cycleId, 1);
    const text = await cloud().deps.documents.getText(minutes?.s3Key ?? '');
    const apologies = text.split('Apologies')[1]?.split('Officers')[0] ?? '';
    expect(apologies.trim().split('\n')).toHaveLength(5);
    expect(result.status).toBe('SUCCEEDED');
  });
});

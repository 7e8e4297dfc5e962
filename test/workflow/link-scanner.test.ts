import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
let result: DriveResult;

beforeAll(async () => {
  // Every link of every email is opened twice, as soon as the email arrives, before its recipient
  // acts: what mail security scanners do. driveCycle then clicks as the people would, and fails if
  // any of their clicks does not work.
  result = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', changeRounds: 1, scanLinks: true });
});

describe('a mail scanner opening every link', () => {
  it('opened every link of every email twice', () => {
    const links = new Set(result.scannedGets.map((g) => g.url));
    expect(links.size).toBeGreaterThan(30);
    expect(result.scannedGets.length).toBe(links.size * 2);
  });

  it('got pages and downloads, never an error', () => {
    for (const get of result.scannedGets) expect({ url: get.url, ok: get.status === 200 || get.status === 302 }).toEqual({ url: get.url, ok: true });
  });

  it('changed nothing: the cycle ran exactly as without a scanner and every later click worked', async () => {
    expect(result.status).toBe('SUCCEEDED');
    expect(result.cycle.status).toBe('completed');
    expect(result.statesVisited.filter((s) => s === 'WaitForChairApproval')).toHaveLength(2);
    const proposals = await cloud().deps.cycles.listProposals(result.cycle.cycleId);
    expect(proposals).toHaveLength(2);
    expect(result.actionsTaken.filter((a) => a.includes('uploaded a paper'))).toHaveLength(2);
    expect(result.minutesVersionApproved).toBe(2);
    // The apologies link was opened twice by the scanner for every member: nobody sent apologies.
    expect(await cloud().deps.cycles.listAttendance(result.cycle.cycleId)).toEqual([]);
    // Nor did it count as anyone opening the board pack.
    expect(await cloud().deps.cycles.listPackOpens(result.cycle.cycleId)).toEqual([]);
  });
});

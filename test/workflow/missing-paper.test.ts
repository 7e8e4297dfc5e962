import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
let result: DriveResult;

beforeAll(async () => {
  result = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', missingPresenters: 1, changeRounds: 0 });
});

describe('a paper that never arrives', () => {
  it('is chased once before the deadline, then reported to the secretariat at the deadline', () => {
    const emails = cloud().mail.emails();
    expect(emails.filter((e) => e.kind === 'paper-reminder')).toHaveLength(1);
    const digest = emails.filter((e) => e.kind === 'papers-not-received');
    expect(digest.map((e) => e.to)).toEqual([['secretariat@example.org']]);
    const reminded = emails.find((e) => e.kind === 'paper-reminder')?.to[0] ?? '';
    expect(digest[0]?.text).toContain(reminded);
    expect(digest[0]?.subject).toMatch(/^1 paper not received for /);
  });

  it('leaves the paper out of the pack, and the cycle carries on', () => {
    expect(result.status).toBe('SUCCEEDED');
    expect(result.papers).toBe(1);
    expect(result.cycle.packs?.members.pages).toBe(3);
  });
});

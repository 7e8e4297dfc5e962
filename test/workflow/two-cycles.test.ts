import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(180_000);
const cloud = useLocalCloud();
let first: DriveResult;
let second: DriveResult;
let secondStartsAt: number;

beforeAll(async () => {
  first = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', changeRounds: 0 });
  secondStartsAt = cloud().mail.emails().length;
  second = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-04-14', changeRounds: 0 });
});

describe('matters arising in the next cycle', () => {
  it('runs both cycles to the end', () => {
    expect([first.status, second.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  });

  it("puts the first cycle's open action, with its latest update, under the minutes item of the second agenda", async () => {
    const items = await cloud().deps.cycles.listItems(second.cycle.cycleId);
    const minutesItem = items.find((i) => /matters arising/i.test(i.title));
    expect(minutesItem?.notes).toEqual([
      expect.stringMatching(/^Action 1 \(in progress, due next meeting\): .* Latest update, .*: Draft plan shared with partners\.$/),
    ]);
  });

  it('shows it to members in the second circulation, and to the secretariat in the second minutes draft', async () => {
    const circulation = cloud()
      .mail.emails()
      .slice(secondStartsAt)
      .find((e) => e.kind === 'circulation');
    expect(circulation?.text).toContain('Draft plan shared with partners.');
    const draft = await cloud().deps.cycles.getMinutes(second.cycle.cycleId, 1);
    expect(await cloud().deps.documents.getText(draft?.s3Key ?? '')).toContain('Action 1 (in-progress)');
  });
});

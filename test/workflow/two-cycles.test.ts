import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(180_000);
const STATE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-two-')), 'local-cloud.json');
const cloud = useLocalCloud({ writeStateFile: true, env: { MEETING_CYCLE_LOCAL_STATE: STATE } });
const BIN = path.join(__dirname, '..', '..', 'bin', 'cycle.cjs');
const run = promisify(execFile);
let first: DriveResult;
let second: DriveResult;
let secondStartsAt: number;

beforeAll(async () => {
  first = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', changeRounds: 0 });
  secondStartsAt = cloud().mail.emails().length;
  second = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-04-14', changeRounds: 0 });
});

describe('the action register after two cycles', () => {
  it('exports as CSV with `cycle actions export`, and lists by status', async () => {
    const env = { ...process.env, MEETING_CYCLE_LOCAL_STATE: STATE };
    const csv = (await run(process.execPath, [BIN, 'actions', 'export', '--board', DEMO_BOARD_ID], { env })).stdout;
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('number,status,owners,text,due,meeting,item,latestUpdate');
    // One action per cycle's minutes: the first updated by its owner, the second not yet.
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^1,in-progress,.*,next meeting,demo-board-2027-01-20,\d+,\d{4}-\d{2}-\d{2} in-progress: Draft plan shared with partners\.$/);
    const open = JSON.parse(
      (await run(process.execPath, [BIN, 'actions', 'list', '--board', DEMO_BOARD_ID, '--status', 'in-progress', '--json'], { env })).stdout,
    ) as { number: number }[];
    expect(open.map((a) => a.number)).toEqual([1, 2]);
  });
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
    expect(await cloud().deps.documents.getText(draft?.s3Key ?? '')).toContain('Update on action 1 (in progress, due next meeting)');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordDecisions } from '../../functions/shared/services/decisions';
import { DEMO_BOARD_ID } from '../../local/seed';
import { cycleCommand } from '../support/cli';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(90_000);
const STATE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-decisions-')), 'local-cloud.json');
const cloud = useLocalCloud({ writeStateFile: true, env: { MEETING_CYCLE_LOCAL_STATE: STATE } });
const cycle = cycleCommand(STATE);

const MINUTES = `Riverside Community Safety Board
Minutes of the meeting held on 20 January 2027 at 15:30, Town Hall

Present: Ann Able (Chair), Bob Best

ITEM 1. Minutes of the last meeting
The minutes of the meeting on 14 October were approved.

ITEM 2. Budget
RESOLVED that the budget for 2027/28 be approved.
Action 1: Bob Best to publish the budget by 31 March 2027.

ITEM 3. Premises
It was agreed that =HYPERLINK("http://evil.example","the hall") be booked.
`;

const JANUARY = `${DEMO_BOARD_ID}-2027-01-20`;

beforeAll(async () => {
  const started = await cycle('start', '--board', DEMO_BOARD_ID, '--meeting', '2027-01-20', '--time', '15:30');
  expect(started.code).toBe(0);
  const meeting = { boardId: DEMO_BOARD_ID, cycleId: JANUARY, meetingAt: '2027-01-20T15:30:00.000Z' };
  // Published twice, as a retried PublishMinutes would: the register holds each decision once.
  await recordDecisions(cloud().deps, meeting, MINUTES);
  await recordDecisions(cloud().deps, meeting, MINUTES);
});

describe('cycle decisions', () => {
  it('exports the register as CSV by default, each decision once, quoted as RFC 4180 says', async () => {
    const out = await cycle('decisions', '--board', DEMO_BOARD_ID);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('meetingDate,meeting,number,item,text');
    expect(lines.slice(1)).toEqual([
      `2027-01-20,${JANUARY},1,1,The minutes of the meeting on 14 October were approved.`,
      `2027-01-20,${JANUARY},2,2,RESOLVED that the budget for 2027/28 be approved.`,
      `2027-01-20,${JANUARY},3,3,"It was agreed that =HYPERLINK(""http://evil.example"",""the hall"") be booked."`,
    ]);
  });

  it('exports JSON, filtered by meeting', async () => {
    const out = await cycle('decisions', '--board', DEMO_BOARD_ID, '--meeting', JANUARY, '--format', 'json');
    expect(out.code).toBe(0);
    const rows = JSON.parse(out.stdout) as { number: number; meeting: string }[];
    expect(rows.map((r) => [r.meeting, r.number])).toEqual([
      [JANUARY, 1],
      [JANUARY, 2],
      [JANUARY, 3],
    ]);
  });

  it('refuses a board or meeting that does not exist, and a filter or format it does not have, saying which', async () => {
    const board = await cycle('decisions', '--board', 'no-such-board');
    expect(board.code).toBe(1);
    expect(board.stderr).toContain('There is no board "no-such-board".');
    const meeting = await cycle('decisions', '--board', DEMO_BOARD_ID, '--meeting', 'elsewhere-2027');
    expect(meeting.code).toBe(1);
    expect(meeting.stderr).toContain('has no meeting "elsewhere-2027"');
    const filter = await cycle('decisions', '--board', DEMO_BOARD_ID, '--status', 'open');
    expect(filter.code).not.toBe(0);
    expect(filter.stderr).toContain("unknown option '--status'");
    const format = await cycle('decisions', '--board', DEMO_BOARD_ID, '--format', 'xml');
    expect(format.code).not.toBe(0);
    expect(format.stderr).toContain('Allowed choices are csv, json');
  });
});

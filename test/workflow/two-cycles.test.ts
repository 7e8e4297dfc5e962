import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { cycleCommand } from '../support/cli';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(180_000);
const STATE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-two-')), 'local-cloud.json');
const cloud = useLocalCloud({ writeStateFile: true, env: { MEETING_CYCLE_LOCAL_STATE: STATE } });
const cycle = cycleCommand(STATE);
let first: DriveResult;
let second: DriveResult;
let secondStartsAt: number;

/** Cycle 1's minutes agree three actions: updated by link, by reply, and not at all (overdue by cycle 2). */
const ACTIONS = [
  'Action 1: Tom Okafor to circulate the revised partnership plan by the next meeting.',
  'Action 2: Priya Shah to write to the council by 15 February 2027.',
  'Action 3: Helen Price to report on street lighting by 1 March 2027.',
];

beforeAll(async () => {
  first = await driveCycle(cloud(), {
    boardId: DEMO_BOARD_ID,
    meetingDate: '2027-01-20',
    changeRounds: 0,
    actions: ACTIONS,
    updateBy: (n) => (n === 1 ? 'link' : n === 2 ? 'reply' : 'none'),
    // The minutes give the next meeting; the secretariat confirms it, and its cycle starts by itself.
    nextMeeting: { date: '2027-04-14', time: '10:00' },
  });
  secondStartsAt = cloud().mail.emails().length;
  second = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-04-14', changeRounds: 0, scheduled: true });
});

describe('the next cycle', () => {
  it('is offered from the approved minutes, confirmed by the secretariat, and starts by itself at its agenda call', async () => {
    expect(first.actionsTaken).toContain('Grace Lin confirmed the next meeting (2027-04-14): its cycle will start by itself');
    expect(second.cycle).toMatchObject({ status: 'completed', scheduledStart: { confirmedBy: 'secretariat' } });
    expect(second.cycle.scheduledStart?.at).toBe(second.cycle.timeline.agendaCall);
    const started = cloud()
      .sfn.describe(second.cycle.executionArn ?? '')
      ?.events.find((e) => e.type === 'StateEntered');
    expect(started?.at).toBe(second.cycle.timeline.agendaCall);
  });
});

describe('actions from the first cycle', () => {
  it('runs both cycles to the end', () => {
    expect([first.status, second.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(first.actionsTaken).toEqual(expect.arrayContaining(['Tom Okafor updated action 1', 'Priya Shah updated action 2 by replying to the email']));
  });

  it('are updated by link and by reply, and one is left without an update', async () => {
    const d = cloud().deps;
    const actions = await d.actions.listActions(DEMO_BOARD_ID, { cycleId: first.cycle.cycleId });
    const history = await Promise.all(actions.map((a) => d.actions.listEvents(a.actionId)));
    expect(actions.map((a) => [a.number, a.status, a.due])).toEqual([
      [1, 'in-progress', 'next meeting'],
      [2, 'in-progress', '2027-02-15'],
      [3, 'open', '2027-03-01'],
    ]);
    expect(history[0]).toEqual([expect.objectContaining({ note: 'Draft plan shared with partners.', kind: 'update' })]);
    expect(history[0]![0]!.via).toBeUndefined();
    expect(history[1]).toEqual([expect.objectContaining({ note: 'spoke to the council; their figures are due next week.', via: 'reply' })]);
    expect(history[2]).toEqual([]);
  });

  it("are carried into the second agenda's matters arising with their latest update, the overdue one marked", async () => {
    const items = await cloud().deps.cycles.listItems(second.cycle.cycleId);
    const minutesItem = items.find((i) => /matters arising/i.test(i.title));
    expect(minutesItem?.notes).toEqual([
      expect.stringMatching(/^Action 1 \(in progress, due next meeting\): .* Latest update, .*: Draft plan shared with partners\.$/),
      expect.stringMatching(/^Action 2 \(in progress, due 2027-02-15, overdue\): .* Latest update, .*: spoke to the council/),
      'Action 3 (open, due 2027-03-01, overdue): Helen Price to report on street lighting by 1 March 2027. No update yet.',
    ]);
  });

  it('reach members in the second circulation, and the secretariat in the second minutes draft', async () => {
    const circulation = cloud()
      .mail.emails()
      .slice(secondStartsAt)
      .find((e) => e.kind === 'circulation');
    expect(circulation?.text).toContain('Draft plan shared with partners.');
    expect(circulation?.text).toContain('Action 3 (open, due 2027-03-01, overdue)');
    const draft = await cloud().deps.cycles.getMinutes(second.cycle.cycleId, 1);
    const text = await cloud().deps.documents.getText(draft?.s3Key ?? '');
    expect(text).toContain('Update on action 1 (in progress, due next meeting)');
    expect(text).toContain('Update on action 2 (in progress, due 2027-02-15, overdue)');
    expect(text).toContain('Update on action 3 (open, due 2027-03-01, overdue)');
  });

  it('export as CSV with `cycle actions export`, and list by status', async () => {
    const csv = (await cycle('actions', 'export', '--board', DEMO_BOARD_ID)).stdout;
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('number,status,owners,text,due,meeting,item,latestUpdate');
    // Three actions from the first cycle's minutes, one from the second's.
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^1,in-progress,.*,next meeting,demo-board-2027-01-20,\d+,\d{4}-\d{2}-\d{2} in-progress: Draft plan shared with partners\.$/);
    const open = JSON.parse((await cycle('actions', 'list', '--board', DEMO_BOARD_ID, '--status', 'open', '--json')).stdout) as { number: number }[];
    expect(open.map((a) => a.number)).toEqual([3]);
  });
});

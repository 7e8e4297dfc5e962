import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeConfirmNextCycle } from '../../functions/admin/next-cycle';
import { makePublishMinutes } from '../../functions/publish-minutes/publish-minutes';
import { hashToken } from '../../functions/shared/domain/links';
import { planBoardTimeline } from '../../functions/shared/domain/timeline';
import { loadWorkingCalendar } from '../../functions/shared/services/working-calendar';
import type { Cycle } from '../../functions/shared/domain/types';
import { appLinks, follow, submit, type FetchedPage } from '../../local/people';
import { DEMO_BOARD_ID, demoBoard } from '../../local/seed';
import { cycleCommand } from '../support/cli';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const STATE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-next-cycle-')), 'local-cloud.json');
// A few days after the meeting of 20 January 2027, when its minutes are approved.
const cloud = useLocalCloud({ writeStateFile: true, clockStart: '2027-01-27T09:00:00Z', env: { MEETING_CYCLE_LOCAL_STATE: STATE } });

const NEXT = 'demo-board-2027-06-09';
const MINUTES = `Riverside Community Safety Board

Minutes of Meeting

Wednesday 20 January 2027, 10:00 Committee Room 1, Riverside Town Hall

Present

Alex Morgan\tChair
Priya Shah\tPolicing and Crime Office

ITEM 1. Welcome and apologies

1.1 The Chair welcomed members.

ITEM 2. Finance report

2.1 The Board noted the budget position.

Action 1: Priya Shah to circulate the revised budget by the next meeting.

Date of next meeting: Wednesday 9 June 2027, 14:00
`;

const cycle = cycleCommand(STATE);

/** A cycle whose meeting took place, recorded without an execution, so only the next cycle runs on the clock. */
async function heldCycle(meetingDate: string): Promise<Cycle> {
  const board = demoBoard();
  const { timeline } = planBoardTimeline(board, await loadWorkingCalendar(board.holidays), { meetingDate, meetingTime: '10:00' }, new Date(0));
  const held: Cycle = {
    boardId: DEMO_BOARD_ID,
    cycleId: `${DEMO_BOARD_ID}-${meetingDate}`,
    meeting: { date: meetingDate, time: '10:00', venue: 'Committee Room 1, Riverside Town Hall' },
    timeline,
    status: 'running',
    phase: 'PublishMinutes',
    createdAt: '2026-11-02T09:00:00.000Z',
    version: 1,
  };
  await cloud().deps.cycles.createCycle(held);
  return held;
}

const emailsOf = (kind: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === kind);
const cycleRecord = (cycleId: string) => cloud().deps.cycles.getCycle(DEMO_BOARD_ID, cycleId);
const boardCycles = () => cloud().deps.cycles.listCycles(DEMO_BOARD_ID);
let previous: Cycle;
let link: string;

beforeAll(async () => {
  // Arrange: approved minutes that give the next meeting, published as the PublishMinutes task does.
  const d = cloud().deps;
  previous = await heldCycle('2027-01-20');
  const s3Key = `minutes/${previous.cycleId}/approved.md`;
  await d.documents.putText(s3Key, MINUTES, 'text/markdown; charset=utf-8');
  const at = d.clock.now().toISOString();
  await d.cycles.addMinutes({
    cycleId: previous.cycleId,
    s3Key,
    status: 'approved',
    savedBy: 'grace-lin',
    savedAt: at,
    approval: { by: 'alex-morgan', at, via: 'link' },
  });
  await makePublishMinutes(d)({ boardId: DEMO_BOARD_ID, cycleId: previous.cycleId, minutesVersion: 1 });
});

describe('the next cycle, from the approved minutes', () => {
  it('asks the secretariat, and only the secretariat, to confirm the date the minutes give', () => {
    const asked = emailsOf('next-meeting-confirmation');
    expect(asked.map((e) => e.to)).toEqual([['secretariat@example.org']]);
    expect(asked[0]!.subject).toBe('Confirm the next meeting: Wednesday 9 June 2027');
    expect(asked[0]!.text).toContain('Agenda call: Tuesday 11 May 2027, 09:00');
    link = appLinks(asked[0]!.text, cloud().appUrl)[0]!;
    expect(link).toBeDefined();
  });

  it('shows the proposed meeting and its timeline on GET, and changes nothing however often it is opened', async () => {
    const page = await follow(link);
    await follow(link);

    expect(page.status).toBe(200);
    expect(page.title).toBe('Confirm the next meeting');
    expect(page.html).toContain('Wednesday 9 June 2027 at 14:00');
    expect(page.html).toContain('<td>Agenda call</td><td>Tuesday 11 May 2027, 09:00</td>');
    expect(page.html).toContain('<td>Circulation</td><td>');
    // Checking another date is a GET too: a date whose timeline has passed is named, with nothing to confirm.
    const passed = await follow(`${link}?date=2027-02-03&time=10:00`);
    expect(passed.status).toBe(200);
    expect(passed.html).toMatch(/has passed\. Choose a meeting on or after/);
    expect(passed.forms.map((f) => f.method)).toEqual(['GET']);

    expect(await boardCycles()).toHaveLength(1);
    expect(cloud().scheduler.list()).toEqual([]);
    expect((await cycleRecord(previous.cycleId))?.nextCycle).toBeUndefined();
    expect((await cloud().deps.links.getLink(hashToken(link.split('/l/')[1]!)))?.usedAt).toBeUndefined();
  });

  it('records the next cycle on POST, scheduled at its agenda call and not started, once for a double click', async () => {
    const page: FetchedPage = await follow(link);

    // Act: the secretariat's two clicks arrive together.
    const answers = await Promise.all([
      submit(page, 'Confirm the meeting on Wednesday 9 June 2027'),
      submit(page, 'Confirm the meeting on Wednesday 9 June 2027'),
    ]);

    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => a.title)).toContain('Next meeting confirmed');
    const next = await cycleRecord(NEXT);
    expect(next).toMatchObject({
      status: 'scheduled',
      previousCycleId: previous.cycleId,
      meeting: { date: '2027-06-09', time: '14:00' },
      scheduledStart: { at: '2027-05-11T08:00:00.000Z', confirmedBy: 'secretariat' },
    });
    expect((await boardCycles()).map((c) => c.cycleId).sort()).toEqual([previous.cycleId, NEXT]);
    expect(cloud().scheduler.list()).toEqual([
      expect.objectContaining({
        name: `start-${NEXT}`,
        at: new Date('2027-05-11T08:00:00Z'),
        execution: { name: NEXT, input: { boardId: DEMO_BOARD_ID, cycleId: NEXT } },
      }),
    ]);
    expect(cloud().sfn.list()).toEqual([]);
    expect(cloud().clock.nextTimer()).toEqual({ at: new Date('2027-05-11T08:00:00Z'), label: `Scheduled start · ${NEXT}` });

    // A third click, once it is done, is told so and changes nothing.
    const again = await submit(page, 'Confirm the meeting on Wednesday 9 June 2027');
    expect(again.title).toBe('Already done');
    expect(cloud().scheduler.list()).toHaveLength(1);
  });

  it('lists the scheduled cycle with its start time in `cycle status`', async () => {
    const out = await cycle('status');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`${NEXT}  scheduled  meeting Wednesday 9 June 2027, 14:00  · starts by itself Tuesday 11 May 2027, 09:00`);
    const rows = JSON.parse((await cycle('status', '--json')).stdout) as { cycleId: string; startsAt: string | null }[];
    expect(rows.find((r) => r.cycleId === NEXT)?.startsAt).toBe('2027-05-11T08:00:00.000Z');
  });

  it('moves a scheduled cycle: re-plans it and re-schedules its start, telling nobody', async () => {
    const board = demoBoard();
    const { timeline } = planBoardTimeline(board, await loadWorkingCalendar(board.holidays), { meetingDate: '2027-06-23', meetingTime: '14:00' }, new Date(0));

    const out = await cycle('move', '--cycle', NEXT, '--meeting', '2027-06-23', '--time', '14:00');

    expect(out).toMatchObject({ code: 0, stdout: expect.stringContaining('the cycle starts by itself at Tuesday 25 May 2027, 09:00') });
    expect(await cycleRecord(NEXT)).toMatchObject({ status: 'scheduled', timeline, scheduledStart: { at: timeline.agendaCall } });
    expect(
      cloud()
        .scheduler.list()
        .map((s) => s.at.toISOString()),
    ).toEqual([timeline.agendaCall]);
    expect(emailsOf('meeting-moved')).toEqual([]);
    expect(cloud().sfn.list()).toEqual([]);
  });

  it('cancels a scheduled cycle with who and why, so that it never starts', async () => {
    // Another board meeting's next cycle, confirmed directly (its minutes' link is not needed here).
    const earlier = await heldCycle('2027-02-17');
    const { cycle: doomed } = await makeConfirmNextCycle(cloud().deps)({
      boardId: DEMO_BOARD_ID,
      previousCycleId: earlier.cycleId,
      meetingDate: '2027-05-26',
      meetingTime: '10:00',
      confirmedBy: 'grace-lin',
    });
    expect(cloud().scheduler.list()).toHaveLength(2);

    const out = await cycle('cancel', '--cycle', doomed.cycleId, '--reason', 'Merged with the June meeting', '--by', 'Grace Lin');

    expect(out).toMatchObject({ code: 0, stdout: expect.stringContaining(`Cancelled cycle ${doomed.cycleId}: it will not start`) });
    expect(await cycleRecord(doomed.cycleId)).toMatchObject({ status: 'cancelled', cancellation: { by: 'Grace Lin', reason: 'Merged with the June meeting' } });
    expect(
      cloud()
        .scheduler.list()
        .map((s) => s.name),
    ).toEqual([`start-${NEXT}`]);
    expect((await cycle('status')).stdout).toContain(`${doomed.cycleId}  cancelled`);
  });

  it('starts the execution when the virtual clock passes the agenda call, and the agenda call goes out', async () => {
    const next = (await cycleRecord(NEXT))!;

    await cloud().sfn.advanceTo(new Date(Date.parse(next.timeline.agendaCall) + 3_600_000));

    const execution = cloud().sfn.describe(next.executionArn ?? '');
    expect(execution).toMatchObject({ name: NEXT, status: 'RUNNING' });
    expect(execution?.events.filter((e) => e.type === 'StateEntered').map((e) => e.state)).toEqual(
      expect.arrayContaining(['PlanTimeline', 'WaitForAgendaCall', 'SendAgendaCall', 'WaitForItemDeadline']),
    );
    expect(emailsOf('agenda-call')).toHaveLength(9);
    expect(emailsOf('agenda-call')[0]?.text).toContain('Wednesday 23 June 2027, 14:00');
    expect(await cycleRecord(NEXT)).toMatchObject({ status: 'running' });
    expect(cloud().scheduler.list()).toEqual([]);
    expect(cloud().scheduler.fired()).toEqual([expect.objectContaining({ executionName: NEXT })]);
    // The cancelled cycle's agenda call has passed too; it never started.
    expect(
      cloud()
        .sfn.list()
        .map((e) => e.name),
    ).toEqual([NEXT]);
  });

  it('cancels a running cycle only with a reason, tells everyone once, and says so when asked again', async () => {
    const refused = await cycle('cancel', '--cycle', NEXT);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Give the reason for cancelling: everyone invited to the meeting is told it.');
    expect(await cycleRecord(NEXT)).toMatchObject({ status: 'running' });

    const out = await cycle('cancel', '--cycle', NEXT, '--reason', 'The partnership is being restructured.', '--by', 'Grace Lin');
    expect(out).toMatchObject({ code: 0, stdout: expect.stringContaining(`Cancelled cycle ${NEXT} (it was at `) });
    expect(out.stdout).toContain('9 people were sent the reason and a calendar cancellation');
    expect(await cycleRecord(NEXT)).toMatchObject({ status: 'cancelled', cancellation: { by: 'Grace Lin' } });
    expect(emailsOf('meeting-cancelled')).toHaveLength(9);

    const again = await cycle('cancel', '--cycle', NEXT, '--reason', 'Again', '--by', 'Someone');
    expect(again.stdout).toMatch(new RegExp(`Cycle ${NEXT} was already cancelled by Grace Lin on .*\\. Nothing was sent again\\.`));
    expect(emailsOf('meeting-cancelled')).toHaveLength(9);
  });

  it('has help for cancel, move and status', async () => {
    for (const command of ['cancel', 'move', 'status']) {
      const out = await cycle(command, '--help');
      expect({ command, code: out.code }).toEqual({ command, code: 0 });
    }
    expect((await cycle('cancel', '--help')).stdout).toContain("Call off a cycle's meeting");
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeConfirmNextCycle } from '../../functions/admin/next-cycle';
import { awsCycleCommand } from '../support/cli';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
/** A home and working directory with no AWS config and no local cloud's state file in reach. */
const HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-cli-aws-'));

// The CLI runs on the wall clock, as it does against AWS: the local cloud's clock starts at the same moment.
const cloud = useLocalCloud({ clockStart: new Date().toISOString() });

/** The first Wednesday at least `days` days from now, YYYY-MM-DD: a working day, clear of any bank holiday. */
function wednesdayAfter(days: number): string {
  const day = new Date(Date.now() + days * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((3 - day.getUTCDay() + 7) % 7));
  return day.toISOString().slice(0, 10);
}

const cycle = awsCycleCommand(() => cloud().env, HOME);

const BOARD = 'audit-committee';
const MEETING = wednesdayAfter(70);
const MOVED_TO = wednesdayAfter(77);
const CYCLE = `${BOARD}-${MEETING}`;
const NEXT_MEETING = wednesdayAfter(180);
const NEXT_MOVED_TO = wednesdayAfter(187);
const NEXT = `${BOARD}-${NEXT_MEETING}`;

afterAll(() => fs.rmSync(HOME, { recursive: true, force: true }));

describe('cycle --aws against the local cloud standing in for a deployed stack', () => {
  it('has no local cloud to fall back on: without --aws it refuses', async () => {
    const local = await cycle('boards', 'list');
    expect(local).toMatchObject({ code: 1, stderr: expect.stringContaining('No local cloud is running') });
  });

  it('names a stack that does not exist', async () => {
    const other = await cycle('boards', 'list', '--aws', '--stack', 'SomeoneElse');
    expect(other).toMatchObject({ code: 1, stderr: expect.stringContaining('Could not read the outputs of stack "SomeoneElse"') });
    expect(other.stderr).toContain('Stack with id SomeoneElse does not exist');
  });

  it('creates, lists and updates a board', async () => {
    const created = await cycle('boards', 'create', '--aws', '--id', BOARD, '--name', 'Audit & Risk Committee', '--clear-days', '5');
    expect(created).toMatchObject({ code: 0, stdout: expect.stringContaining(`Created board ${BOARD} (Audit & Risk Committee).`) });
    expect(await cloud().deps.boards.getBoard(BOARD)).toMatchObject({ name: 'Audit & Risk Committee', rules: { clearDays: 5 } });

    const listed = JSON.parse((await cycle('boards', 'list', '--aws', '--json')).stdout) as { boardId: string }[];
    expect(listed.map((b) => b.boardId).sort()).toEqual([BOARD, 'demo-board']);

    const updated = await cycle('boards', 'update', '--aws', '--board', BOARD, '--quorum', '2');
    expect(updated).toMatchObject({ code: 0, stdout: expect.stringContaining('quorum: 3 → 2') });
    expect(await cloud().deps.boards.getBoard(BOARD)).toMatchObject({ quorum: 2, version: 2 });
  });

  it('imports and lists members', async () => {
    const csv = path.join(HOME, 'members.csv');
    fs.writeFileSync(
      csv,
      [
        'name,email,organisation,roles',
        'Pat Chair,chair@audit.example.org,Council,chair',
        'Sam Clerk,clerk@audit.example.org,Council,secretariat',
        'Lee Member,lee@audit.example.org,Council,member',
        'Kim Member,kim@audit.example.org,Council,member',
      ].join('\n'),
    );
    const imported = await cycle('members', 'import', '--aws', '--board', BOARD, csv);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringContaining(`Imported 4 members into ${BOARD}.`) });
    expect((await cloud().deps.boards.listMembers(BOARD)).map((m) => m.email).sort()).toEqual([
      'chair@audit.example.org',
      'clerk@audit.example.org',
      'kim@audit.example.org',
      'lee@audit.example.org',
    ]);
    const listed = JSON.parse((await cycle('members', 'list', '--aws', '--board', BOARD, '--json')).stdout) as { email: string; roles: string[] }[];
    expect(listed).toHaveLength(4);
    expect(listed.find((m) => m.email === 'clerk@audit.example.org')?.roles).toEqual(['secretariat']);
  });

  it('starts a cycle on the state machine and reports it in status', async () => {
    const started = await cycle('start', '--aws', '--board', BOARD, '--meeting', MEETING);
    expect(started).toMatchObject({ code: 0, stdout: expect.stringContaining(`Started cycle ${CYCLE}.`) });
    // The execution's first task plans the cycle and marks it running; it then waits for the agenda call.
    await cloud().sfn.settle();
    const stored = await cloud().deps.cycles.getCycle(BOARD, CYCLE);
    expect(stored).toMatchObject({ status: 'running', meeting: { date: MEETING }, executionArn: expect.stringContaining(`:${CYCLE}`) });
    expect(cloud().sfn.describe(stored!.executionArn!)).toMatchObject({ name: CYCLE, status: 'RUNNING' });

    const status = JSON.parse((await cycle('status', '--aws', '--board', BOARD, '--json')).stdout) as { cycleId: string; status: string }[];
    expect(status).toEqual([expect.objectContaining({ cycleId: CYCLE, status: 'running', meeting: stored!.timeline.meeting })]);
  });

  it('moves the running meeting: the execution restarts re-planned, and members are told by email', async () => {
    const before = await cloud().deps.cycles.getCycle(BOARD, CYCLE);
    const moved = await cycle('move', '--aws', '--cycle', CYCLE, '--meeting', MOVED_TO);
    expect(moved).toMatchObject({ code: 0, stdout: expect.stringContaining(`Moved the meeting of ${CYCLE} to`) });
    const after = await cloud().deps.cycles.getCycle(BOARD, CYCLE);
    expect(after).toMatchObject({
      meeting: { date: MOVED_TO },
      moves: [expect.objectContaining({ from: before!.timeline.meeting, to: after!.timeline.meeting })],
    });
    expect(cloud().sfn.describe(before!.executionArn!)?.status).toBe('ABORTED');
    expect(cloud().sfn.describe(after!.executionArn!)).toMatchObject({ name: `${CYCLE}-moved-1`, status: 'RUNNING' });
    const told = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'meeting-moved')
      .flatMap((e) => e.to);
    expect(told.sort()).toEqual(['chair@audit.example.org', 'clerk@audit.example.org', 'kim@audit.example.org', 'lee@audit.example.org']);
  });

  it('moves, then cancels, a confirmed next cycle waiting for its scheduled start', async () => {
    // Confirmed as the secretariat's link page does; the CLI has no command for it.
    const confirmed = await makeConfirmNextCycle(cloud().deps)({
      boardId: BOARD,
      previousCycleId: CYCLE,
      meetingDate: NEXT_MEETING,
      meetingTime: '10:00',
      confirmedBy: 'clerk@audit.example.org',
    });
    expect(confirmed).toMatchObject({ startedNow: false, cycle: { cycleId: NEXT, status: 'scheduled' } });

    const moved = await cycle('move', '--aws', '--cycle', NEXT, '--meeting', NEXT_MOVED_TO);
    expect(moved).toMatchObject({ code: 0, stdout: expect.stringContaining('the cycle starts by itself at') });
    const rescheduled = await cloud().deps.cycles.getCycle(BOARD, NEXT);
    expect(rescheduled).toMatchObject({ meeting: { date: NEXT_MOVED_TO }, scheduledStart: { at: rescheduled!.timeline.agendaCall } });
    expect(
      cloud()
        .scheduler.list()
        .map((s) => s.at.toISOString()),
    ).toEqual([rescheduled!.timeline.agendaCall]);

    const status = JSON.parse((await cycle('status', '--aws', '--board', BOARD, '--json')).stdout) as { cycleId: string; startsAt: string | null }[];
    expect(status.find((c) => c.cycleId === NEXT)?.startsAt).toBe(rescheduled!.timeline.agendaCall);

    const cancelled = await cycle('cancel', '--aws', '--cycle', NEXT, '--reason', 'Merged with the budget meeting', '--by', 'Sam Clerk');
    expect(cancelled).toMatchObject({ code: 0, stdout: expect.stringContaining(`Cancelled cycle ${NEXT}: it will not start`) });
    expect(await cloud().deps.cycles.getCycle(BOARD, NEXT)).toMatchObject({
      status: 'cancelled',
      cancellation: { by: 'Sam Clerk', reason: 'Merged with the budget meeting' },
    });
    expect(cloud().scheduler.list()).toEqual([]);
  });
});

import { makeCancelCycle } from '../../functions/admin/cancel-cycle';
import { decodeProposal, encodeProposal, makeConfirmNextCycle, previewNextCycle } from '../../functions/admin/next-cycle';
import { makeStartCycle } from '../../functions/admin/start-cycle';
import { nextMeetingConfirmationEmail } from '../../functions/emails';
import { executionArnFor } from '../../functions/shared/adapters/scheduler/eventbridge-scheduler';
import { AlreadyExistsError, ValidationError } from '../../functions/shared/domain/errors';
import { addCalendarDays, nextMeetingInMinutes, proposeNextMeeting } from '../../functions/shared/domain/next-meeting';
import type { Board, Cycle } from '../../functions/shared/domain/types';
import { demoBoard } from '../../local/seed';
import { FAKE_STATE_MACHINE_ARN, fakeDeps, type FakeDeps } from '../support/fakes';

const MINUTES = `Riverside Community Safety Board

Minutes of Meeting

Wednesday 20 January 2027, 10:00 Committee Room 1, Riverside Town Hall

Present

Alex Morgan\tChair

ITEM 1. Welcome and apologies

1.1 The Chair welcomed members.

Date of next meeting: Wednesday 9 June 2027, 14:00, Council Chamber
`;

type Fakes = { d: FakeDeps; board: Board };

/** The demo board on the shared fakes, the clock at `start`. */
async function fakes(start = '2027-02-01T10:00:00Z'): Promise<Fakes> {
  const d = fakeDeps({ now: start });
  return { d, board: await d.boards.putBoard(demoBoard()) };
}

/** A previous cycle, its meeting held, as publish-minutes leaves it. */
async function previous({ d, board }: Fakes): Promise<Cycle> {
  const cycle = {
    boardId: board.boardId,
    cycleId: 'demo-board-2027-01-20',
    meeting: { date: '2027-01-20', time: '10:00', venue: 'Committee Room 1' },
    timeline: {} as Cycle['timeline'],
    status: 'running',
    phase: 'FollowUpActions',
    createdAt: '2026-11-01T00:00:00Z',
    version: 3,
  } satisfies Cycle;
  await d.cycles.createCycle(cycle);
  return cycle;
}

const cycleIds = async ({ d }: Fakes): Promise<string[]> => (await d.cycles.listCycles('demo-board')).map((c) => c.cycleId).sort();
const stored = ({ d }: Fakes, cycleId: string): Promise<Cycle | undefined> => d.cycles.getCycle('demo-board', cycleId);
const JUNE_ARN = executionArnFor(FAKE_STATE_MACHINE_ARN, 'demo-board-2027-06-09');

const confirm = (f: Fakes, meetingDate = '2027-06-09', meetingTime = '14:00') =>
  makeConfirmNextCycle(f.d)({ boardId: 'demo-board', previousCycleId: 'demo-board-2027-01-20', meetingDate, meetingTime, confirmedBy: 'grace' });

describe('the next meeting to propose', () => {
  it('reads the date, time and venue the approved minutes give', () => {
    expect(nextMeetingInMinutes(MINUTES)).toMatchObject({ date: '2027-06-09', time: '14:00' });
    expect(proposeNextMeeting(nextMeetingInMinutes(MINUTES), {}, { date: '2027-01-20', time: '10:00' })).toMatchObject({
      date: '2027-06-09',
      time: '14:00',
      source: 'minutes',
    });
  });

  it("falls back to the board's rhythm when the minutes give no usable date, and proposes nothing without one", () => {
    const tbc = { date: null, time: null, venue: null };
    expect(proposeNextMeeting(tbc, { meetingEvery: { weeks: 8 } }, { date: '2027-01-20', time: '10:00' })).toEqual({
      date: '2027-03-17',
      time: '10:00',
      source: 'board',
    });
    // A date not after this meeting is a slip in the minutes, not a proposal.
    expect(proposeNextMeeting({ date: '2027-01-13', time: '09:30', venue: null }, {}, { date: '2027-01-20', time: '10:00' })).toBeUndefined();
    expect(proposeNextMeeting(null, {}, { date: '2027-01-20', time: '10:00' })).toBeUndefined();
    expect(nextMeetingInMinutes('no structure at all')).toBeNull();
    expect(addCalendarDays('2027-12-29', 7)).toBe('2028-01-05');
  });

  it('carries the proposal in the link and reads back only a well-formed one', () => {
    const p = { date: '2027-06-09', time: '14:00', venue: 'Council Chamber', source: 'minutes' as const };
    expect(decodeProposal(encodeProposal(p))).toEqual(p);
    expect(decodeProposal('{"date":"2027-06-09"}')).toBeUndefined();
    expect(decodeProposal('not json')).toBeUndefined();
  });

  it('previews the timeline, and says why a date cannot go ahead rather than throwing', async () => {
    const board = demoBoard();
    const now = new Date('2027-02-01T10:00:00Z');
    expect(await previewNextCycle(board, { date: '2027-06-09', time: '14:00' }, now)).toMatchObject({
      timeline: { agendaCall: '2027-05-11T08:00:00.000Z', meeting: '2027-06-09T13:00:00.000Z' },
      breaches: [],
    });
    expect((await previewNextCycle(board, { date: '2027-02-10', time: '14:00' }, now)).problem).toMatch(/has passed\. Choose a meeting on or after/);
    expect((await previewNextCycle(board, { date: '2027-06-09', time: '25:00' }, now)).problem).toContain('HH:MM');
  });

  it('asks the secretariat by email, naming the date in the subject and any problem in the body', () => {
    const email = nextMeetingConfirmationEmail({
      board: 'Riverside Community Safety Board',
      secretariatEmail: 'secretariat@example.org',
      meetingDay: 'Wednesday 9 June 2027',
      meetingTime: '14:00',
      source: 'the approved minutes of Wednesday 20 January 2027',
      keyDates: [],
      problem: 'The agenda call would be on Monday 1 February 2027, 09:00, which has passed.',
      confirmUrl: 'https://app.example.org/l/x',
      confirmBy: 'Wednesday 9 June 2027',
    });
    expect(email.subject).toBe('Confirm the next meeting: Wednesday 9 June 2027');
    expect(email.text).toContain('This date cannot go ahead as it is: The agenda call would be on');
    expect(email.text).toContain('https://app.example.org/l/x');
  });
});

describe('confirming the next cycle', () => {
  it('records it as scheduled, not started, and schedules its start at the agenda call', async () => {
    const f = await fakes();
    await previous(f);

    const { cycle, startedNow } = await confirm(f);

    expect(startedNow).toBe(false);
    expect(cycle).toMatchObject({
      cycleId: 'demo-board-2027-06-09',
      status: 'scheduled',
      previousCycleId: 'demo-board-2027-01-20',
      scheduledStart: { at: '2027-05-11T08:00:00.000Z', confirmedBy: 'grace' },
      executionArn: JUNE_ARN,
    });
    expect(f.d.workflow.started).toEqual([]);
    expect([...f.d.scheduler.schedules]).toEqual([
      ['demo-board-2027-06-09', { boardId: 'demo-board', cycleId: 'demo-board-2027-06-09', at: '2027-05-11T08:00:00.000Z' }],
    ]);
    expect((await stored(f, 'demo-board-2027-01-20'))?.nextCycle).toMatchObject({ cycleId: 'demo-board-2027-06-09', confirmedBy: 'grace' });
  });

  it('leaves one cycle and one schedule when confirmed twice, and refuses another date afterwards', async () => {
    const f = await fakes();
    await previous(f);

    await Promise.all([confirm(f), confirm(f)]);
    await confirm(f);

    expect(await cycleIds(f)).toEqual(['demo-board-2027-01-20', 'demo-board-2027-06-09']);
    expect(f.d.scheduler.schedules.size).toBe(1);
    await expect(confirm(f, '2027-06-16')).rejects.toThrow(AlreadyExistsError);
    expect(f.d.scheduler.schedules.size).toBe(1);
  });

  it('starts the cycle at once when its agenda call is already due', async () => {
    const f = await fakes('2027-05-11T07:59:30Z');
    await previous(f);

    const { cycle, startedNow } = await confirm(f);

    expect(startedNow).toBe(true);
    expect(f.d.workflow.started.map((e) => e.name)).toEqual(['demo-board-2027-06-09']);
    expect(f.d.scheduler.schedules.size).toBe(0);
    expect(cycle.scheduledStart).toBeUndefined();
    expect(cycle.executionArn).toBe(JUNE_ARN);
  });

  it('refuses a date not after the previous meeting, and one whose timeline has passed, changing nothing', async () => {
    const f = await fakes();
    await previous(f);
    await expect(confirm(f, '2027-01-13')).rejects.toThrow(ValidationError);
    await expect(confirm(f, '2027-02-10')).rejects.toThrow('has passed');
    expect(await cycleIds(f)).toEqual(['demo-board-2027-01-20']);
    expect((await stored(f, 'demo-board-2027-01-20'))?.nextCycle).toBeUndefined();
  });
});

describe('a cycle waiting for its scheduled start', () => {
  it('cannot be started again by hand', async () => {
    const f = await fakes();
    await previous(f);
    await confirm(f);
    await expect(makeStartCycle(f.d)({ boardId: 'demo-board', meetingDate: '2027-06-09' })).rejects.toThrow(
      /already has a cycle for the meeting on 2027-06-09 .* starts by itself on Tuesday 11 May 2027, 09:00/,
    );
  });

  it('is cancelled with who and why, its schedule deleted; the date can then start afresh', async () => {
    const f = await fakes();
    await previous(f);
    await confirm(f);

    const { cycle } = await makeCancelCycle(f.d)({ cycleId: 'demo-board-2027-06-09', by: 'grace', reason: 'Merged with the June away day' });

    expect(cycle).toMatchObject({ status: 'cancelled', cancellation: { by: 'grace', reason: 'Merged with the June away day' } });
    expect(f.d.scheduler.schedules.size).toBe(0);
    // Cancelling again changes nothing.
    await expect(makeCancelCycle(f.d)({ cycleId: 'demo-board-2027-06-09', by: 'someone' })).resolves.toMatchObject({
      cycle: { cancellation: { by: 'grace' } },
    });

    const restarted = await makeStartCycle(f.d)({ boardId: 'demo-board', meetingDate: '2027-06-09' });
    expect(restarted.cycle).toMatchObject({ status: 'scheduled', executionArn: expect.stringContaining('demo-board-2027-06-09') });
    expect(restarted.cycle.cancellation).toBeUndefined();
    expect(restarted.cycle.scheduledStart).toBeUndefined();
  });

  it('refuses to cancel a cycle whose meeting has taken place, saying why', async () => {
    const f = await fakes();
    const running = await previous(f);
    await f.d.cycles.updateCycle(running.boardId, running.cycleId, (c) => ({ timeline: { ...c.timeline, meeting: '2027-01-20T10:00:00.000Z' } }));
    await expect(makeCancelCycle(f.d)({ cycleId: running.cycleId, by: 'grace', reason: 'Too late' })).rejects.toThrow(
      /The meeting of cycle .* began on .*: a meeting that has taken place cannot be cancelled/,
    );
    await expect(makeCancelCycle(f.d)({ cycleId: 'nope', by: 'grace' })).rejects.toThrow('There is no cycle "nope".');
  });
});

import { makeCancelCycle } from '../../functions/admin/cancel-cycle';
import { decodeProposal, encodeProposal, makeConfirmNextCycle, previewNextCycle } from '../../functions/admin/next-cycle';
import { makeStartCycle } from '../../functions/admin/start-cycle';
import { nextMeetingConfirmationEmail } from '../../functions/emails';
import { AlreadyExistsError, NotFoundError, ValidationError } from '../../functions/shared/domain/errors';
import { addCalendarDays, nextMeetingInMinutes, proposeNextMeeting } from '../../functions/shared/domain/next-meeting';
import type { Cycle } from '../../functions/shared/domain/types';
import type { CoreDeps } from '../../functions/shared/ports';
import { demoBoard } from '../../local/seed';

const MINUTES = `Riverside Community Safety Board

Minutes of Meeting

Wednesday 20 January 2027, 10:00 Committee Room 1, Riverside Town Hall

Present

Alex Morgan\tChair

ITEM 1. Welcome and apologies

1.1 The Chair welcomed members.

Date of next meeting: Wednesday 9 June 2027, 14:00, Council Chamber
`;

/** The ports the cycle cores use, in memory: what was stored, started and scheduled can be read back. */
function fakes(start = '2027-02-01T10:00:00Z') {
  let now = new Date(start);
  const cycles = new Map<string, Cycle>();
  const schedules = new Map<string, { boardId: string; at: string }>();
  const started: string[] = [];
  const stopped: string[] = [];
  const board = demoBoard();
  const d = {
    clock: { now: () => now },
    boards: { getBoard: async (id: string) => (id === board.boardId ? board : undefined), listBoards: async () => [board] },
    cycles: {
      getCycle: async (_b: string, id: string) => structuredClone(cycles.get(id)),
      findCycle: async (id: string) => structuredClone(cycles.get(id)),
      createCycle: async (c: Cycle) => {
        if (cycles.has(c.cycleId)) throw new AlreadyExistsError(`Cycle ${c.cycleId} already exists.`);
        cycles.set(c.cycleId, structuredClone(c));
      },
      updateCycle: async (_b: string, id: string, change: (c: Cycle) => Partial<Cycle>) => {
        const current = cycles.get(id);
        if (!current) throw new NotFoundError(id);
        const next = JSON.parse(JSON.stringify({ ...current, ...change(structuredClone(current)), version: current.version + 1 })) as Cycle;
        cycles.set(id, next);
        return structuredClone(next);
      },
    },
    workflow: {
      start: async (name: string) => {
        if (started.includes(name)) throw Object.assign(new Error(`Execution ${name} already exists.`), { name: 'ExecutionAlreadyExists' });
        started.push(name);
        return `arn:aws:states:eu-west-2:1:execution:M:${name}`;
      },
      stop: async (arn: string) => void stopped.push(arn),
    },
    scheduler: {
      scheduleCycleStart: async (c: { boardId: string; cycleId: string }, at: Date) => {
        schedules.set(c.cycleId, { boardId: c.boardId, at: at.toISOString() });
        return { executionArn: `arn:aws:states:eu-west-2:1:execution:M:${c.cycleId}` };
      },
      cancelCycleStart: async (cycleId: string) => void schedules.delete(cycleId),
    },
  } as unknown as CoreDeps;
  const setNow = (iso: string) => (now = new Date(iso));
  return { d, cycles, schedules, started, stopped, setNow, board };
}

/** A previous cycle, its meeting held, as publish-minutes leaves it. */
function previous(f: ReturnType<typeof fakes>): Cycle {
  const cycle = {
    boardId: f.board.boardId,
    cycleId: 'demo-board-2027-01-20',
    meeting: { date: '2027-01-20', time: '10:00', venue: 'Committee Room 1' },
    timeline: {} as Cycle['timeline'],
    status: 'running',
    phase: 'FollowUpActions',
    createdAt: '2026-11-01T00:00:00Z',
    version: 3,
  } satisfies Cycle;
  f.cycles.set(cycle.cycleId, cycle);
  return cycle;
}

const confirm = (f: ReturnType<typeof fakes>, meetingDate = '2027-06-09', meetingTime = '14:00') =>
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

  it('previews the timeline, and says why a date cannot go ahead rather than throwing', () => {
    const board = demoBoard();
    const now = new Date('2027-02-01T10:00:00Z');
    expect(previewNextCycle(board, { date: '2027-06-09', time: '14:00' }, now)).toMatchObject({
      timeline: { agendaCall: '2027-05-11T08:00:00.000Z', meeting: '2027-06-09T13:00:00.000Z' },
      breaches: [],
    });
    expect(previewNextCycle(board, { date: '2027-02-10', time: '14:00' }, now).problem).toMatch(/has passed\. Choose a meeting on or after/);
    expect(previewNextCycle(board, { date: '2027-06-09', time: '25:00' }, now).problem).toContain('HH:MM');
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
    const f = fakes();
    previous(f);

    const { cycle, startedNow } = await confirm(f);

    expect(startedNow).toBe(false);
    expect(cycle).toMatchObject({
      cycleId: 'demo-board-2027-06-09',
      status: 'scheduled',
      previousCycleId: 'demo-board-2027-01-20',
      scheduledStart: { at: '2027-05-11T08:00:00.000Z', confirmedBy: 'grace' },
      executionArn: 'arn:aws:states:eu-west-2:1:execution:M:demo-board-2027-06-09',
    });
    expect(f.started).toEqual([]);
    expect([...f.schedules]).toEqual([['demo-board-2027-06-09', { boardId: 'demo-board', at: '2027-05-11T08:00:00.000Z' }]]);
    expect(f.cycles.get('demo-board-2027-01-20')?.nextCycle).toMatchObject({ cycleId: 'demo-board-2027-06-09', confirmedBy: 'grace' });
  });

  it('leaves one cycle and one schedule when confirmed twice, and refuses another date afterwards', async () => {
    const f = fakes();
    previous(f);

    await Promise.all([confirm(f), confirm(f)]);
    await confirm(f);

    expect([...f.cycles.keys()].sort()).toEqual(['demo-board-2027-01-20', 'demo-board-2027-06-09']);
    expect(f.schedules.size).toBe(1);
    await expect(confirm(f, '2027-06-16')).rejects.toThrow(AlreadyExistsError);
    expect(f.schedules.size).toBe(1);
  });

  it('starts the cycle at once when its agenda call is already due', async () => {
    const f = fakes('2027-05-11T07:59:30Z');
    previous(f);

    const { cycle, startedNow } = await confirm(f);

    expect(startedNow).toBe(true);
    expect(f.started).toEqual(['demo-board-2027-06-09']);
    expect(f.schedules.size).toBe(0);
    expect(cycle.scheduledStart).toBeUndefined();
    expect(cycle.executionArn).toContain(':execution:M:demo-board-2027-06-09');
  });

  it('refuses a date not after the previous meeting, and one whose timeline has passed, changing nothing', async () => {
    const f = fakes();
    previous(f);
    await expect(confirm(f, '2027-01-13')).rejects.toThrow(ValidationError);
    await expect(confirm(f, '2027-02-10')).rejects.toThrow('has passed');
    expect(f.cycles.size).toBe(1);
    expect(f.cycles.get('demo-board-2027-01-20')?.nextCycle).toBeUndefined();
  });
});

describe('a cycle waiting for its scheduled start', () => {
  it('cannot be started again by hand', async () => {
    const f = fakes();
    previous(f);
    await confirm(f);
    await expect(makeStartCycle(f.d)({ boardId: 'demo-board', meetingDate: '2027-06-09' })).rejects.toThrow(
      /already has a cycle for the meeting on 2027-06-09 .* starts by itself on Tuesday 11 May 2027, 09:00/,
    );
  });

  it('is cancelled with who and why, its schedule deleted; the date can then start afresh', async () => {
    const f = fakes();
    previous(f);
    await confirm(f);

    const { cycle } = await makeCancelCycle(f.d)({ cycleId: 'demo-board-2027-06-09', by: 'grace', reason: 'Merged with the June away day' });

    expect(cycle).toMatchObject({ status: 'cancelled', cancellation: { by: 'grace', reason: 'Merged with the June away day' } });
    expect(f.schedules.size).toBe(0);
    // Cancelling again changes nothing.
    await expect(makeCancelCycle(f.d)({ cycleId: 'demo-board-2027-06-09', by: 'someone' })).resolves.toMatchObject({
      cycle: { cancellation: { by: 'grace' } },
    });

    const restarted = await makeStartCycle(f.d)({ boardId: 'demo-board', meetingDate: '2027-06-09' });
    expect(restarted.cycle).toMatchObject({ status: 'scheduled', executionArn: expect.stringContaining('demo-board-2027-06-09') });
    expect(restarted.cycle.cancellation).toBeUndefined();
    expect(restarted.cycle.scheduledStart).toBeUndefined();
  });

  it('refuses to cancel a running cycle, saying how to stop it instead', async () => {
    const f = fakes();
    const running = previous(f);
    await expect(makeCancelCycle(f.d)({ cycleId: running.cycleId, by: 'grace' })).rejects.toThrow(
      /is running \(at FollowUpActions\): cancel only calls off a cycle that has not started\. To move its meeting use `cycle move`; to end it, stop its execution/,
    );
    await expect(makeCancelCycle(f.d)({ cycleId: 'nope', by: 'grace' })).rejects.toThrow('There is no cycle "nope".');
  });
});

import { boardPatchSchema, boardSettingsSchema, createBoard, defaultSettings, updateBoard } from '../../functions/admin/boards';
import { BOARD_LIMITS, DEFAULT_RULES } from '../../functions/shared/domain/board-defaults';
import { AlreadyExistsError, NotFoundError, StaleVersionError, ValidationError } from '../../functions/shared/domain/errors';
import { proposeNextMeeting } from '../../functions/shared/domain/next-meeting';
import { planBoardTimeline } from '../../functions/shared/domain/timeline';
import { loadWorkingCalendar } from '../../functions/shared/services/working-calendar';
import { fakeDeps, type FakeDeps } from '../support/fakes';
import { beforeNextCall } from './cores/scenario';

const stored = (d: FakeDeps) => d.boards.getBoard('finance');

const thrown = async (work: Promise<unknown>): Promise<Error> => {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
};

describe('the board settings schema', () => {
  it('accepts the defaults, which the planner accepts too', async () => {
    const settings = boardSettingsSchema.parse(defaultSettings('Finance Committee'));
    expect(settings.rules).toEqual({ ...DEFAULT_RULES, clearDayCount: 'working' });
    const calendar = await loadWorkingCalendar(settings.holidays);
    expect(() => planBoardTimeline(settings, calendar, { meetingDate: '2027-03-10', meetingTime: '10:00' }, new Date('2026-01-01T00:00:00Z'))).not.toThrow();
  });

  it.each([
    ['meetingEvery', { meetingEvery: { weeks: BOARD_LIMITS.meetingEveryWeeks.max } }, true],
    ['meetingEvery', { meetingEvery: { weeks: BOARD_LIMITS.meetingEveryWeeks.max + 1 } }, false],
    ['clearDays', { rules: { clearDays: BOARD_LIMITS.ruleDays.max } }, true],
    ['clearDays', { rules: { clearDays: 0 } }, false],
    ['quorum', { quorum: 1.5 }, false],
    ['beforeDueWorkingDays', { actionReminders: { beforeDueWorkingDays: 0 } }, true],
    ['digestWeekday', { actionReminders: { digestWeekday: 6 } }, false],
  ])('bounds %s by the same limits the domain uses (%j → %s)', (_field, patch, ok) => {
    expect(boardPatchSchema.safeParse(patch).success).toBe(ok);
  });

  it('agrees with the next-meeting proposal at the edge of the rhythm', () => {
    const weeks = BOARD_LIMITS.meetingEveryWeeks.max;
    expect(proposeNextMeeting(null, { meetingEvery: { weeks } }, { date: '2027-01-06', time: '10:00' })).toMatchObject({ source: 'board' });
    expect(proposeNextMeeting(null, { meetingEvery: { weeks: weeks + 1 } }, { date: '2027-01-06', time: '10:00' })).toBeUndefined();
  });

  it('refuses a setting it does not know', () => {
    expect(boardPatchSchema.safeParse({ colour: 'blue' }).success).toBe(false);
  });
});

describe('createBoard', () => {
  it('stores the defaults for what is not given, and only the opt-ins taken', async () => {
    const d = fakeDeps();
    const board = await createBoard(d, { boardId: 'finance', name: '  Finance Committee ', meetingEvery: { weeks: 6 }, publicAgenda: false });
    expect(board).toEqual({ boardId: 'finance', ...defaultSettings('Finance Committee'), meetingEvery: { weeks: 6 }, version: 1 });
    expect(await stored(d)).toEqual(board);
  });

  it('refuses a value out of range, naming the field and the range, and stores nothing', async () => {
    const d = fakeDeps();
    const error = await thrown(createBoard(d, { boardId: 'finance', name: 'Finance', meetingEvery: { weeks: 105 } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('The board settings are not valid: meetingEvery.weeks must be a whole number of weeks from 1 to 104, not 105.');
    expect(await d.boards.listBoards()).toEqual([]);
  });

  it('refuses rules whose milestones are out of order and a holiday region that does not exist', async () => {
    const d = fakeDeps();
    const error = (await thrown(
      createBoard(d, { boardId: 'finance', name: 'Finance', rules: { itemDeadlineDays: 30 }, holidays: { country: 'GB', state: 'XX' } }),
    )) as ValidationError;
    expect(error.issues).toEqual([expect.stringContaining('itemDeadlineDays: 30'), expect.stringContaining('"XX" is not a region of GB')]);
  });

  it('refuses an id that is not lower-case letters, digits and hyphens', async () => {
    const d = fakeDeps();
    expect((await thrown(createBoard(d, { boardId: 'Finance Committee', name: 'Finance' }))).message).toBe(
      'The board settings are not valid: boardId must be lower-case letters, digits and hyphens, up to 63 characters.',
    );
  });

  it('refuses a second board with the same id', async () => {
    const d = fakeDeps();
    await createBoard(d, { boardId: 'finance', name: 'Finance' });
    expect(await thrown(createBoard(d, { boardId: 'finance', name: 'Other' }))).toBeInstanceOf(AlreadyExistsError);
  });
});

describe('updateBoard', () => {
  const created = async () => {
    const d = fakeDeps();
    await createBoard(d, { boardId: 'finance', name: 'Finance', meetingEvery: { weeks: 6 }, actionReminders: { escalateAfterDays: 21 } });
    return { d };
  };

  it('applies a partial patch over the stored settings and lists what changed', async () => {
    const { d } = await created();
    const result = await updateBoard(d, 'finance', { quorum: 5, rules: { clearDays: 4 }, actionReminders: { digestWeekday: 3 } });
    expect(result.changes).toEqual([
      { field: 'quorum', from: 3, to: 5 },
      { field: 'rules.clearDays', from: 5, to: 4 },
      { field: 'actionReminders.digestWeekday', from: undefined, to: 3 },
    ]);
    expect(await stored(d)).toMatchObject({
      quorum: 5,
      rules: { ...DEFAULT_RULES, clearDays: 4 },
      actionReminders: { escalateAfterDays: 21, digestWeekday: 3 },
      version: 2,
    });
  });

  it('removes the rhythm with null and an opt-in with false', async () => {
    const { d } = await created();
    await updateBoard(d, 'finance', { publicAgenda: true });
    const result = await updateBoard(d, 'finance', { meetingEvery: null, publicAgenda: false });
    expect(result.changes.map((c) => c.field)).toEqual(['publicAgenda', 'meetingEvery.weeks']);
    const board = await stored(d);
    expect(board && 'meetingEvery' in board).toBe(false);
    expect(board && 'publicAgenda' in board).toBe(false);
  });

  it('writes nothing when nothing changes', async () => {
    const { d } = await created();
    expect((await updateBoard(d, 'finance', { quorum: 3 })).changes).toEqual([]);
    // Every write bumps the version: still the one createBoard wrote.
    expect((await stored(d))?.version).toBe(1);
  });

  it('leaves the board untouched on a value out of range, naming the field and the range', async () => {
    const { d } = await created();
    const before = await stored(d);
    const error = await thrown(updateBoard(d, 'finance', { quorum: 4, rules: { clearDays: 251 } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('rules.clearDays must be a whole number of working days from 1 to 250, not 251');
    expect(await stored(d)).toEqual(before);
  });

  it("refuses a follow-up that no cycle could fit in Step Functions' year, naming what would fit, and leaves the board untouched", async () => {
    const { d } = await created();
    const before = await stored(d);

    const error = await thrown(updateBoard(d, 'finance', { rules: { agendaCallDays: 150 }, actionReminders: { followUpMaxDays: 300 } }));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('Every cycle would run at least 515 days from its agenda call');
    expect(error.message).toContain('Step Functions runs an execution at most 365 days');
    expect(error.message).toContain('Shorten followUpMaxDays to at most 150');
    expect(await stored(d)).toEqual(before);
    await expect(updateBoard(d, 'finance', { rules: { agendaCallDays: 150 }, actionReminders: { followUpMaxDays: 150 } })).resolves.toBeDefined();
  });

  it('refuses an unknown board', async () => {
    const d = fakeDeps();
    const error = await thrown(updateBoard(d, 'nope', { quorum: 4 }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('There is no board "nope".');
  });

  it('refuses to overwrite a change someone else made after the board was read', async () => {
    const { d } = await created();
    beforeNextCall(d.boards, 'putBoard', async () => {
      const board = (await stored(d))!;
      return d.boards.putBoard({ ...board, name: 'Renamed meanwhile' }, board.version);
    });
    const error = await thrown(updateBoard(d, 'finance', { quorum: 6 }));
    expect(error).toBeInstanceOf(StaleVersionError);
    expect(error.message).toContain('was changed by someone else');
    expect(await stored(d)).toMatchObject({ name: 'Renamed meanwhile', quorum: 3, version: 2 });
  });
});

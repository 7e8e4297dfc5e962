import { makeStartCycle } from '../../functions/admin/start-cycle';
import { TimelineError, ValidationError } from '../../functions/shared/domain/errors';
import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(180_000);
// Monday 2 November 2026, 09:00: the usual lead time (the agenda call 20 working days ahead) has passed for 20 November.
const cloud = useLocalCloud({ clockStart: '2026-11-02T09:00:00Z' });
const MEETING = '2026-11-20';
const REASON = 'The chief executive has resigned: the board must appoint an interim before the end of the month.';
const secretariat = { kind: 'secretariat', name: 'Sam Clerk', email: 'clerk@example.org' } as const;

const kind = (k: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === k);
const start = (input: Record<string, unknown>) => makeStartCycle(cloud().deps, secretariat)({ boardId: DEMO_BOARD_ID, ...input } as never);
const refusal = async (input: Record<string, unknown>): Promise<Error> =>
  start(input).then(
    () => new Error('it started'),
    (e: Error) => e,
  );

describe('an extraordinary meeting at short notice', () => {
  it('is refused, with nothing stored or sent, without a reason, for a date past, or with no time left for the agenda call', async () => {
    const usual = await refusal({ meetingDate: MEETING });
    expect(usual).toBeInstanceOf(TimelineError);
    expect(usual.message).toContain('has passed');

    const noReason = await refusal({ meetingDate: MEETING, extraordinary: true });
    expect(noReason).toBeInstanceOf(ValidationError);
    expect(noReason.message).toContain('give the reason for calling an extraordinary meeting');
    expect(await refusal({ meetingDate: MEETING, extraordinary: true, extraordinaryReason: 'urgent' })).toBeInstanceOf(ValidationError);

    const past = await refusal({ meetingDate: '2026-10-28', extraordinary: true, extraordinaryReason: REASON });
    expect(past).toBeInstanceOf(TimelineError);
    expect(past.message).toContain('which has passed');

    const noTime = await refusal({
      meetingDate: '2026-11-05',
      extraordinary: true,
      extraordinaryReason: REASON,
      overrideReason: 'Members agreed to short notice.',
    });
    expect(noTime).toBeInstanceOf(TimelineError);
    expect(noTime.message).toContain('leaves no time for the agenda call');

    // Three working days are enough for the agenda call, but not for the notice rule, unless it is overridden too.
    const notice = await refusal({ meetingDate: '2026-11-09', extraordinary: true, extraordinaryReason: REASON });
    expect(notice.message).toContain('LGA 1972 s100B');

    expect(await cloud().deps.cycles.listCycles(DEMO_BOARD_ID)).toEqual([]);
    expect(cloud().mail.emails()).toEqual([]);
  });

  describe('run to the end', () => {
    let result: DriveResult;
    beforeAll(async () => {
      result = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: MEETING, extraordinary: REASON, changeRounds: 0 });
    });

    it('records the reason on the cycle, squeezes the timeline into the days left and keeps the notice rule', () => {
      const { cycle } = result;
      expect(cycle.extraordinary).toMatchObject({ reason: REASON, compressed: ['agendaCall', 'itemDeadline', 'paperReminder', 'paperDeadline'] });
      expect(cycle.timeline.agendaCall).toBe('2026-11-02T09:00:00.000Z');
      expect(cycle.timeline.itemDeadline).toBe('2026-11-05T17:00:00.000Z');
      expect(cycle.timeline.circulation).toBe('2026-11-12T09:00:00.000Z');
      expect(cycle.noticeOverride).toBeUndefined();
      expect(result.status).toBe('SUCCEEDED');
    });

    it('sends the agenda call at once and prints "Extraordinary meeting" with the reason on the agenda', () => {
      const calls = kind('agenda-call');
      expect(calls).toHaveLength(9);
      // Sent on the day the cycle started, not three weeks before the meeting (which had passed).
      expect(calls.every((e) => e.at.startsWith('2026-11-02T09:'))).toBe(true);
      const circulation = kind('circulation').find((e) => !e.subject.startsWith('Supplementary'));
      expect(circulation?.text).toContain('Extraordinary meeting');
      expect(circulation?.text).toContain(`Called at short notice: ${REASON}`);
    });

    it('writes the call in the audit trail', async () => {
      const audit = await cloud().deps.audit.list(DEMO_BOARD_ID);
      const called = audit.filter((e) => e.what.type === 'extraordinary-meeting');
      expect(called).toHaveLength(1);
      // driveCycle starts it as an operator with the CLI would, unnamed.
      expect(called[0]).toMatchObject({ who: { kind: 'admin' }, what: { meetingDate: MEETING, reason: REASON }, cycleId: result.cycle.cycleId });
      expect(result.cycle.extraordinary?.by).toBe('an operator');
    });
  });
});

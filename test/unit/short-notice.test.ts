import { DEFAULT_RULES } from '../../functions/shared/domain/board-defaults';
import Holidays from 'date-holidays';
import { utcToZonedDate, utcToZonedTime } from '../../functions/shared/domain/calendar';
import { workingCalendarOf } from '../../functions/shared/domain/working-calendar';
import { TimelineError, ValidationError } from '../../functions/shared/domain/errors';
import { MIN_SHORT_NOTICE_DAYS, planShortNoticeTimeline } from '../../functions/shared/domain/short-notice';
import { planTimeline, type PlanTimelineInput } from '../../functions/shared/domain/timeline';
import { MILESTONES, type Timeline } from '../../functions/shared/domain/types';

const LONDON = 'Europe/London';
// Monday 2 November 2026, 09:00 in London (GMT).
const NOW = new Date('2026-11-02T09:00:00.000Z');

function input(overrides: Partial<PlanTimelineInput> = {}): PlanTimelineInput {
  return {
    meetingDate: '2026-11-20',
    meetingTime: '10:00',
    timeZone: LONDON,
    calendar: workingCalendarOf(Holidays, { country: 'GB', state: 'ENG' }),
    rules: DEFAULT_RULES,
    now: NOW,
    ...overrides,
  };
}

const local = (timeline: Timeline, key: keyof Timeline) => `${utcToZonedDate(timeline[key], LONDON)} ${utcToZonedTime(timeline[key], LONDON)}`;

describe('planShortNoticeTimeline', () => {
  it('squeezes the milestones that passed into the working days left, keeping the notice rule', () => {
    // The usual plan would have had the agenda call on Friday 23 October: passed.
    expect(() => planTimeline(input())).toThrow(TimelineError);
    const { timeline, breaches, compressed } = planShortNoticeTimeline(input());

    expect(timeline.agendaCall).toBe(NOW.toISOString());
    expect(local(timeline, 'itemDeadline')).toBe('2026-11-05 17:00');
    expect(local(timeline, 'paperReminder')).toBe('2026-11-10 09:00');
    expect(local(timeline, 'paperDeadline')).toBe('2026-11-11 17:00');
    // The latest day that leaves 5 clear working days before Friday 20 November.
    expect(local(timeline, 'circulation')).toBe('2026-11-12 09:00');
    expect(local(timeline, 'meeting')).toBe('2026-11-20 10:00');
    expect(breaches).toEqual([]);
    expect(compressed).toEqual(['agendaCall', 'itemDeadline', 'paperReminder', 'paperDeadline']);
    const order = MILESTONES.map((k) => Date.parse(timeline[k]));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('keeps the usual plan when it still fits', () => {
    const meeting = input({ meetingDate: '2027-01-20' });
    expect(planShortNoticeTimeline(meeting)).toEqual({ ...planTimeline(meeting), compressed: [] });
  });

  it('circulates as early as it can when no day keeps the notice rule, and returns the breach to override', () => {
    const { timeline, breaches } = planShortNoticeTimeline(input({ meetingDate: '2026-11-09' }));
    expect(local(timeline, 'itemDeadline')).toBe('2026-11-03 17:00');
    expect(local(timeline, 'paperDeadline')).toBe('2026-11-04 17:00');
    expect(local(timeline, 'circulation')).toBe('2026-11-05 09:00');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]?.message).toContain('LGA 1972 s100B');
  });

  it('refuses a meeting that leaves no time for the agenda call, naming the earliest that works', () => {
    const error = (() => {
      try {
        planShortNoticeTimeline(input({ meetingDate: '2026-11-05' }));
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a refusal');
    })();
    expect(error).toBeInstanceOf(TimelineError);
    expect(error.message).toContain('leaves no time for the agenda call');
    // Three working days from Monday: circulation on Thursday at the earliest, so Friday's meeting is the first possible.
    expect(error.message).toContain('Friday 6 November 2026 if the notice rule is overridden');
    expect(MIN_SHORT_NOTICE_DAYS).toBe(3);
  });

  it('refuses a meeting in the past, and malformed input as the usual planner does', () => {
    expect(() => planShortNoticeTimeline(input({ meetingDate: '2026-10-30' }))).toThrow('which has passed');
    expect(() => planShortNoticeTimeline(input({ meetingDate: '2026-11-31' }))).toThrow(ValidationError);
  });
});

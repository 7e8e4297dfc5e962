import { DEFAULT_RULES } from '../../functions/shared/domain/board-defaults';
import { DAY_MS } from '../../functions/shared/domain/calendar';
import { TimelineError } from '../../functions/shared/domain/errors';
import {
  EXECUTION_MARGIN_DAYS,
  EXECUTION_MAX_DAYS,
  executionLimitIssues,
  executionSpan,
  executionStartedAt,
  followUpOutlastsExecution,
  refuseOverlongExecution,
  type ExecutionStart,
} from '../../functions/shared/domain/execution-limit';

const ZONE = 'Europe/London';
const at = (iso: string): Date => new Date(iso);
const days = (n: number): number => n * DAY_MS;
/** A timeline whose minutes are approved 14 days after the meeting. */
const timeline = (agendaCall: string, meeting: string) => ({
  agendaCall,
  meeting,
  chairApprovalDue: new Date(Date.parse(meeting) + days(14)).toISOString(),
});
const refusal = (run: () => void): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TimelineError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};
const suggested = (message: string, pattern: RegExp): string => pattern.exec(message)?.[1] ?? '';

describe('executionSpan', () => {
  it('runs from the start to followUpMaxDays after the meeting, with days in hand', () => {
    const plan = timeline('2027-01-04T09:00:00.000Z', '2027-03-10T15:30:00.000Z');

    const span = executionSpan(at('2027-01-04T09:00:00.000Z'), plan, 200);

    expect(span.endsBy.toISOString()).toBe(new Date(Date.parse(plan.meeting) + days(200 + EXECUTION_MARGIN_DAYS)).toISOString());
    expect(span.days).toBe(Math.ceil((span.endsBy.getTime() - Date.parse('2027-01-04T09:00:00.000Z')) / DAY_MS));
  });

  it('runs at least to the approval of the minutes, when that comes after the follow-up would end', () => {
    const plan = timeline('2027-01-04T09:00:00.000Z', '2027-03-10T15:30:00.000Z');

    expect(executionSpan(at(plan.agendaCall), plan, 1).endsBy.getTime()).toBe(Date.parse(plan.chairApprovalDue) + days(EXECUTION_MARGIN_DAYS));
  });
});

describe('refuseOverlongExecution', () => {
  const plan = timeline('2027-06-01T08:00:00.000Z', '2027-07-01T09:00:00.000Z');
  const check =
    (start: ExecutionStart, followUpMaxDays: number, t = plan) =>
    () =>
      refuseOverlongExecution({ start, timeline: t, followUpMaxDays, timeZone: ZONE });

  it('accepts an execution that ends within the limit, up to its last day', () => {
    const longest = EXECUTION_MAX_DAYS - EXECUTION_MARGIN_DAYS;
    const start = { at: new Date(Date.parse(plan.meeting) - days(100)), from: 'now' as const };

    expect(check(start, longest - 100)).not.toThrow();
    expect(check(start, longest - 99)).toThrow(TimelineError);
  });

  it('names the days, the limit and a followUpMaxDays that fits, which then does', () => {
    const start = { at: new Date(Date.parse(plan.meeting) - days(100)), from: 'now' as const };

    const message = refusal(check(start, 300));

    expect(message).toContain(`The cycle would run ${100 + 300 + EXECUTION_MARGIN_DAYS} days from now to the end of its action follow-up`);
    expect(message).toContain('300 days after the meeting on Thursday 1 July 2027');
    expect(message).toContain(`Step Functions runs an execution at most ${EXECUTION_MAX_DAYS} days`);
    const fits = Number(suggested(message, /followUpMaxDays to at most (\d+)/));
    expect(fits).toBe(EXECUTION_MAX_DAYS - EXECUTION_MARGIN_DAYS - 100);
    expect(check(start, fits)).not.toThrow();
  });

  it('suggests starting later a cycle started long before its meeting, on a day that fits', () => {
    const far = timeline('2028-05-02T08:00:00.000Z', '2028-06-01T09:00:00.000Z');
    const start = { at: at('2027-06-01T08:00:00.000Z'), from: 'now' as const };

    const message = refusal(check(start, 200, far));

    expect(message).not.toContain('followUpMaxDays to at most');
    const day = suggested(message, /start the cycle on or after \w+ (\d+ \w+ \d{4})/i);
    expect(day).toBe('27 December 2027');
    expect(check({ at: new Date(`${day} 00:00 UTC`), from: 'now' }, 200, far)).not.toThrow();
  });

  it('suggests an agenda call nearer the meeting for a cycle that starts itself', () => {
    const long = timeline('2026-08-03T08:00:00.000Z', '2027-07-01T09:00:00.000Z');

    const message = refusal(check({ at: at(long.agendaCall), from: 'agenda-call' }, 200, long));

    expect(message).toMatch(/from its agenda call on Monday 3 August 2026/);
    expect(message).toContain("call the agenda nearer the meeting (the board's agendaCallDays)");
  });

  it('suggests an earlier meeting for a running cycle moved far ahead, which then fits', () => {
    const now = at('2027-01-04T09:00:00.000Z');
    const moved = timeline('2026-12-01T08:00:00.000Z', '2027-12-01T10:00:00.000Z');

    const message = refusal(check({ at: now, from: 'move' }, 200, moved));

    expect(message).not.toContain('start the cycle');
    const day = suggested(message, /move the meeting to \w+ (\d+ \w+ \d{4}) or earlier/);
    const meeting = new Date(`${day} 10:00 UTC`).toISOString();
    expect(check({ at: now, from: 'move' }, 200, timeline(moved.agendaCall, meeting))).not.toThrow();
  });
});

describe('executionLimitIssues', () => {
  it('has nothing to say about the default rules and follow-up', () => {
    expect(executionLimitIssues(DEFAULT_RULES, 200)).toEqual([]);
  });

  it('refuses settings no cycle could fit in one execution, naming a followUpMaxDays that fits', () => {
    const rules = { ...DEFAULT_RULES, agendaCallDays: 150 };

    const [issue] = executionLimitIssues(rules, 300);

    // 150 working days are at least 150 + 2 × 29 = 208 calendar days.
    expect(issue).toContain(`Every cycle would run at least ${208 + 300 + EXECUTION_MARGIN_DAYS} days from its agenda call`);
    expect(issue).toContain('at least 208 days before the meeting');
    const fits = Number(suggested(issue ?? '', /followUpMaxDays to at most (\d+)/));
    expect(fits).toBe(EXECUTION_MAX_DAYS - EXECUTION_MARGIN_DAYS - 208);
    expect(executionLimitIssues(rules, fits)).toEqual([]);
    expect(executionLimitIssues(rules, fits + 1)).toHaveLength(1);
  });
});

describe('the follow-up near the limit', () => {
  it('dates the execution from its latest start: the record, its scheduled start, or its last move', () => {
    const created = '2027-01-04T09:00:00.000Z';
    expect(executionStartedAt({ createdAt: created })).toEqual(at(created));
    expect(executionStartedAt({ createdAt: created, scheduledStart: { at: '2027-02-01T09:00:00.000Z', confirmedBy: 's', confirmedAt: created } })).toEqual(
      at('2027-02-01T09:00:00.000Z'),
    );
    const moves = [
      { from: 'a', to: 'b', at: '2027-01-10T09:00:00.000Z' },
      { from: 'b', to: 'c', at: '2027-03-01T12:00:00.000Z' },
    ];
    expect(executionStartedAt({ createdAt: created, moves })).toEqual(at('2027-03-01T12:00:00.000Z'));
  });

  it('closes when the next run would come within a day of the year, and not before', () => {
    const started = at('2027-01-04T09:00:00.000Z');
    const lastSafe = new Date(started.getTime() + days(EXECUTION_MAX_DAYS - 1)).toISOString();

    expect(followUpOutlastsExecution(started, lastSafe)).toBe(false);
    expect(followUpOutlastsExecution(started, new Date(Date.parse(lastSafe) + 60_000).toISOString())).toBe(true);
  });
});

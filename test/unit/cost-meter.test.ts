import {
  PRICES,
  costLine,
  costOf,
  emptyUsage,
  gbSeconds,
  memoryOf,
  readUnits,
  s3RequestClass,
  transitionsByState,
  transitionsOf,
  writeUnits,
  type HistoryEvent,
} from '../../functions/shared/domain/cost';
import { taskRunsOf, type TimedHistoryEvent } from '../../functions/shared/domain/cost-history';
import { LocalMeter } from '../../local/metering/local-meter';

/**
 * A small execution as AWS's GetExecutionHistory gives it, counted by hand: PlanTimeline fails once and
 * is retried (2 transitions, 2 invocations, 100 + 250 ms), a Wait (1), SendAgendaCall through
 * lambda:invoke.waitForTaskToken (1 transition, 1 invocation of 300 ms; the callback 5 s later costs no
 * Lambda time), a Choice (1), Succeed (1): 6 transitions, 3 invocations.
 */
const AWS_HISTORY: TimedHistoryEvent[] = [
  { type: 'ExecutionStarted', at: 0 },
  { type: 'TaskStateEntered', state: 'PlanTimeline', at: 0 },
  { type: 'LambdaFunctionScheduled', at: 1 },
  { type: 'LambdaFunctionStarted', at: 10 },
  { type: 'LambdaFunctionFailed', at: 110 },
  { type: 'LambdaFunctionScheduled', at: 1_000 },
  { type: 'LambdaFunctionStarted', at: 1_010 },
  { type: 'LambdaFunctionSucceeded', at: 1_260 },
  { type: 'TaskStateExited', state: 'PlanTimeline', at: 1_260 },
  { type: 'WaitStateEntered', state: 'WaitForAgendaCall', at: 1_261 },
  { type: 'WaitStateExited', state: 'WaitForAgendaCall', at: 9_000 },
  { type: 'TaskStateEntered', state: 'SendAgendaCall', at: 9_001 },
  { type: 'TaskScheduled', at: 9_002 },
  { type: 'TaskStarted', at: 9_010 },
  { type: 'TaskSubmitted', at: 9_310 },
  { type: 'TaskSucceeded', at: 14_310 },
  { type: 'TaskStateExited', state: 'SendAgendaCall', at: 14_310 },
  { type: 'ChoiceStateEntered', state: 'IsDone', at: 14_311 },
  { type: 'ChoiceStateExited', state: 'IsDone', at: 14_311 },
  { type: 'SucceedStateEntered', state: 'Done', at: 14_312 },
  { type: 'SucceedStateExited', state: 'Done', at: 14_312 },
  { type: 'ExecutionSucceeded', at: 14_312 },
];

/** The same execution as the local runner records it: one event type per kind, retries named. */
const LOCAL_HISTORY: HistoryEvent[] = [
  { type: 'ExecutionStarted' },
  { type: 'StateEntered', state: 'PlanTimeline' },
  { type: 'StateFailed', state: 'PlanTimeline' },
  { type: 'StateRetried', state: 'PlanTimeline' },
  { type: 'StateExited', state: 'PlanTimeline' },
  { type: 'StateEntered', state: 'WaitForAgendaCall' },
  { type: 'StateExited', state: 'WaitForAgendaCall' },
  { type: 'StateEntered', state: 'SendAgendaCall' },
  { type: 'StateExited', state: 'SendAgendaCall' },
  { type: 'StateEntered', state: 'IsDone' },
  { type: 'StateExited', state: 'IsDone' },
  { type: 'StateEntered', state: 'Done' },
  { type: 'ExecutionSucceeded' },
];

const TASKS = new Set(['PlanTimeline', 'SendAgendaCall']);

describe('state transitions, as Standard workflows bill them', () => {
  it('counts each state entered and each retry, from AWS’s history', () => {
    expect(transitionsOf(AWS_HISTORY)).toBe(6);
    expect(Object.fromEntries(transitionsByState(AWS_HISTORY))).toEqual({ PlanTimeline: 2, WaitForAgendaCall: 1, SendAgendaCall: 1, IsDone: 1, Done: 1 });
  });

  it('counts the same from the local runner’s history', () => {
    expect(transitionsOf(LOCAL_HISTORY)).toBe(6);
    expect(transitionsByState(LOCAL_HISTORY).get('PlanTimeline')).toBe(2);
  });

  it('does not count execution events, exits or a task’s own Lambda events', () => {
    expect(
      transitionsOf([{ type: 'ExecutionStarted' }, { type: 'LambdaFunctionScheduled' }, { type: 'TaskStateExited' }, { type: 'ExecutionSucceeded' }]),
    ).toBe(0);
  });
});

describe('Lambda invocations and duration from a history', () => {
  it('counts one invocation per task entry and retry, timed from start to result (not to the callback)', () => {
    const runs = taskRunsOf(AWS_HISTORY, (s) => TASKS.has(s));
    expect(Object.fromEntries(runs)).toEqual({
      PlanTimeline: { runs: 2, timedRuns: 2, timedMs: 350 },
      SendAgendaCall: { runs: 1, timedRuns: 1, timedMs: 300 },
    });
  });

  it('counts invocations but no durations where the history has only state events', () => {
    const runs = taskRunsOf(
      LOCAL_HISTORY.map((e) => ({ ...e, at: 0 })),
      (s) => TASKS.has(s),
    );
    expect([...runs.values()].map((r) => [r.runs, r.timedRuns])).toEqual([
      [2, 0],
      [1, 0],
    ]);
  });

  it('bills GB-seconds as milliseconds rounded up times the configured memory', () => {
    expect(gbSeconds(250.2, 512)).toBeCloseTo(0.1255, 10);
    expect(gbSeconds(1000, 1024)).toBe(1);
    expect(memoryOf({ dir: 'x' })).toBe(512);
    expect(memoryOf({ dir: 'x', memoryMB: 256 })).toBe(256);
  });
});

describe('DynamoDB and S3 units', () => {
  it('bills writes per KB begun and reads per 4 KB, eventually consistent at half, transactions double', () => {
    expect([writeUnits(100), writeUnits(1024), writeUnits(1025), writeUnits(3000, { transactional: true })]).toEqual([1, 1, 2, 6]);
    expect([readUnits(100), readUnits(100, { consistent: true }), readUnits(8193, { consistent: true }), readUnits(5000, { transactional: true })]).toEqual([
      0.5, 1, 3, 4,
    ]);
  });

  it('prices PUT, POST and LIST apart from GET, and DELETE not at all', () => {
    expect(['PUT', 'POST', 'GET', 'HEAD', 'DELETE'].map((m) => s3RequestClass(m, 'papers/a.pdf'))).toEqual(['write', 'write', 'read', 'read', 'free']);
    expect(s3RequestClass('GET', '')).toBe('write');
  });
});

describe('the local meter', () => {
  it('counts invocations and emails per cycle and source, and keeps the harness’s own calls out', async () => {
    const meter = new LocalMeter(() => 'cycle-b');
    const tag = { cycle: 'cycle-a', source: 'send-agenda-call', state: 'SendAgendaCall' };
    await meter.invoke(tag, 512, async () => meter.add(tag, { emails: 20 }));
    await meter.invoke(tag, 512, async () => undefined);
    meter.add(meter.tagOf(undefined, 'people'), { s3WriteRequests: 1 });
    meter.add(meter.tagOf(undefined, 'harness'), { ddbReadUnits: 7 });
    meter.add(meter.tagOf(encodeURIComponent(JSON.stringify(tag)), 'harness'), { ddbWriteUnits: 3 });

    const [line, ...others] = meter.linesFor('cycle-a');
    expect(others).toEqual([]);
    expect(line?.usage).toMatchObject({ lambdaRequests: 2, emails: 20, ddbWriteUnits: 3 });
    expect(meter.linesFor('cycle-b').map((l) => [l.tag.source, l.usage.s3WriteRequests])).toEqual([['people', 1]]);
    expect(meter.harness().ddbReadUnits).toBe(7);
  });
});

describe('the price of a cycle', () => {
  it('prices each meter at the table’s list price', () => {
    const usage = { transitions: 6, lambdaRequests: 3, lambdaGbSeconds: 0.325, emails: 20 };
    const { byMeter, total } = costOf(usage);
    expect(byMeter.transitions).toBeCloseTo(0.00015, 12);
    expect(byMeter.emails).toBeCloseTo(0.002, 12);
    expect(total).toBeCloseTo(0.00015 + 0.0000006 + 0.325 * 0.0000133334 + 0.002, 12);
    expect(PRICES.region).toBe('eu-west-2');
  });

  it('prints the bench’s summary line', () => {
    const line = costLine(20, { ...emptyUsage(), transitions: 6, lambdaRequests: 3, lambdaGbSeconds: 0.325, emails: 20, s3ReadRequests: 2 });
    expect(line).toBe('cost: members=20 transitions=6 invocations=3 gb-s=0.3 emails=20 ddb-wru=0 ddb-rru=0 s3-requests=2 total=$0.0022');
  });
});

import { makeResumeCycle, type ResumeCycleResult } from '../../functions/admin/resume-cycle';
import { ThrottledError } from '../../functions/shared/domain/errors';
import type { Cycle } from '../../functions/shared/domain/types';
import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import type { LocalExecution } from '../../local/runtime/local-step-functions';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/**
 * PublishMinutes, as the local cloud loads it, does all its work and then reports throttling while
 * `publish.fails` is set: a task that dies after its side effects, on every retry.
 */
const publish = { fails: true, invocations: 0 };
jest.mock('../../functions/publish-minutes/handler', () => {
  const actual = jest.requireActual<{ handler: Handler }>('../../functions/publish-minutes/handler');
  return {
    handler: async (event: unknown, context: unknown) => {
      publish.invocations += 1;
      const result = await actual.handler(event, context);
      if (publish.fails) throw new ThrottledError('Rate exceeded (injected after the work was done).');
      return result;
    },
  };
});

jest.setTimeout(180_000);
const cloud = useLocalCloud();

/** Emails sent so far, counted per recipient and kind. */
const sentCounts = (): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const e of cloud().mail.emails()) for (const to of e.to) counts.set(`${to} ${e.kind}`, (counts.get(`${to} ${e.kind}`) ?? 0) + 1);
  return counts;
};
const entered = (execution: LocalExecution | undefined): string[] =>
  (execution?.events ?? []).filter((e) => e.type === 'StateEntered').map((e) => e.state ?? '');

let failedRun: DriveResult;
let failedCycle: Cycle;
let beforeResume: Map<string, number>;
let attemptsBeforeFailure: number;
let resumed: ResumeCycleResult;
let resumedExecution: LocalExecution | undefined;

beforeAll(async () => {
  failedRun = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', changeRounds: 0 });
  failedCycle = (await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, failedRun.cycle.cycleId)) ?? failedRun.cycle;
  beforeResume = sentCounts();
  attemptsBeforeFailure = publish.invocations;

  publish.fails = false;
  resumed = await makeResumeCycle(cloud().deps)({ cycleId: failedCycle.cycleId, by: 'Sam Secretary', reason: 'The throttling has passed.' });
  for (let guard = 0; guard < 300; guard++) {
    await cloud().sfn.settle();
    resumedExecution = cloud().sfn.describe(resumed.cycle.executionArn ?? '');
    if (resumedExecution?.status !== 'RUNNING') break;
    if (!(await cloud().sfn.advanceToNext())) throw new Error(`The resumed cycle is stuck in ${resumedExecution.currentState}.`);
  }
});

describe('a cycle that failed after the meeting, resumed', () => {
  it('retried the throttled task before giving up, then recorded the failure and told the secretariat', () => {
    expect(failedRun.status).toBe('FAILED');
    // The first attempt and the Retry's four: ThrottledError is retried by its own name.
    expect(attemptsBeforeFailure).toBe(5);
    expect(failedRun.statesVisited.slice(-2)).toEqual(['RecordFailure', 'CycleFailed']);
    expect(failedCycle).toMatchObject({ status: 'failed', phase: 'PublishMinutes', failure: { error: 'ThrottledError' } });
    expect(beforeResume.get('secretariat@example.org cycle-failed')).toBe(1);
  });

  it('runs again from the phase that failed, to the end', () => {
    expect(resumed).toMatchObject({ failedIn: 'PublishMinutes', resumedAt: 'PublishMinutes', executionName: `${failedCycle.cycleId}-r1` });
    expect(resumedExecution?.status).toBe('SUCCEEDED');
    expect(entered(resumedExecution).slice(0, 5)).toEqual(['StartOrResume', 'ReplanTimeline', 'ResumeAt', 'PublishMinutes', 'NotifyActionOwners']);
    expect(entered(resumedExecution)).toContain('CloseCycle');
  });

  it('sends nothing twice: every email sent before the resume went to each person as many times as before', async () => {
    const after = sentCounts();
    const repeated = [...beforeResume].filter(([key, count]) => after.get(key) !== count).map(([key, count]) => `${key}: ${count} → ${after.get(key)}`);
    expect(repeated).toEqual([]);
    const members = await cloud().deps.boards.listMembers(DEMO_BOARD_ID);
    expect(
      cloud()
        .mail.emails()
        .filter((e) => e.kind === 'minutes-published'),
    ).toHaveLength(members.length);
    // What had not gone out yet went after the resume.
    expect([...after.keys()].filter((key) => key.endsWith(' action-update-request')).length).toBeGreaterThan(0);
  });

  it('tells the secretariat who resumed it and why, and records it on the cycle', async () => {
    const told = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'cycle-resumed');
    expect(told.map((e) => e.to)).toEqual([['secretariat@example.org']]);
    expect(told[0]?.text).toContain('The throttling has passed.');
    const cycle = await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, failedCycle.cycleId);
    expect(cycle).toMatchObject({ status: 'completed', resumes: [{ failedIn: 'PublishMinutes', by: 'Sam Secretary', failure: { error: 'ThrottledError' } }] });
    expect(cycle?.failure).toBeUndefined();
  });
});

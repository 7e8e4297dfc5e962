import { makeResumeCycle } from '../../../functions/admin/resume-cycle';
import { makeRecordFailure } from '../../../functions/record-failure/record-failure';
import { NotFoundError, ValidationError } from '../../../functions/shared/domain/errors';
import type { Cycle } from '../../../functions/shared/domain/types';
import { NOW, people, recipients, saveMinutes, scenario } from './scenario';

const OLD_ARN = 'arn:aws:states:eu-west-2:123456789012:execution:meeting-cycle:c';
const FAILURE = { error: 'ServiceUnavailableError', cause: 'DynamoDB did not answer.', at: '2027-01-04T08:00:00.000Z' };

/** Cycle "c" as RecordFailure leaves it, failed in `phase`. */
const failedIn = (phase: string, extra: Partial<Cycle> = {}) =>
  scenario({ cycle: { status: 'failed', phase, failure: FAILURE, executionArn: OLD_ARN, ...extra } });

describe('resuming a failed cycle', () => {
  it('starts a new execution at the phase that failed, marks the cycle running with who and why, and tells the secretariat', async () => {
    const { d } = await failedIn('CirculatePapers');

    const result = await makeResumeCycle(d)({ cycleId: 'c', by: 'Sam Secretary', reason: 'DynamoDB is back.' });

    expect(result).toMatchObject({ failedIn: 'CirculatePapers', resumedAt: 'CirculatePapers', executionName: 'c-r1' });
    expect(d.workflow.started).toEqual([expect.objectContaining({ name: 'c-r1', input: { boardId: 'b', cycleId: 'c', resumeFrom: 'CirculatePapers' } })]);
    const stored = await d.cycles.getCycle('b', 'c');
    expect(stored).toMatchObject({ status: 'running', executionArn: d.workflow.started[0]!.executionArn });
    expect(stored?.failure).toBeUndefined();
    expect(stored?.resumes).toEqual([
      { failure: FAILURE, failedIn: 'CirculatePapers', resumedAt: 'CirculatePapers', by: 'Sam Secretary', reason: 'DynamoDB is back.', at: NOW },
    ]);
    const [email, ...others] = d.emails('cycle-resumed');
    expect(others).toEqual([]);
    expect(recipients([email!])).toEqual([people.secretariat.email]);
    expect(email!.subject).toBe('Resumed: the Riverside Safety Board cycle for Wednesday 10 March runs again from sending the papers to members');
    expect(email!.text).toContain('Sam Secretary');
    expect(email!.text).toContain('DynamoDB is back.');
    expect(email!.text).toContain('ServiceUnavailableError');
  });

  it('resumes a chase at its callback', async () => {
    const { d } = await failedIn('ChaseAgendaConfirmation');
    expect(await makeResumeCycle(d)({ cycleId: 'c', by: 'sam' })).toMatchObject({ resumedAt: 'WaitForAgendaConfirmation' });
  });

  it('gives a phase after the meeting the minutes version, or the approval, that it reads', async () => {
    const { d } = await failedIn('ExtractActions');
    await saveMinutes(d, 'Minutes v1', { status: 'changes-requested' });
    await saveMinutes(d, 'Minutes v2');
    await makeResumeCycle(d)({ cycleId: 'c', by: 'sam' });
    expect(d.workflow.started[0]?.input).toEqual({ boardId: 'b', cycleId: 'c', resumeFrom: 'ExtractActions', minutes: { version: 2 } });

    const published = await failedIn('PublishMinutes');
    await saveMinutes(published.d, 'Minutes v1', { status: 'approved' });
    await makeResumeCycle(published.d)({ cycleId: 'c', by: 'sam' });
    expect(published.d.workflow.started[0]?.input).toEqual({
      boardId: 'b',
      cycleId: 'c',
      resumeFrom: 'PublishMinutes',
      approval: { decision: 'approved', version: 1 },
    });
  });

  it('refuses to publish minutes that are not approved, changing nothing', async () => {
    const { d } = await failedIn('PublishMinutes');
    await saveMinutes(d, 'Minutes v1');
    await expect(makeResumeCycle(d)({ cycleId: 'c', by: 'sam' })).rejects.toThrow('not approved');
    expect(await d.cycles.getCycle('b', 'c')).toMatchObject({ status: 'failed', failure: FAILURE });
    expect(d.workflow.started).toEqual([]);
  });

  it('refuses a cycle that is not failed, or does not exist, changing nothing', async () => {
    const { d } = await scenario({ cycle: { phase: 'RequestPapers' } });
    await expect(makeResumeCycle(d)({ cycleId: 'c', by: 'sam' })).rejects.toThrow('is running (at RequestPapers), not failed');
    await d.cycles.updateCycle('b', 'c', () => ({ status: 'completed' }));
    await expect(makeResumeCycle(d)({ cycleId: 'c', by: 'sam' })).rejects.toThrow(ValidationError);
    await expect(makeResumeCycle(d)({ cycleId: 'nope', by: 'sam' })).rejects.toThrow(NotFoundError);
    expect(d.workflow.started).toEqual([]);
    expect(d.emails()).toEqual([]);
  });

  it('leaves the cycle failed when the new execution cannot start, so that resuming can be tried again', async () => {
    const { d } = await failedIn('SendAgendaCall');
    await d.workflow.start('c-r1', { boardId: 'b', cycleId: 'c' });

    await expect(makeResumeCycle(d)({ cycleId: 'c', by: 'sam' })).rejects.toThrow('already exists');

    const stored = await d.cycles.getCycle('b', 'c');
    expect(stored).toMatchObject({ status: 'failed', failure: FAILURE, resumes: [] });
    expect(d.emails()).toEqual([]);
  });

  it('names each resume anew, and tells the secretariat when a resumed cycle fails again', async () => {
    const { d, ref } = await failedIn('RequestPapers');
    const failure = { Error: 'ThrottledError', Cause: 'Rate exceeded' };
    await makeRecordFailure(d)({ ...ref, error: failure });
    expect(d.emails('cycle-failed')).toHaveLength(1);

    await makeResumeCycle(d)({ cycleId: 'c', by: 'sam' });
    await makeRecordFailure(d)({ ...ref, error: failure });
    await makeRecordFailure(d)({ ...ref, error: failure });
    await makeResumeCycle(d)({ cycleId: 'c', by: 'sam' });

    expect(d.emails('cycle-failed')).toHaveLength(2);
    expect(d.emails('cycle-resumed')).toHaveLength(2);
    expect(d.workflow.started.map((e) => e.name)).toEqual(['c-r1', 'c-r2']);
  });
});

import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ThrottlingException,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { atExpression, EventBridgeScheduler, executionArnFor, scheduleNameFor } from '../../functions/shared/adapters/scheduler/eventbridge-scheduler';
import { RetryableError } from '../../functions/shared/domain/errors';

const scheduler = mockClient(SchedulerClient);
const STATE_MACHINE = 'arn:aws:states:eu-west-2:123456789012:stateMachine:MeetingCycle';
const SETTINGS = {
  groupName: 'MeetingCycle-Scheduling-CycleStarts-3ADABE2E',
  roleArn: 'arn:aws:iam::123456789012:role/MeetingCycle-SchedulingStartRole',
  stateMachineArn: STATE_MACHINE,
  deadLetterArn: 'arn:aws:sqs:eu-west-2:123456789012:MeetingCycle-ScheduleDeadLetters',
};
const adapter = () => new EventBridgeScheduler(() => SETTINGS, new SchedulerClient({}));
const CYCLE = { boardId: 'demo-board', cycleId: 'demo-board-2027-06-09' };
const $metadata = { httpStatusCode: 400 };

beforeEach(() => {
  scheduler.reset();
});

describe('EventBridgeScheduler', () => {
  it('creates one one-time schedule in the group that starts the execution named for the cycle, then deletes itself', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:eu-west-2:123456789012:schedule/g/start-demo-board-2027-06-09' });

    // 09:00 in London on 12 May 2027 is 08:00 UTC (BST); milliseconds are dropped.
    const out = await adapter().scheduleCycleStart(CYCLE, new Date('2027-05-12T08:00:00.000Z'));

    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(1);
    const request = scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input;
    expect(request).toEqual({
      Name: 'start-demo-board-2027-06-09',
      GroupName: SETTINGS.groupName,
      Description: 'meeting-cycle: starts cycle demo-board-2027-06-09',
      ScheduleExpression: 'at(2027-05-12T08:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:sfn:startExecution',
        RoleArn: SETTINGS.roleArn,
        Input: expect.any(String),
        // A start that keeps failing goes to the dead-letter queue an alarm watches, after an hour, not a day.
        RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 10 },
        DeadLetterConfig: { Arn: SETTINGS.deadLetterArn },
      },
    });
    // The universal target's input is the StartExecution request; its Input is the execution's, as a string.
    expect(JSON.parse(request.Target!.Input!)).toEqual({
      StateMachineArn: STATE_MACHINE,
      Name: 'demo-board-2027-06-09',
      Input: JSON.stringify({ boardId: 'demo-board', cycleId: 'demo-board-2027-06-09' }),
    });
    expect(out).toEqual({ executionArn: 'arn:aws:states:eu-west-2:123456789012:execution:MeetingCycle:demo-board-2027-06-09' });
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(0);
  });

  it('moves the existing schedule when the cycle has one already', async () => {
    scheduler.on(CreateScheduleCommand).rejects(new ConflictException({ message: 'Schedule already exists', Message: 'Schedule already exists', $metadata }));
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });

    await adapter().scheduleCycleStart(CYCLE, new Date('2027-05-19T08:00:00Z'));

    const update = scheduler.commandCalls(UpdateScheduleCommand);
    expect(update).toHaveLength(1);
    expect(update[0]!.args[0].input).toEqual(scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input);
    expect(update[0]!.args[0].input.ScheduleExpression).toBe('at(2027-05-19T08:00:00)');
  });

  it('names no dead-letter queue where the settings have none (the local cloud), and still bounds retries', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    const { deadLetterArn: _none, ...local } = SETTINGS;

    await new EventBridgeScheduler(() => local, new SchedulerClient({})).scheduleCycleStart(CYCLE, new Date('2027-05-12T08:00:00Z'));

    const target = scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input.Target!;
    expect(target.DeadLetterConfig).toBeUndefined();
    expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 10 });
  });

  it('deletes the schedule to cancel, and takes an absent one as already gone', async () => {
    scheduler
      .on(DeleteScheduleCommand)
      .resolvesOnce({})
      .rejectsOnce(new ResourceNotFoundException({ message: 'Schedule not found', Message: 'Schedule not found', $metadata }));

    await adapter().cancelCycleStart(CYCLE.cycleId);
    await expect(adapter().cancelCycleStart(CYCLE.cycleId)).resolves.toBeUndefined();

    expect(scheduler.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: 'start-demo-board-2027-06-09', GroupName: SETTINGS.groupName },
      { Name: 'start-demo-board-2027-06-09', GroupName: SETTINGS.groupName },
    ]);
  });

  it('reports throttling as retryable and passes other refusals on unchanged', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata }))
      .rejectsOnce(new ValidationException({ message: 'bad', Message: 'bad', $metadata }));

    await expect(adapter().scheduleCycleStart(CYCLE, new Date('2027-05-12T08:00:00Z'))).rejects.toThrow(RetryableError);
    await expect(adapter().scheduleCycleStart(CYCLE, new Date('2027-05-12T08:00:00Z'))).rejects.toThrow(ValidationException);
  });

  it('names the schedule within 64 characters, one name per cycle', () => {
    const long = `${'b'.repeat(63)}-2027-06-09`;
    const name = scheduleNameFor(long);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toMatch(/^[0-9a-zA-Z._-]+$/);
    expect(scheduleNameFor(long)).toBe(name);
    expect(scheduleNameFor(`${'b'.repeat(63)}-2027-06-16`)).not.toBe(name);
  });

  it('writes the start in UTC to the second, and the execution ARN in the state machine’s partition and region', () => {
    expect(atExpression(new Date('2027-01-04T09:00:00.500Z'))).toBe('at(2027-01-04T09:00:00)');
    expect(() => atExpression(new Date('nope'))).toThrow(RangeError);
    expect(executionArnFor('arn:aws-cn:states:cn-north-1:1:stateMachine:M', 'c')).toBe('arn:aws-cn:states:cn-north-1:1:execution:M:c');
    expect(() => executionArnFor('arn:aws:lambda:eu-west-2:1:function:f', 'c')).toThrow('not a state machine ARN');
  });
});

import { createHash } from 'node:crypto';
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  SchedulerClient,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import type { Scheduler } from '../../ports';
import { mapSdkError, mapSdkErrors } from '../errors';

/** Where cycle starts are scheduled, and as whom; set by the stack (SCHEDULE_GROUP_NAME, SCHEDULER_ROLE_ARN, SCHEDULE_DLQ_ARN). */
export interface CycleStartSchedules {
  groupName: string;
  /** The role EventBridge Scheduler assumes to start executions: allowed states:StartExecution on this state machine only. */
  roleArn: string;
  stateMachineArn: string;
  /**
   * The SQS queue a start goes to when every retry failed, so a cycle that never started is seen (an alarm
   * watches the queue) instead of lost. Unset locally, where the emulated scheduler has none.
   */
  deadLetterArn?: string;
}

/**
 * How long a failing start is retried: an hour late is still the agenda call's day, and past that an
 * operator should know. Scheduler's default (185 attempts over 24 hours) would hide a broken start for a day.
 */
export const START_RETRY_POLICY = { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 10 } as const;

/** Schedule names: letters, digits, `-`, `_`, `.`, at most 64 characters. */
const MAX_SCHEDULE_NAME = 64;

/** The one schedule of a cycle: `start-<cycleId>`, shortened with a hash of the id when it would be too long. */
export function scheduleNameFor(cycleId: string): string {
  const name = `start-${cycleId}`;
  if (name.length <= MAX_SCHEDULE_NAME) return name;
  const hash = createHash('sha256').update(cycleId).digest('hex').slice(0, 12);
  return `${name.slice(0, MAX_SCHEDULE_NAME - hash.length - 1)}-${hash}`;
}

/** A one-time schedule expression in UTC, to the second: `at(2027-05-12T08:00:00)`. */
export function atExpression(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('The start time is not a valid date.');
  return `at(${at.toISOString().slice(0, 19)})`;
}

/** `arn:aws:states:<region>:<account>:stateMachine:<name>` → the ARN its execution called `name` has. */
export function executionArnFor(stateMachineArn: string, name: string): string {
  const parts = stateMachineArn.split(':');
  if (parts.length !== 7 || parts[2] !== 'states' || parts[5] !== 'stateMachine') throw new Error(`"${stateMachineArn}" is not a state machine ARN.`);
  return [...parts.slice(0, 5), 'execution', parts[6], name].join(':');
}

/**
 * Cycle starts as EventBridge Scheduler one-time schedules in the app's schedule group. The target is the
 * universal target for Step Functions' StartExecution, so the execution can be named for the cycle: a
 * second start of the same cycle is refused by Step Functions, whoever makes it. A schedule deletes itself
 * once it has run (ActionAfterCompletion DELETE).
 */
export class EventBridgeScheduler implements Scheduler {
  constructor(
    /** Read when first used, so functions that never schedule need none of these settings. */
    private readonly settings: () => CycleStartSchedules,
    private readonly client: SchedulerClient = new SchedulerClient({}),
  ) {
    mapSdkErrors(client);
  }

  async scheduleCycleStart(cycle: { boardId: string; cycleId: string }, at: Date): Promise<{ executionArn: string }> {
    const { groupName, roleArn, stateMachineArn, deadLetterArn } = this.settings();
    const partition = stateMachineArn.split(':')[1] ?? 'aws';
    const request: CreateScheduleCommandInput = {
      Name: scheduleNameFor(cycle.cycleId),
      GroupName: groupName,
      Description: `meeting-cycle: starts cycle ${cycle.cycleId}`,
      ScheduleExpression: atExpression(at),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: `arn:${partition}:scheduler:::aws-sdk:sfn:startExecution`,
        RoleArn: roleArn,
        // The StartExecution request itself; its Input is the execution's input, a JSON string.
        Input: JSON.stringify({
          StateMachineArn: stateMachineArn,
          Name: cycle.cycleId,
          Input: JSON.stringify({ boardId: cycle.boardId, cycleId: cycle.cycleId }),
        }),
        RetryPolicy: { ...START_RETRY_POLICY },
        ...(deadLetterArn ? { DeadLetterConfig: { Arn: deadLetterArn } } : {}),
      },
    };
    try {
      await this.call(() => this.client.send(new CreateScheduleCommand(request)));
    } catch (err) {
      // The cycle has a schedule already (a move, or a second click): it gets the new time.
      if (nameOf(err) !== 'ConflictException') throw err;
      await this.call(() => this.client.send(new UpdateScheduleCommand(request)));
    }
    return { executionArn: executionArnFor(stateMachineArn, cycle.cycleId) };
  }

  async cancelCycleStart(cycleId: string): Promise<void> {
    const { groupName } = this.settings();
    try {
      await this.call(() => this.client.send(new DeleteScheduleCommand({ Name: scheduleNameFor(cycleId), GroupName: groupName })));
    } catch (err) {
      if (nameOf(err) !== 'ResourceNotFoundException') throw err;
    }
  }

  /** Throttling and Scheduler-side failures (also from mocked clients, which skip the middleware) become retryable. */
  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (err) {
      throw mapSdkError(err);
    }
  }
}

const nameOf = (err: unknown): string => (err as { name?: string }).name ?? '';

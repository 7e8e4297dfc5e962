import { EventBridgeScheduler } from '../../adapters/scheduler/eventbridge-scheduler';
import { requireEnv } from '../env';

/*
 * Loaded by its builder (runtime/builders/) with `import()` on a function's first schedule change: only creating, moving
 * or cancelling a meeting touches EventBridge Scheduler.
 */

/** Cycle starts in SCHEDULE_GROUP_NAME, run as SCHEDULER_ROLE_ARN, failed ones to SCHEDULE_DLQ_ARN when set. */
export const makeScheduler = (): EventBridgeScheduler =>
  new EventBridgeScheduler(() => ({
    groupName: requireEnv('SCHEDULE_GROUP_NAME'),
    roleArn: requireEnv('SCHEDULER_ROLE_ARN'),
    stateMachineArn: requireEnv('STATE_MACHINE_ARN'),
    ...(process.env.SCHEDULE_DLQ_ARN ? { deadLetterArn: process.env.SCHEDULE_DLQ_ARN } : {}),
  }));

/**
 * The deployed stack's contract with the `cycle` CLI: its name, and each output with the environment
 * variable the app's runtime (functions/shared/runtime) reads it into. The stack outputs exactly these,
 * `cycle --aws` copies them into its environment, and the local cloud's CloudFormation stand-in answers
 * with them: one list, so the three cannot drift. No CDK import: the CLI loads this file.
 */

/** CloudFormation stack name; `cycle --aws` looks the outputs up under it unless given `--stack`. */
export const STACK_NAME = 'MeetingCycle';

/** Output key → the environment variable it becomes in the CLI (the same one the stack sets on functions). */
export const STACK_OUTPUTS = {
  ApiUrl: 'APP_URL',
  StateMachineArn: 'STATE_MACHINE_ARN',
  TableName: 'TABLE_NAME',
  DocumentsBucket: 'DOCUMENTS_BUCKET',
  // Read by `cycle move|cancel --aws`, which reschedule or cancel a scheduled cycle's start.
  ScheduleGroupName: 'SCHEDULE_GROUP_NAME',
  SchedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  // Read by commands that email (members remove, actions assign): the same sender and configuration set.
  SenderEmail: 'SENDER_EMAIL',
  ConfigurationSetName: 'SES_CONFIGURATION_SET',
  /** Only a stack that receives replies has it. */
  InboundDomain: 'INBOUND_DOMAIN',
  // Operations: where alarms go (`cycle doctor --aws` checks its subscription is confirmed), and the queues
  // of what failed for good. Schedules the CLI creates (`cycle move --aws`) name the same dead-letter queue.
  AlarmTopicArn: 'ALARM_TOPIC_ARN',
  ScheduleDeadLetterQueueUrl: 'SCHEDULE_DLQ_URL',
  ScheduleDeadLetterQueueArn: 'SCHEDULE_DLQ_ARN',
  /** Only a stack that receives replies has it. */
  InboundFailuresQueueUrl: 'INBOUND_FAILURES_QUEUE_URL',
} as const;

/** One output of {@link STACK_OUTPUTS}. */
export type StackOutput = keyof typeof STACK_OUTPUTS;

/**
 * Without these no command can work. The others arrived later: a stack from before them lacks them, and
 * only the commands that need them fail, naming the variable.
 */
export const REQUIRED_OUTPUTS: readonly StackOutput[] = ['TableName', 'DocumentsBucket', 'StateMachineArn', 'ApiUrl'];

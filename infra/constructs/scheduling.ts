import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { deadLetterQueue } from './queues';

/** Properties of {@link Scheduling}. */
export interface SchedulingProps {
  /** The cycle state machine the schedules start. */
  readonly stateMachine: IStateMachine;
}

/**
 * Where confirmed next cycles wait to start: an EventBridge Scheduler schedule group holding one one-time
 * schedule per cycle (created, moved and deleted by the app at run time), and the role the schedules run
 * as, which may start executions of the cycle state machine and send a start that failed for good to the
 * dead-letter queue, and do nothing else.
 */
export class Scheduling extends Construct {
  /** The app's schedules, and nothing else's: grants to create and delete schedules stop at this group. */
  readonly group: ScheduleGroup;
  /** Assumed by EventBridge Scheduler, only for this account's schedules in {@link Scheduling.group}. */
  readonly role: Role;
  /**
   * Starts whose retries are spent (the state machine refused, or was throttled for an hour): each message
   * is the schedule's StartExecution request, which an operator can replay (README, "Operations").
   */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: SchedulingProps) {
    super(scope, id);
    // Its schedules are derived from the table (each cycle records its scheduled start), so nothing is lost
    // with the group when the stack goes.
    this.group = new ScheduleGroup(this, 'CycleStarts', { removalPolicy: RemovalPolicy.DESTROY });
    const { account } = Stack.of(this);
    this.role = new Role(this, 'StartRole', {
      // Confused-deputy guard: only schedules of this account, in this group, can use the role.
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': account },
        ArnLike: { 'aws:SourceArn': this.group.scheduleGroupArn },
      }),
      description:
        'meeting-cycle: EventBridge Scheduler starts a confirmed next cycle at its agenda call (states:StartExecution on the cycle state machine only)',
    });
    props.stateMachine.grantStartExecution(this.role);
    this.deadLetterQueue = deadLetterQueue(this, 'StartDeadLetters', 'cycle starts EventBridge Scheduler could not make');
    // Scheduler sends as the schedule's role; the adapter names the queue in every schedule it creates.
    this.deadLetterQueue.grantSendMessages(this.role);
  }
}

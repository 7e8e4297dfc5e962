import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAIL_EVENTS_FUNCTION } from '../../functions/catalog';
import { MAIL_EVENT_TYPES } from '../../functions/mail-events/schema';
import { deadLetterQueue } from './queues';
import { type MailBinding, TaskFunction } from './task-function';

/** The bounce handler, from the catalog (re-exported where it always was). */
export { MAIL_EVENTS_FUNCTION };

/** Properties of {@link Bounces}. */
export interface BouncesProps {
  readonly table: ITable;
  readonly mail: MailBinding;
  /** Origin of the console, linked from the secretariat's email. */
  readonly appUrl: string;
  /** Told when no secretariat member can be (context `meeting-cycle:adminEmails`). */
  readonly adminEmails: readonly string[];
}

/**
 * Bounces, complaints and delivery delays: an EventBridge rule on the default bus for the events the
 * configuration set publishes there, invoking functions/mail-events. The handler reads and writes the
 * table (the email's outbox entry, the member's address status) and sends as the app (the secretariat's
 * email), nothing else.
 */
export class Bounces extends Construct {
  readonly handler: TaskFunction;
  readonly rule: Rule;
  /** Events the handler still failed on after a day of retries: nothing is dropped silently. */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: BouncesProps) {
    super(scope, id);
    this.handler = new TaskFunction(this, 'Function', { spec: MAIL_EVENTS_FUNCTION });
    this.handler.addEnvironment('CONSOLE_ADMIN_EMAILS', props.adminEmails.join(','));
    this.handler.bindTable(props.table, 'readWrite').bindMail(props.mail, props.appUrl);

    this.rule = new Rule(this, 'Rule', {
      description: 'SES bounces, complaints and delivery delays of the meeting-cycle configuration set',
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...MAIL_EVENT_TYPES],
        // SES tags every event with the configuration set it was sent through: only this app's.
        detail: { mail: { tags: { 'ses:configuration-set': [props.mail.configurationSet.configurationSetName] } } },
      },
    });
    // The handler is idempotent: EventBridge may retry a failed invocation for a day without harm.
    this.failures = deadLetterQueue(this, 'Failures', 'SES mail events the bounce handler could not process');
    this.rule.addTarget(new LambdaFunction(this.handler, { retryAttempts: 8, maxEventAge: Duration.hours(24), deadLetterQueue: this.failures }));
  }
}

import { Annotations, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { Api } from './constructs/api';
import { Bounces } from './constructs/bounces';
import { Console } from './constructs/console';
import { Data } from './constructs/data';
import { Documents } from './constructs/documents';
import { Functions } from './constructs/functions';
import { InboundMail } from './constructs/inbound-mail';
import { Mail } from './constructs/mail';
import { Monitoring } from './constructs/monitoring';
import { Scheduling } from './constructs/scheduling';
import { Workflow } from './constructs/workflow';
import type { StackOutput } from './stack-outputs';

/** Properties of {@link MeetingCycleStack}. */
export interface MeetingCycleStackProps extends StackProps {
  /** The From address of every email; SES verifies it on first deploy. */
  readonly senderEmail: string;
  /**
   * Host name the link pages are served from (e.g. `board.example.org`), when the operator maps a custom
   * domain onto the API. Without it, links use the API's execute-api endpoint.
   */
  readonly appDomain?: string;
  /**
   * Domain the one-time Reply-To addresses live on (e.g. `replies.board.example.org`), whose MX record
   * points at SES. Without it nobody can answer by reply; links still work.
   */
  readonly inboundDomain?: string;
  /** Console admins (context `meeting-cycle:adminEmails`): may create boards and grant the secretariat role. */
  readonly adminEmails?: readonly string[];
  /** The operator's address (context `meeting-cycle:alarmEmail`), subscribed to the alarm topic. */
  readonly alarmEmail?: string;
  /** Route 53 public hosted zone of the sender's and app's domains: their DNS records are created in it. */
  readonly hostedZoneId?: string;
  /** Reserved concurrency of the HTTP function; unset: none reserved. */
  readonly httpConcurrency?: number;
}

/**
 * The whole app in one stack: composition only. Each concern is a construct in `constructs/`; this class
 * decides the order they are built in and what each is handed.
 */
export class MeetingCycleStack extends Stack {
  /** Every Lambda function, one per catalog entry. */
  readonly functions: Functions;
  /** The HTTP API behind the links. */
  readonly api: Api;
  /** The table. */
  readonly data: Data;
  /** The documents bucket and its access-log bucket. */
  readonly documents: Documents;
  /** Sender identity and configuration set. */
  readonly mail: Mail;
  /** The cycle state machine. */
  readonly workflow: Workflow;
  /** The schedule group and role that start confirmed next cycles at their agenda call. */
  readonly scheduling: Scheduling;
  /** The secretariat's console, on the same API. */
  readonly console: Console;
  /** The SES receipt rule for replies, when the stack has an inbound domain. */
  readonly inbound?: InboundMail;
  /** Alarms, their topic and the dashboard. */
  readonly monitoring: Monitoring;
  readonly bounces: Bounces;

  constructor(scope: Construct, id: string, props: MeetingCycleStackProps) {
    super(scope, id, props);

    // Functions first: the API routes to the HTTP function, and the state machine substitutes the task
    // functions' ARNs. Their access is bound last, once everything they touch exists.
    // Only the id: every record is named in full, so the zone's name need not be looked up (synth stays offline).
    const hostedZone = props.hostedZoneId ? HostedZone.fromHostedZoneId(this, 'Zone', props.hostedZoneId) : undefined;
    this.functions = new Functions(this, 'Functions', {
      inbound: props.inboundDomain !== undefined,
      ...(props.httpConcurrency !== undefined ? { httpConcurrency: props.httpConcurrency } : {}),
    });
    this.api = new Api(this, 'Api', {
      handler: this.functions.http,
      ...(props.appDomain ? { appDomain: props.appDomain } : {}),
      ...(hostedZone ? { hostedZone } : {}),
    });
    const appUrl = props.appDomain ? `https://${props.appDomain}` : this.api.endpoint;

    this.data = new Data(this, 'Data');
    this.documents = new Documents(this, 'Documents', { uploadOrigin: appUrl });
    this.mail = new Mail(this, 'Mail', {
      senderEmail: props.senderEmail,
      ...(props.inboundDomain ? { inboundDomain: props.inboundDomain } : {}),
      ...(hostedZone ? { hostedZone } : {}),
    });
    this.workflow = new Workflow(this, 'Workflow', { tasks: this.functions.tasks });
    this.scheduling = new Scheduling(this, 'Scheduling', { stateMachine: this.workflow.stateMachine });

    this.functions.grantNeeds({
      table: this.data.table,
      documents: this.documents.bucket,
      mail: this.mail,
      appUrl,
      stateMachine: this.workflow.stateMachine,
      scheduling: this.scheduling,
    });

    this.console = new Console(this, 'Console', {
      httpApi: this.api.httpApi,
      table: this.data.table,
      documents: this.documents.bucket,
      mail: this.mail,
      appUrl,
      stateMachine: this.workflow.stateMachine,
      scheduling: this.scheduling,
      adminEmails: props.adminEmails ?? [],
    });

    this.bounces = new Bounces(this, 'Bounces', { table: this.data.table, mail: this.mail, appUrl, adminEmails: props.adminEmails ?? [] });

    if (props.inboundDomain && this.functions.inbound) {
      this.inbound = new InboundMail(this, 'InboundMail', { domain: props.inboundDomain, documents: this.documents.bucket, handler: this.functions.inbound });
    }

    this.monitoring = new Monitoring(this, 'Monitoring', {
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
      stateMachine: this.workflow.stateMachine,
      functions: [...this.functions.all, this.console.handler, this.bounces.handler].map((fn) => ({ label: fn.spec.id, fn })),
      httpApi: this.api.httpApi,
    });
    this.monitoring.watchQueue('ScheduleDeadLetters', this.scheduling.deadLetterQueue);
    if (this.inbound) this.monitoring.watchQueue('InboundFailures', this.inbound.failures);
    this.monitoring.watchQueue('MailEventFailures', this.bounces.failures);
    if (!props.alarmEmail) {
      Annotations.of(this.monitoring).addWarningV2(
        'meeting-cycle:noAlarmEmail',
        'No alarm email: alarms go to a topic nobody is subscribed to, so nobody hears about trouble. Name the operator with -c meeting-cycle:alarmEmail=it@your-board.org',
      );
    }

    // Read by the `cycle` CLI to find the deployed app (stack-outputs.ts says what each becomes).
    const output = (key: StackOutput, value: string, description?: string) => new CfnOutput(this, key, { value, ...(description ? { description } : {}) });
    output('ApiUrl', appUrl, 'Origin of the link pages and the console (/console)');
    output('StateMachineArn', this.workflow.stateMachine.stateMachineArn);
    output('TableName', this.data.table.tableName);
    output('DocumentsBucket', this.documents.bucket.bucketName);
    output('ScheduleGroupName', this.scheduling.group.scheduleGroupName);
    output('SchedulerRoleArn', this.scheduling.role.roleArn);
    output('SenderEmail', this.mail.senderEmail);
    output('ConfigurationSetName', this.mail.configurationSet.configurationSetName);
    if (this.mail.inboundDomain) output('InboundDomain', this.mail.inboundDomain);
    output('AlarmTopicArn', this.monitoring.topic.topicArn, 'Alarms go here; confirm the subscription email SNS sends the operator');
    output('ScheduleDeadLetterQueueUrl', this.scheduling.deadLetterQueue.queueUrl, 'Cycle starts that failed for good (README, "Operations")');
    output('ScheduleDeadLetterQueueArn', this.scheduling.deadLetterQueue.queueArn);
    if (this.inbound) output('InboundFailuresQueueUrl', this.inbound.failures.queueUrl, 'Replies whose handling failed for good (README, "Operations")');
  }
}

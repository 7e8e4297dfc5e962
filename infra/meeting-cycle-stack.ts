import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './constructs/api';
import { Data } from './constructs/data';
import { Documents } from './constructs/documents';
import { Functions } from './constructs/functions';
import { InboundMail } from './constructs/inbound-mail';
import { Mail } from './constructs/mail';
import { Scheduling } from './constructs/scheduling';
import { Workflow } from './constructs/workflow';

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
  /** The SES receipt rule for replies, when the stack has an inbound domain. */
  readonly inbound?: InboundMail;

  constructor(scope: Construct, id: string, props: MeetingCycleStackProps) {
    super(scope, id, props);

    // Functions first: the API routes to the HTTP function, and the state machine substitutes the task
    // functions' ARNs. Their access is bound last, once everything they touch exists.
    this.functions = new Functions(this, 'Functions', { inbound: props.inboundDomain !== undefined });
    this.api = new Api(this, 'Api', { handler: this.functions.http });
    const appUrl = props.appDomain ? `https://${props.appDomain}` : this.api.endpoint;

    this.data = new Data(this, 'Data');
    this.documents = new Documents(this, 'Documents', { uploadOrigin: appUrl });
    this.mail = new Mail(this, 'Mail', { senderEmail: props.senderEmail, ...(props.inboundDomain ? { inboundDomain: props.inboundDomain } : {}) });
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

    if (props.inboundDomain && this.functions.inbound) {
      this.inbound = new InboundMail(this, 'InboundMail', { domain: props.inboundDomain, documents: this.documents.bucket, handler: this.functions.inbound });
    }

    // Read by the `cycle` CLI to find the deployed app.
    new CfnOutput(this, 'ApiUrl', { value: appUrl, description: 'Origin of the link pages' });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'DocumentsBucket', { value: this.documents.bucket.bucketName });
    // Read by `cycle move|cancel --aws`, which reschedule or cancel a scheduled cycle's start.
    new CfnOutput(this, 'ScheduleGroupName', { value: this.scheduling.group.scheduleGroupName });
    new CfnOutput(this, 'SchedulerRoleArn', { value: this.scheduling.role.roleArn });
    // Read by CLI commands that email (members remove, actions assign): the same sender and configuration set.
    new CfnOutput(this, 'SenderEmail', { value: this.mail.senderEmail });
    new CfnOutput(this, 'ConfigurationSetName', { value: this.mail.configurationSet.configurationSetName });
    if (this.mail.inboundDomain) new CfnOutput(this, 'InboundDomain', { value: this.mail.inboundDomain });
  }
}

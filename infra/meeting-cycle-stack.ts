import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './constructs/api';
import { Bounces } from './constructs/bounces';
import { Console } from './constructs/console';
import { Data } from './constructs/data';
import { Documents } from './constructs/documents';
import { Functions } from './constructs/functions';
import { InboundMail } from './constructs/inbound-mail';
import { Mail } from './constructs/mail';
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

    new Bounces(this, 'Bounces', { table: this.data.table, mail: this.mail, appUrl, adminEmails: props.adminEmails ?? [] });

    if (props.inboundDomain && this.functions.inbound) {
      this.inbound = new InboundMail(this, 'InboundMail', { domain: props.inboundDomain, documents: this.documents.bucket, handler: this.functions.inbound });
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
  }
}

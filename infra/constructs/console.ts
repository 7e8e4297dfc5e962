import { Annotations, Validations } from 'aws-cdk-lib';
import { HttpMethod, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { CONSOLE_FUNCTION } from '../../functions/catalog';
import { PREFIXES } from '../../functions/shared/table/object-keys';
import { type MailBinding, type SchedulingBinding, TaskFunction } from './task-function';

/** The console's function, from the catalog (re-exported where it always was). */
export { CONSOLE_FUNCTION };

/**
 * What the console serves for download: approved minutes, papers and board packs. Never `inbound/`
 * (members' raw replies), nor the unchecked uploads.
 */
export const CONSOLE_DOCUMENT_PREFIXES: readonly string[] = [PREFIXES.minutes, PREFIXES.papers, PREFIXES.packs];

/** Where the console answers on the HTTP API; `GET /` only redirects to `/console`. */
export const CONSOLE_ROUTE_PATHS = ['/console', '/console/{proxy+}'] as const;

/** Properties of {@link Console}. */
export interface ConsoleProps {
  /** The app's HTTP API: the console is served beside the link pages, under the same domain. */
  readonly httpApi: HttpApi;
  readonly table: ITable;
  readonly documents: IBucket;
  readonly mail: MailBinding;
  /** Origin of the link pages and the console; its sign-in emails link here. */
  readonly appUrl: string;
  readonly stateMachine: StateMachine;
  readonly scheduling: SchedulingBinding;
  /** Who may create boards and grant the secretariat role (context `meeting-cycle:adminEmails`); may be empty. */
  readonly adminEmails: readonly string[];
}

/**
 * The secretariat's console (`/console`): its own function, so the link pages' function keeps its small
 * bundle and quick cold start, on the same HTTP API. It may do what the `cycle` CLI's operations do through
 * the admin cores, and no more: read and write the table, read the documents it offers for download, send
 * email as the app, start, stop and schedule cycles' executions.
 */
export class Console extends Construct {
  /** The console's handler (functions/console/handler.ts). */
  readonly handler: TaskFunction;

  constructor(scope: Construct, id: string, props: ConsoleProps) {
    super(scope, id);
    this.handler = new TaskFunction(this, 'Function', { spec: CONSOLE_FUNCTION });
    this.handler.addEnvironment('CONSOLE_ADMIN_EMAILS', props.adminEmails.join(','));
    this.handler
      .bindTable(props.table, 'readWrite')
      .bindDocumentPrefixes(props.documents, CONSOLE_DOCUMENT_PREFIXES)
      .bindMail(props.mail, props.appUrl)
      .bindScheduler(props.scheduling, props.stateMachine)
      .bindExecutionStop(props.stateMachine)
      .bindWorkflowCallback(props.stateMachine);

    if (props.adminEmails.length === 0) {
      Annotations.of(this).addWarningV2(
        'meeting-cycle:noConsoleAdmins',
        'No console admins: nobody can create boards or grant the secretariat role from the console. Name them with -c meeting-cycle:adminEmails=you@your-board.org',
      );
    }

    const integration = new HttpLambdaIntegration('Console', this.handler);
    const routes = [
      ...CONSOLE_ROUTE_PATHS.flatMap((path) => props.httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration })),
      ...props.httpApi.addRoutes({ path: '/', methods: [HttpMethod.GET], integration }),
    ];
    for (const route of routes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'The console signs people in itself, by a single-use emailed link: every route but the sign-in pages needs a live session cookie (stored hashed, expiring), checked by the handler before anything is read; POSTs also need the session’s CSRF value. GET / only redirects.',
      });
    }
  }
}

import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { HTTP_FUNCTION, INBOUND_FUNCTION, TASK_FUNCTIONS } from '../../functions/catalog';
import { documentAccessOf } from './document-access';
import { type MailBinding, type SchedulingBinding, TaskFunction } from './task-function';

/** What {@link Functions.grantNeeds} may hand out. */
export interface FunctionResources {
  readonly table: ITable;
  readonly documents: IBucket;
  readonly mail: MailBinding;
  /** Origin of the link pages, e.g. `https://board.example.org`. */
  readonly appUrl: string;
  /** The cycle state machine, for the functions that resume a waiting execution. */
  readonly stateMachine: IStateMachine;
  /** The schedule group and role that start confirmed next cycles at their agenda call. */
  readonly scheduling: SchedulingBinding;
}

/** Properties of {@link Functions}. */
export interface FunctionsProps {
  /** Whether the stack receives replies by email: only then is there an inbound function. */
  readonly inbound?: boolean;
  /** Reserved concurrency of the HTTP function (context `meeting-cycle:httpConcurrency`); unset: none reserved. */
  readonly httpConcurrency?: number;
}

/**
 * Every Lambda function of `functions/catalog.ts`: one {@link TaskFunction} per task, plus the HTTP
 * handler. Access comes only from each entry's `needs`, so the catalog is the one place that says what
 * a function may touch.
 */
export class Functions extends Construct {
  /** The state machine's tasks, in catalog order. */
  readonly tasks: readonly TaskFunction[];
  /** The handler behind every link, page and form. */
  readonly http: TaskFunction;
  /** The handler of replies by email, when the stack receives mail. */
  readonly inbound?: TaskFunction;

  constructor(scope: Construct, id: string, props: FunctionsProps = {}) {
    super(scope, id);
    this.tasks = TASK_FUNCTIONS.map((spec) => new TaskFunction(this, spec.id, { spec }));
    this.http = new TaskFunction(this, HTTP_FUNCTION.id, {
      spec: HTTP_FUNCTION,
      ...(props.httpConcurrency !== undefined ? { reservedConcurrency: props.httpConcurrency } : {}),
    });
    if (props.inbound) this.inbound = new TaskFunction(this, INBOUND_FUNCTION.id, { spec: INBOUND_FUNCTION });
  }

  /** All functions, tasks first. */
  get all(): readonly TaskFunction[] {
    return [...this.tasks, this.http, ...(this.inbound ? [this.inbound] : [])];
  }

  /**
   * Binds each function to exactly what its catalog entry needs. Separate from construction because the
   * HTTP API (hence the app URL) and the state machine are built from these functions first.
   */
  grantNeeds(resources: FunctionResources): void {
    for (const fn of this.all) {
      const { needs } = fn.spec;
      fn.bindTable(resources.table, needs.table);
      const documents = documentAccessOf(fn.spec);
      if (documents) fn.bindDocumentAccess(resources.documents, documents);
      if (needs.mail) fn.bindMail(resources.mail, resources.appUrl);
      if (needs.workflowCallback) fn.bindWorkflowCallback(resources.stateMachine);
      if (needs.scheduler) fn.bindScheduler(resources.scheduling, resources.stateMachine);
    }
  }
}

import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { HTTP_FUNCTION, INBOUND_FUNCTION, TASK_FUNCTIONS } from '../../functions/catalog';
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

  constructor(scope: Construct, id: string, props: { readonly inbound?: boolean } = {}) {
    super(scope, id);
    this.tasks = TASK_FUNCTIONS.map((spec) => new TaskFunction(this, spec.id, { spec }));
    this.http = new TaskFunction(this, HTTP_FUNCTION.id, { spec: HTTP_FUNCTION });
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
      if (needs.documents) fn.bindDocuments(resources.documents, needs.documents);
      if (needs.mail) fn.bindMail(resources.mail, resources.appUrl);
      if (needs.workflowCallback) fn.bindWorkflowCallback(resources.stateMachine);
      if (needs.scheduler) fn.bindScheduler(resources.scheduling, resources.stateMachine);
    }
  }
}

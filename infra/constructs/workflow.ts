import * as fs from 'node:fs';
import * as path from 'node:path';
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { iam5WildcardFinding } from './nag';
import type { TaskFunction } from './task-function';

/** The one ASL file of the cycle, also run by the local runner. */
export const ASL_FILE = path.join(__dirname, '../../statemachines/meeting-cycle.asl.json');

/** Every `${Name}` placeholder in an ASL definition. */
export function aslPlaceholders(definition: string): Set<string> {
  return new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] as string));
}

/** Properties of {@link Workflow}. */
export interface WorkflowProps {
  /** The task functions; each one with a `substitution` fills its `${...FunctionArn}` placeholder. */
  readonly tasks: readonly TaskFunction[];
}

/**
 * The meeting cycle: a Standard state machine from `statemachines/meeting-cycle.asl.json`, one
 * execution per cycle, with full logging and X-Ray tracing. Its role may invoke the task functions and
 * nothing else.
 */
export class Workflow extends Construct {
  /** The cycle state machine. */
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);

    const substitutions: Record<string, string> = {};
    for (const fn of props.tasks) {
      if (fn.spec.substitution) substitutions[fn.spec.substitution] = fn.functionArn;
    }
    // A missing substitution only fails at deploy time, minutes in, as "Invalid State Machine
    // Definition"; an extra one means a function nobody calls. Both are caught here, at synth.
    const placeholders = aslPlaceholders(fs.readFileSync(ASL_FILE, 'utf8'));
    const missing = [...placeholders].filter((name) => !(name in substitutions));
    const unused = Object.keys(substitutions).filter((name) => !placeholders.has(name));
    if (missing.length > 0 || unused.length > 0) {
      throw new Error(
        `${path.basename(ASL_FILE)} and functions/catalog.ts disagree: no function for ${JSON.stringify(missing)}, no placeholder for ${JSON.stringify(unused)}`,
      );
    }

    // The vendedlogs prefix keeps Step Functions' log delivery under the account's CloudWatch Logs
    // resource-policy size limit. Retained for a year: an execution may run that long (ASL TimeoutSeconds).
    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-MeetingCycle`,
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stateMachine = new StateMachine(this, 'MeetingCycle', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromFile(ASL_FILE),
      definitionSubstitutions: substitutions,
      // Execution data is ids and dates only (DESIGN.md), so logging it in full reveals nothing personal.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });

    for (const fn of props.tasks) fn.grantInvoke(this.stateMachine);

    Validations.of(this.stateMachine).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Added by the L2 for logging and tracing: CloudWatch Logs vended log delivery (logs:CreateLogDelivery, logs:DescribeResourcePolicies, ...) and X-Ray (xray:PutTraceSegments, ...) do not support resource-level permissions.',
      },
      ...props.tasks.map((fn) => ({
        id: iam5WildcardFinding(fn, ':*'),
        reason: `grantInvoke on ${fn.spec.id} also allows its versions and aliases (<arn>:*); the ASL invokes the unqualified ARN, and the wildcard reaches no other function.`,
      })),
    );
  }
}

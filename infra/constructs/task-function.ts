import { Arn, ArnFormat, AssetHashType, Aws, Duration, type ILocalBundling, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable, type IRole, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ScheduleGroupGrants } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '../../functions/catalog';
import { GSI1 } from '../../functions/shared/table/keys';
import type { DocumentAccess } from './document-access';
import { buildFunctionSync } from '../function-build';
import { FUNCTION_NODE_OPTIONS, handlerEntry, REPO_ROOT } from './bundling';
import { iam5WildcardFinding, nagNotation } from './nag';

/**
 * The one Lambda runtime of the app: the Node major of the `node` package in package.json's dependencies,
 * which bin/cycle.cjs runs the CLI on when the shell's own `node` is older.
 */
export const PINNED_RUNTIME = Runtime.NODEJS_24_X;

/**
 * What `'read'` and `'readWrite'` mean on the table. Explicit lists rather than `grantReadWriteData`,
 * which adds `Scan`, stream reads, `DescribeTable` and `index/*`: the key design in keys.ts answers every
 * access pattern with GetItem/Query on the table or GSI1, and transactions need the per-item actions.
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const satisfies Record<FunctionSpec['needs']['table'], readonly string[]>;

/**
 * What reading and writing a prefix of the documents bucket mean: the S3 adapter's Get/Head/Put and
 * presigned GET/POST, which S3 authorises against the signer (this role). Nothing may delete: a new
 * version of a paper or minutes is a new key, the bucket keeps overwritten versions, and the lifecycle
 * rules (documents.ts) are what removes anything.
 */
export const DOCUMENT_OBJECT_ACTIONS = {
  read: ['s3:GetObject'],
  // A pack is uploaded in parts (multipart); a failed upload is aborted at once rather than left to the lifecycle rule.
  write: ['s3:PutObject', 's3:AbortMultipartUpload'],
} as const;

/** Context key of the functions' log level (`-c meeting-cycle:logLevel=DEBUG`); INFO without it. */
export const LOG_LEVEL_CONTEXT = 'meeting-cycle:logLevel';

/** The levels both Powertools and Lambda's log filter know. */
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The log level named by the context (any case), INFO when unset; anything else fails the synth. */
export function parseLogLevel(value: unknown): LogLevel {
  if (value === undefined || value === null || value === '') return 'INFO';
  const level = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`${LOG_LEVEL_CONTEXT} is one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return level as LogLevel;
}

/**
 * The Powertools settings every function runs with (the runtime's logger, metrics and tracer read them).
 * The tracer never records a handler's response: it can hold members' names and addresses.
 */
export function powertoolsEnvironment(logLevel: LogLevel): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: 'meeting-cycle',
    POWERTOOLS_METRICS_NAMESPACE: 'MeetingCycle',
    POWERTOOLS_LOG_LEVEL: logLevel,
    POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
  };
}

/**
 * The mail side of {@link TaskFunction.bindMail}; {@link Mail} implements it. Structural, so the function
 * construct does not depend on how mail is built.
 */
export interface MailBinding {
  /** The From address. */
  readonly senderEmail: string;
  /** The domain replies are received on, if any: one-time Reply-To addresses are made on it. */
  readonly inboundDomain?: string;
  /** The configuration set every message names. */
  readonly configurationSet: { readonly configurationSetName: string };
  /** Grants sending as {@link MailBinding.senderEmail} through the configuration set and reading the send quota, nothing more. */
  grantSend(grantee: IGrantable): Grant;
}

/**
 * The scheduling side of {@link TaskFunction.bindScheduler}; {@link Scheduling} implements it. Structural, so
 * the function construct does not depend on how the group and role are built.
 */
export interface SchedulingBinding {
  /** The app's schedule group. */
  readonly group: { readonly scheduleGroupName: string; readonly grants: ScheduleGroupGrants };
  /** The role the schedules run as; whoever creates a schedule passes it. */
  readonly role: IRole;
  /** Where a start goes when its retries are spent; every schedule names it (SCHEDULE_DLQ_ARN). */
  readonly deadLetterQueue: IQueue;
}

/**
 * Builds a function's code into the asset's folder (infra/function-build.ts: esbuild, then Rollup): the
 * entry `index.mjs`, its chunks and the fonts. NodejsFunction cannot: it writes one file only.
 * `entry` is a field, not only a closure, because CDK tells assets apart by their bundling options'
 * fields, and functions drop out of that comparison: without it every function would get the first's code.
 */
class SplitBuild implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    buildFunctionSync(this.entry, outputDir);
    return true;
  }
}

/**
 * The code of the function at `functions/<dir>/handler.ts`, built by {@link SplitBuild}. The asset is
 * named by the hash of the build's output, so an unchanged function is not uploaded again. A stack left
 * out of the `aws:cdk:bundling-stacks` context (the stack tests) skips the build and points at the
 * sources, as any bundled asset does.
 */
function functionCode(dir: string): Code {
  return Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Required by CDK, never used: the local build always succeeds or throws.
      image: PINNED_RUNTIME.bundlingImage,
      local: new SplitBuild(handlerEntry(dir)),
    },
  });
}

/** Properties of {@link TaskFunction}. */
export interface TaskFunctionProps {
  /** The catalog entry: directory of `handler.ts`, timeout, and what it needs. */
  readonly spec: FunctionSpec;
  /**
   * Log retention. Logs name members and email addresses, so they are kept only as long as an operator
   * needs them to investigate a failed cycle; the audit trail lives in the table.
   * @default RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: RetentionDays;
  /**
   * Requests this function may serve at once, reserved out of the account's concurrency: the HTTP
   * function's cap, so a flood of link requests cannot take what the cycle's tasks need.
   * @default none reserved
   */
  readonly reservedConcurrency?: number;
}

/**
 * A handler from `functions/<dir>/handler.ts`, bundled by esbuild and split at each `import()`
 * (infra/constructs/bundling.ts), with the runtime, architecture, logs and source maps pinned in one
 * place. Access is given only through the `bind*` methods, each of which sets the environment variable
 * the handler reads and the matching grant in one call, so they cannot drift apart.
 *
 * Output is ESM: `@middy/core` ships ESM only, and ESM lets a handler await its set-up at module scope.
 * esbuild's ESM output has no `require`, so a bundled CommonJS dependency that requires at run time would
 * throw "Dynamic require of 'x' is not supported"; the banner gives it Node's own. Today's bundles only
 * do so inside a try/catch (moment's locale loader), so the banner is a guard for the next dependency.
 */
export class TaskFunction extends LambdaFunction {
  /** The catalog entry this function was built from. */
  readonly spec: FunctionSpec;
  /** The function's own role (see the constructor); acknowledgements of its findings attach here. */
  private readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: TaskFunctionProps) {
    // Created beside the function rather than inside it because the function takes both as props.
    // An explicit log group instead of the implicit /aws/lambda one: its retention and removal are ours.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role rather than AWSLambdaBasicExecutionRole, whose logs:* on every log group is more than
    // this function writes to.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `meeting-cycle ${id}: writes its own log group; every other grant comes from a bind* call`,
    });
    logGroup.grantWrite(role);
    const logLevel = parseLogLevel(scope.node.tryGetContext(LOG_LEVEL_CONTEXT));

    super(scope, id, {
      // `index.mjs`'s export; the SDK versions in package-lock.json are bundled, being the ones the tests ran
      // against (the copy inside the Lambda runtime lags and changes under us).
      code: functionCode(props.spec.dir),
      handler: 'index.handler',
      runtime: PINNED_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.spec.memoryMB,
      timeout: Duration.seconds(props.spec.timeoutSeconds),
      description: `meeting-cycle ${props.spec.id}`,
      role,
      logGroup,
      // Powertools writes JSON already; the platform lines then match and the level filter applies to both.
      loggingFormat: LoggingFormat.JSON,
      // Lambda's filter drops JSON lines below this level, so it follows Powertools' or DEBUG would vanish.
      applicationLogLevelV2: ApplicationLogLevel[logLevel],
      systemLogLevelV2: SystemLogLevel.WARN,
      // CDK grants the X-Ray writes to the role; the runtime's tracer adds the SDK calls as subsegments.
      tracing: Tracing.ACTIVE,
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      environment: {
        ...(FUNCTION_NODE_OPTIONS.length ? { NODE_OPTIONS: FUNCTION_NODE_OPTIONS.join(' ') } : {}),
        ...powertoolsEnvironment(logLevel),
      },
    });
    this.spec = props.spec;
    this.executionRole = role;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only actions with no resource-level permission are granted on *: xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing), and for a function that sends, ses:GetAccount (the account’s send quota).',
    });
  }

  /** Sets `TABLE_NAME` and grants `access` on the table and its GSI1 (only that index, by name). */
  bindTable(table: ITable, access: FunctionSpec['needs']['table']): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    Grant.addToPrincipal({
      grantee: this,
      actions: [...TABLE_ACTIONS[access]],
      resourceArns: [table.tableArn, `${table.tableArn}/index/${GSI1}`],
    });
    return this;
  }

  /**
   * Sets `DOCUMENTS_BUCKET` and grants reading the objects under `access.read` and writing those under
   * `access.write` (each one of object-keys.ts PREFIXES, ending in `/`), and nothing under any other
   * prefix: the link pages cannot read members' raw replies, the tasks cannot read unchecked uploads.
   * `s3:ListBucket` on the bucket alone is there so that a missing key reads as 404 NoSuchKey rather than
   * 403, which the S3 adapter maps to a not-found error; it names keys and reads no object.
   */
  bindDocumentAccess(bucket: IBucket, access: DocumentAccess): this {
    const prefixes = [...access.read, ...access.write];
    if (prefixes.length === 0 || prefixes.some((p) => !/^[a-z-]+\/$/.test(p)))
      throw new Error(`Document prefixes look like "minutes/": got ${JSON.stringify(access)}`);
    this.addEnvironment('DOCUMENTS_BUCKET', bucket.bucketName);
    Grant.addToPrincipal({ grantee: this, actions: ['s3:ListBucket'], resourceArns: [bucket.bucketArn] });
    const objects = (list: readonly string[]) => list.map((p) => bucket.arnForObjects(`${p}*`));
    if (access.read.length > 0) Grant.addToPrincipal({ grantee: this, actions: [...DOCUMENT_OBJECT_ACTIONS.read], resourceArns: objects(access.read) });
    if (access.write.length > 0) Grant.addToPrincipal({ grantee: this, actions: [...DOCUMENT_OBJECT_ACTIONS.write], resourceArns: objects(access.write) });
    Validations.of(this.executionRole).acknowledge(
      ...[...new Set(prefixes)].map((p) => {
        const actions = [...(access.read.includes(p) ? DOCUMENT_OBJECT_ACTIONS.read : []), ...(access.write.includes(p) ? DOCUMENT_OBJECT_ACTIONS.write : [])];
        return {
          id: iam5WildcardFinding(bucket, `/${p}*`),
          reason: `Object keys under ${p} are created at run time per cycle; the grant is ${actions.join(', ')} alone, on this prefix of this one bucket.`,
        };
      }),
    );
    return this;
  }

  /** {@link TaskFunction.bindDocumentAccess} for a function that only reads, under `prefixes`. */
  bindDocumentPrefixes(bucket: IBucket, prefixes: readonly string[]): this {
    return this.bindDocumentAccess(bucket, { read: prefixes as DocumentAccess['read'], write: [] });
  }

  /**
   * Grants `states:StopExecution` on the executions of this one state machine: moving a running cycle
   * stops its execution before starting the re-planned one, and cancelling stops one its schedule may
   * just have started. Starting is {@link TaskFunction.bindScheduler}'s.
   */
  bindExecutionStop(stateMachine: IStateMachine & { readonly stateMachineName: string }): this {
    const executions = Arn.format(
      {
        partition: Aws.PARTITION,
        service: 'states',
        resource: 'execution',
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        resourceName: `${stateMachine.stateMachineName}:*`,
      },
      Stack.of(this),
    );
    Grant.addToPrincipal({ grantee: this, actions: ['states:StopExecution'], resourceArns: [executions] });
    Validations.of(this.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagNotation(Stack.of(this), executions)}]`,
      reason:
        'Executions are started at run time, one per cycle and per move, and named for them; the grant is states:StopExecution alone, on the executions of the app’s one state machine.',
    });
    return this;
  }

  /**
   * Sets `SENDER_EMAIL`, `SES_CONFIGURATION_SET` and `APP_URL` (the origin of the links every email
   * carries) and grants sending as the sender through the configuration set.
   */
  bindMail(mail: MailBinding, appUrl: string): this {
    this.addEnvironment('SENDER_EMAIL', mail.senderEmail);
    this.addEnvironment('SES_CONFIGURATION_SET', mail.configurationSet.configurationSetName);
    this.addEnvironment('APP_URL', appUrl);
    // Whoever sends may put a one-time Reply-To address in the email, so every sender knows the domain.
    if (mail.inboundDomain) this.addEnvironment('INBOUND_DOMAIN', mail.inboundDomain);
    // ses:GetAccount on * is acknowledged with X-Ray's writes in the constructor: one finding id per role.
    mail.grantSend(this);
    return this;
  }

  /**
   * Grants `states:SendTaskSuccess`/`SendTaskFailure`/`SendTaskHeartbeat` on this one state machine. No
   * environment variable: the task token stored in the table identifies the execution.
   *
   * The grant is a policy of its own on the role, not the role's default policy: CloudFormation creates a
   * function after its default policy, and the state machine, which invokes the tasks, after them. For a
   * task that also answers callbacks (SendActionReminders wakes the follow-up), a grant naming the state
   * machine in the default policy would close a dependency cycle; a separate policy is created last.
   */
  bindWorkflowCallback(stateMachine: IStateMachine): this {
    const policy = new Policy(this, 'WorkflowCallback', {
      statements: [
        new PolicyStatement({
          actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          resources: [stateMachine.stateMachineArn],
        }),
      ],
    });
    policy.attachToRole(this.executionRole);
    return this;
  }

  /**
   * Sets `SCHEDULE_GROUP_NAME`, `SCHEDULER_ROLE_ARN`, `STATE_MACHINE_ARN` and `SCHEDULE_DLQ_ARN` (the
   * dead-letter queue every schedule names; the scheduler's role, not this one, sends to it), and grants what starting a cycle
   * takes: creating, updating and deleting schedules in the app's group only, passing the scheduler's role
   * only (and only to EventBridge Scheduler), and `states:StartExecution` on this state machine for a cycle
   * whose agenda call is already due.
   */
  bindScheduler(scheduling: SchedulingBinding, stateMachine: IStateMachine): this {
    this.addEnvironment('SCHEDULE_GROUP_NAME', scheduling.group.scheduleGroupName);
    this.addEnvironment('SCHEDULER_ROLE_ARN', scheduling.role.roleArn);
    this.addEnvironment('STATE_MACHINE_ARN', stateMachine.stateMachineArn);
    this.addEnvironment('SCHEDULE_DLQ_ARN', scheduling.deadLetterQueue.queueArn);
    scheduling.group.grants.writeSchedules(this);
    scheduling.group.grants.deleteSchedules(this);
    Grant.addToPrincipal({
      grantee: this,
      actions: ['iam:PassRole'],
      resourceArns: [scheduling.role.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
    stateMachine.grantStartExecution(this);
    const schedules = Arn.format(
      { partition: Aws.PARTITION, service: 'scheduler', resource: 'schedule', resourceName: `${scheduling.group.scheduleGroupName}/*` },
      Stack.of(this),
    );
    Validations.of(this.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagNotation(Stack.of(this), schedules)}]`,
      reason:
        'Schedules are created at run time, one per confirmed cycle and named for it; the grant covers the schedules of the app’s own schedule group only, with the create, update and delete actions alone.',
    });
    return this;
  }
}

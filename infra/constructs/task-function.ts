import * as path from 'node:path';
import { Arn, ArnFormat, Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable, type IRole, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ScheduleGroupGrants } from 'aws-cdk-lib/aws-scheduler';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '../../functions/catalog';
import { GSI1 } from '../../functions/shared/table/keys';
import { iam5WildcardFinding, nagNotation } from './nag';

/**
 * The one Lambda runtime of the app: the Node major of the `node` package in package.json's dependencies,
 * which bin/cycle.cjs runs the CLI on when the shell's own `node` is older.
 */
export const PINNED_RUNTIME = Runtime.NODEJS_24_X;

/** Dependencies' ESM builds first (the AWS SDK ships both), so esbuild can tree-shake them. */
export const BUNDLE_MAIN_FIELDS = ['module', 'main'] as const;
/** CommonJS dependencies inside an ESM bundle still call `require`: give them one. */
export const BUNDLE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** Repository root: the esbuild project root and the place of the lock file. */
const REPO_ROOT = path.resolve(__dirname, '../..');

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
 * What `'read'` and `'readWrite'` mean on the documents bucket's objects: the S3 adapter's Get/Head/Put
 * and presigned GET/POST, which S3 authorises against the signer (this role). Nothing may delete: a new
 * version of a paper or minutes is a new key, and the bucket keeps overwritten versions.
 */
export const DOCUMENT_OBJECT_ACTIONS = {
  read: ['s3:GetObject'],
  // A pack is uploaded in parts (multipart); a failed upload is aborted at once rather than left to the lifecycle rule.
  readWrite: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
} as const satisfies Record<NonNullable<FunctionSpec['needs']['documents']>, readonly string[]>;

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
}

/**
 * A handler from `functions/<dir>/handler.ts`, bundled by esbuild, with the runtime, architecture, logs
 * and source maps pinned in one place. Access is given only through the `bind*` methods, each of which
 * sets the environment variable the handler reads and the matching grant in one call, so they cannot
 * drift apart.
 *
 * Output is ESM: `@middy/core` ships ESM only, and ESM lets a handler await its set-up at module scope.
 * esbuild's ESM output has no `require`, so a bundled CommonJS dependency that requires at run time would
 * throw "Dynamic require of 'x' is not supported"; the banner gives it Node's own. Today's bundles only
 * do so inside a try/catch (moment's locale loader), so the banner is a guard for the next dependency.
 */
export class TaskFunction extends NodejsFunction {
  /** The catalog entry this function was built from. */
  readonly spec: FunctionSpec;
  /** The function's own role (see the constructor); acknowledgements of its findings attach here. */
  private readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: TaskFunctionProps) {
    // Created beside the function rather than inside it because NodejsFunction takes both as props.
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

    super(scope, id, {
      entry: path.join(REPO_ROOT, 'functions', props.spec.dir, 'handler.ts'),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      runtime: PINNED_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(props.spec.timeoutSeconds),
      description: `meeting-cycle ${props.spec.id}`,
      role,
      logGroup,
      // Powertools writes JSON already; the platform lines then match and the level filter applies to both.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'meeting-cycle',
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: [...BUNDLE_MAIN_FIELDS],
        banner: BUNDLE_BANNER,
        minify: true,
        // Errors reach Step Functions by class name (Retry, Catch): minified names would match nothing.
        keepNames: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        // Stack traces need file and line only; the sources are in the repository, not in the bundle.
        sourcesContent: false,
        // The SDK versions in package-lock.json are the ones the tests ran against; the copy inside the
        // Lambda runtime lags and changes under us.
        bundleAwsSDK: true,
      },
    });
    this.spec = props.spec;
    this.executionRole = role;
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
   * Sets `DOCUMENTS_BUCKET` and grants `access` on its objects. `s3:ListBucket` on the bucket alone is
   * there so that a missing key reads as 404 NoSuchKey rather than 403, which the S3 adapter maps to a
   * not-found error.
   */
  bindDocuments(bucket: IBucket, access: NonNullable<FunctionSpec['needs']['documents']>): this {
    this.addEnvironment('DOCUMENTS_BUCKET', bucket.bucketName);
    Grant.addToPrincipal({ grantee: this, actions: ['s3:ListBucket'], resourceArns: [bucket.bucketArn] });
    Grant.addToPrincipal({
      grantee: this,
      actions: [...DOCUMENT_OBJECT_ACTIONS[access]],
      resourceArns: [bucket.arnForObjects('*')],
    });
    Validations.of(this.executionRole).acknowledge({
      id: iam5WildcardFinding(bucket, '/*'),
      reason:
        'Object keys are created at run time per board and cycle (papers, packs, minutes); the grant covers this one bucket and only the object actions listed in DOCUMENT_OBJECT_ACTIONS.',
    });
    return this;
  }

  /**
   * Sets `DOCUMENTS_BUCKET` and grants reading the objects under `prefixes` only (each one of
   * object-keys.ts PREFIXES, ending in `/`), for a function that serves some kinds of document and must
   * not read the others. `s3:ListBucket` as in {@link TaskFunction.bindDocuments}: it names keys, reads no object.
   */
  bindDocumentPrefixes(bucket: IBucket, prefixes: readonly string[]): this {
    if (prefixes.length === 0 || prefixes.some((p) => !/^[a-z-]+\/$/.test(p)))
      throw new Error(`Document prefixes look like "minutes/": got ${JSON.stringify(prefixes)}`);
    this.addEnvironment('DOCUMENTS_BUCKET', bucket.bucketName);
    Grant.addToPrincipal({ grantee: this, actions: ['s3:ListBucket'], resourceArns: [bucket.bucketArn] });
    Grant.addToPrincipal({ grantee: this, actions: ['s3:GetObject'], resourceArns: prefixes.map((p) => bucket.arnForObjects(`${p}*`)) });
    Validations.of(this.executionRole).acknowledge(
      ...prefixes.map((p) => ({
        id: iam5WildcardFinding(bucket, `/${p}*`),
        reason: `Object keys under ${p} are created at run time per cycle; the grant is s3:GetObject alone, on this prefix of this one bucket.`,
      })),
    );
    return this;
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
    mail.grantSend(this);
    Validations.of(this.executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: "ses:GetAccount (the account's send quota, which every sender shares) supports no resource-level permission; it is the only action granted on *.",
    });
    return this;
  }

  /**
   * Grants `states:SendTaskSuccess`/`SendTaskFailure`/`SendTaskHeartbeat` on this one state machine. No
   * environment variable: the task token stored in the table identifies the execution.
   */
  bindWorkflowCallback(stateMachine: IStateMachine): this {
    stateMachine.grantTaskResponse(this);
    return this;
  }

  /**
   * Sets `SCHEDULE_GROUP_NAME`, `SCHEDULER_ROLE_ARN` and `STATE_MACHINE_ARN`, and grants what starting a cycle
   * takes: creating, updating and deleting schedules in the app's group only, passing the scheduler's role
   * only (and only to EventBridge Scheduler), and `states:StartExecution` on this state machine for a cycle
   * whose agenda call is already due.
   */
  bindScheduler(scheduling: SchedulingBinding, stateMachine: IStateMachine): this {
    this.addEnvironment('SCHEDULE_GROUP_NAME', scheduling.group.scheduleGroupName);
    this.addEnvironment('SCHEDULER_ROLE_ARN', scheduling.role.roleArn);
    this.addEnvironment('STATE_MACHINE_ARN', stateMachine.stateMachineArn);
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

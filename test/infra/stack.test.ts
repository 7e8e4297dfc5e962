import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CfnElement, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { type FunctionSpec, HTTP_FUNCTION, TASK_FUNCTIONS } from '../../functions/catalog';
import { TABLE_DEFINITION } from '../../functions/shared/table/keys';
import { MAIL_EVENTS_FUNCTION } from '../../infra/constructs/bounces';
import { CONSOLE_FUNCTION } from '../../infra/constructs/console';
import { documentAccessOf } from '../../infra/constructs/document-access';
import { PINNED_RUNTIME } from '../../infra/constructs/task-function';
import { ASL_FILE, aslPlaceholders } from '../../infra/constructs/workflow';
import { CONTEXT_KEYS, createApp } from '../../infra/create-app';
import type { MeetingCycleStack } from '../../infra/meeting-cycle-stack';
import { STACK_OUTPUTS } from '../../infra/stack-outputs';

// Bundling skipped: these tests are about intent (grants, wiring, settings), not the handlers' code.
const CONTEXT = { 'aws:cdk:bundling-stacks': [], [CONTEXT_KEYS.senderEmail]: 'secretariat@example.org' };
const ALL_FUNCTIONS: readonly FunctionSpec[] = [...TASK_FUNCTIONS, HTTP_FUNCTION];

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  [key: string]: unknown;
}
interface ValidationReport {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

let stack: MeetingCycleStack;
let template: Template;
let resources: Record<string, Resource>;
let report: ValidationReport;

beforeAll(() => {
  const built = createApp({ context: CONTEXT });
  stack = built.stack;
  // Throws, with the report, if any AwsSolutions error is unacknowledged; warnings only reach the report.
  const assembly = built.app.synth();
  report = JSON.parse(fs.readFileSync(path.join(assembly.directory, VALIDATION_REPORT_FILE), 'utf8')) as ValidationReport;
  template = Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template as Record<string, unknown>);
  resources = template.toJSON().Resources as Record<string, Resource>;
}, 60_000);

const logicalId = (construct: IConstruct): string => stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnElement)) as string;
const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });
const fnFor = (spec: FunctionSpec) => stack.functions.all.find((fn) => fn.spec === spec)!;
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement): unknown[] => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** Every Allow statement of every identity policy, with the roles it is attached to. */
const allowStatements = (): { roles: string[]; statement: Statement }[] =>
  Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((policy) => {
      const roles = (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref);
      const document = policy.Properties.PolicyDocument as { Statement: Statement[] };
      return document.Statement.filter((s) => s.Effect === 'Allow').map((statement) => ({ roles, statement }));
    });
const roleOfFunction = (spec: FunctionSpec): string => {
  const props = resources[logicalId(fnFor(spec))]!.Properties;
  return (props.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
};
const statementsOfRole = (role: string): Statement[] =>
  allowStatements()
    .filter(({ roles }) => roles.includes(role))
    .map(({ statement }) => statement);
const envOf = (spec: FunctionSpec): Record<string, unknown> =>
  (resources[logicalId(fnFor(spec))]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const stateMachine = (): Resource => Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as Resource;

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding, error or warning', () => {
    const findings = report.pluginReports.flatMap((plugin) =>
      plugin.violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`),
    );
    expect(findings).toEqual([]);
  });

  it('acknowledges findings one by one, each with a specific reason', () => {
    const acknowledgements = stack.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));

    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements) {
      // A bare IAM5 would hide every wildcard on the construct, including ones added later.
      expect(id).not.toMatch(/^AwsSolutions-IAM5$/);
      expect(reason.length).toBeGreaterThanOrEqual(60);
    }
  });

  it('fails the synth when a resource breaks a rule', () => {
    const { app, stack: other } = createApp({ context: CONTEXT });
    new Bucket(other, 'Careless');

    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  }, 60_000);
});

describe('MeetingCycle stack', () => {
  it('provides every ${...} placeholder of the ASL file, and no other substitution', () => {
    const placeholders = [...aslPlaceholders(fs.readFileSync(ASL_FILE, 'utf8'))].sort();
    const substitutions = stateMachine().Properties.DefinitionSubstitutions as Record<string, unknown>;

    expect(Object.keys(substitutions).sort()).toEqual(placeholders);
    for (const spec of TASK_FUNCTIONS) {
      expect(substitutions[spec.substitution!]).toEqual(arnOf(fnFor(spec)));
    }
  });

  it('lets the state machine invoke exactly the task functions, and nothing else invoke any', () => {
    const smRole = (stateMachine().Properties.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const invoking = allowStatements().filter(({ statement }) => actionsOf(statement).some((a) => a === '*' || a.startsWith('lambda:')));

    expect(invoking.every(({ roles }) => roles.length === 1 && roles[0] === smRole)).toBe(true);
    expect(invoking.flatMap(({ statement }) => actionsOf(statement))).toEqual(expect.arrayContaining(['lambda:InvokeFunction']));
    const invoked = invoking.flatMap(({ statement }) => resourcesOf(statement)).map((r) => JSON.stringify(r));
    const expected = TASK_FUNCTIONS.flatMap((spec) => {
      const arn = arnOf(fnFor(spec));
      return [arn, { 'Fn::Join': ['', [arn, ':*']] }];
    }).map((r) => JSON.stringify(r));
    expect(invoked.sort()).toEqual(expected.sort());
    expect(invoked).not.toContain(JSON.stringify(arnOf(fnFor(HTTP_FUNCTION))));
  });

  it('lets only the functions whose catalog entry says so send task responses, and only to this state machine', () => {
    const responding = allowStatements().filter(({ statement }) => actionsOf(statement).some((a) => a === '*' || a.startsWith('states:SendTask')));
    const smRef = { Ref: logicalId(stack.workflow.stateMachine) };
    // The inbound mail function is not deployed here (no inbound domain); the console's role is its construct's.
    const deployed = [...TASK_FUNCTIONS, HTTP_FUNCTION].filter((spec) => spec.needs.workflowCallback);
    const roles = [...deployed.map(roleOfFunction), ...(CONSOLE_FUNCTION.needs.workflowCallback ? [logicalId(stack.console.handler.role!)] : [])];

    expect(responding.map(({ roles: r }) => r).sort()).toEqual(roles.map((role) => [role]).sort());
    expect([...deployed.map((spec) => spec.id), CONSOLE_FUNCTION.id]).toEqual(expect.arrayContaining([HTTP_FUNCTION.id, 'SendActionReminders']));
    expect(CONSOLE_FUNCTION.needs.workflowCallback).toBe(true);
    for (const { statement } of responding) {
      expect(actionsOf(statement)).toEqual(expect.arrayContaining(['states:SendTaskSuccess', 'states:SendTaskFailure']));
      expect(actionsOf(statement).every((a) => /^states:SendTask(Success|Failure|Heartbeat)$/.test(a))).toBe(true);
      expect(resourcesOf(statement)).toEqual([smRef]);
    }
  });

  it.each(ALL_FUNCTIONS.map((spec) => [spec.id, spec] as const))('gives %s exactly the access its catalog entry needs', (_id, spec) => {
    const statements = statementsOfRole(roleOfFunction(spec));
    const actions = statements.flatMap(actionsOf);
    const env = envOf(spec);

    // No wildcard resource on a function's role: every grant names its table, bucket or identity, but
    // for writing traces and reading the SES send quota, which have no resource to name.
    expect(
      statements
        .filter((s) => resourcesOf(s).includes('*'))
        .flatMap(actionsOf)
        .sort(),
    ).toEqual([...(spec.needs.mail ? ['ses:GetAccount'] : []), 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'].sort());

    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    expect(actions.includes('dynamodb:PutItem')).toBe(spec.needs.table === 'readWrite');
    expect(actions).not.toContain('dynamodb:Scan');
    expect(env.TABLE_NAME).toEqual({ Ref: logicalId(stack.data.table) });

    // The catalog allows the bucket; document-access.ts narrows it to prefixes (operations.test.ts checks which).
    const documents = documentAccessOf(spec);
    expect(actions.includes('s3:GetObject')).toBe((documents?.read.length ?? 0) > 0);
    expect(actions.includes('s3:PutObject')).toBe((documents?.write.length ?? 0) > 0);
    expect(actions.includes('s3:AbortMultipartUpload')).toBe((documents?.write.length ?? 0) > 0);
    expect(actions.some((a) => a.startsWith('s3:Delete'))).toBe(false);
    expect('DOCUMENTS_BUCKET' in env).toBe(documents !== undefined);

    const ses = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    if (spec.needs.mail) {
      expect(ses.flatMap(actionsOf).sort()).toEqual(['ses:GetAccount', 'ses:SendEmail']);
      const send = ses.filter((s) => actionsOf(s).includes('ses:SendEmail'));
      expect(send.flatMap(actionsOf)).toEqual(['ses:SendEmail']);
      expect(send.flatMap(resourcesOf)).toHaveLength(2);
      expect(Object.keys(env)).toEqual(expect.arrayContaining(['SENDER_EMAIL', 'SES_CONFIGURATION_SET', 'APP_URL']));
    } else {
      expect(ses).toEqual([]);
      expect('SENDER_EMAIL' in env).toBe(false);
    }

    expect(actions.some((a) => a.startsWith('states:SendTask'))).toBe(spec.needs.workflowCallback === true);
    expect(actions.filter((a) => a.startsWith('states:') && !a.startsWith('states:SendTask'))).toEqual(spec.needs.scheduler ? ['states:StartExecution'] : []);
    expect(actions.some((a) => a.startsWith('scheduler:') || a === 'iam:PassRole')).toBe(spec.needs.scheduler === true);
    expect(['SCHEDULE_GROUP_NAME', 'SCHEDULER_ROLE_ARN', 'SCHEDULE_DLQ_ARN'].filter((name) => name in env)).toEqual(
      spec.needs.scheduler ? ['SCHEDULE_GROUP_NAME', 'SCHEDULER_ROLE_ARN', 'SCHEDULE_DLQ_ARN'] : [],
    );
  });

  it('runs every function on arm64 with the pinned runtime, its own log group and source maps', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as Resource[];

    expect(functions).toHaveLength(ALL_FUNCTIONS.length + [CONSOLE_FUNCTION, MAIL_EVENTS_FUNCTION].length);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: PINNED_RUNTIME.name,
        LoggingConfig: { LogGroup: expect.anything() },
      });
      // No `--enable-source-maps`: it parses every file's map at each cold start; the bundles map a trace when one is printed.
      expect((fn.Properties as { Environment: { Variables: Record<string, string> } }).Environment.Variables['NODE_OPTIONS']).toBeUndefined();
    }
  });

  it('keeps the table recoverable: point-in-time recovery, deletion protection, TTL, retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: TABLE_DEFINITION.gsi1.name,
            KeySchema: [
              { AttributeName: TABLE_DEFINITION.gsi1.partitionKey, KeyType: 'HASH' },
              { AttributeName: TABLE_DEFINITION.gsi1.sortKey, KeyType: 'RANGE' },
            ],
          }),
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
      }),
    });
  });

  it('keeps documents and their access logs private and TLS-only, and documents versioned', () => {
    for (const bucket of [stack.documents.bucket, stack.documents.logsBucket]) {
      const id = logicalId(bucket);
      expect(resources[id]!.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
    expect(resources[logicalId(stack.documents.bucket)]!.Properties.VersioningConfiguration).toEqual({
      Status: 'Enabled',
    });
  });

  it('logs every execution in full and traces it', () => {
    expect(stateMachine().Properties).toMatchObject({
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
      TracingConfiguration: { Enabled: true },
    });
  });

  it('routes the link, health and public agenda paths to the Http function, with access logs and throttling', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => (route as Resource).Properties.RouteKey);
    // The console's routes (console.test.ts checks where they go).
    expect(routeKeys.sort()).toEqual([
      'ANY /console',
      'ANY /console/{proxy+}',
      'GET /',
      'GET /health',
      'GET /l/{token}',
      'GET /l/{token}/{proxy+}',
      'GET /public/{proxy+}',
      'POST /l/{token}',
      'POST /l/{token}/{proxy+}',
    ]);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationUri: arnOf(fnFor(HTTP_FUNCTION)),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
    // The path carries a live link token; access logs must not.
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage')) as Resource[];
    expect(JSON.stringify(stage!.Properties.AccessLogSettings)).not.toContain('$context.path');
  });

  it('outputs what the cycle CLI reads, as stack-outputs.ts lists them (the inbound domain only with one)', () => {
    const expected = Object.keys(STACK_OUTPUTS).filter((key) => key !== 'InboundDomain' && key !== 'InboundFailuresQueueUrl');
    // Besides these, the DNS records to add by hand (operations.test.ts checks them).
    const outputs = Object.keys(template.findOutputs('*')).filter((key) => !/^(Mail|Api)\w*Record/.test(key));
    expect(outputs.sort()).toEqual(expected.sort());
  });

  it('refuses to build without a sender address', () => {
    expect(() => createApp({ context: { 'aws:cdk:bundling-stacks': [] } })).toThrow(CONTEXT_KEYS.senderEmail);
  });
});

/** An ARN as one string, with references written `<Ref>` and `<Id.Attr>` (as cdk-nag names them). */
const flat = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const token = value as { Ref?: string; 'Fn::GetAtt'?: string[]; 'Fn::Join'?: [string, unknown[]] };
  if (token.Ref) return `<${token.Ref}>`;
  if (token['Fn::GetAtt']) return `<${token['Fn::GetAtt'].join('.')}>`;
  if (token['Fn::Join']) return token['Fn::Join'][1].map(flat).join(token['Fn::Join'][0]);
  return JSON.stringify(value);
};

describe('scheduled starts of the next cycle', () => {
  const groupName = () => resources[logicalId(stack.scheduling.group)]!.Properties.Name as string;
  const schedulerRole = () => logicalId(stack.scheduling.role);
  const smRef = () => ({ Ref: logicalId(stack.workflow.stateMachine) });

  it('keeps the schedules in a group of their own', () => {
    expect(Object.keys(template.findResources('AWS::Scheduler::ScheduleGroup'))).toEqual([logicalId(stack.scheduling.group)]);
    expect(groupName()).toEqual(expect.any(String));
  });

  it('runs them as a role only EventBridge Scheduler can assume, for this account and group, that may only start this state machine (and dead-letter a failed start)', () => {
    const trust = resources[schedulerRole()]!.Properties.AssumeRolePolicyDocument as { Statement: (Statement & { Principal: unknown; Condition: unknown })[] };
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalId(stack.scheduling.group), 'Arn'] } },
        },
      }),
    ]);
    const statements = statementsOfRole(schedulerRole());
    expect(statements.flatMap(actionsOf).filter((a) => !a.startsWith('sqs:'))).toEqual(['states:StartExecution']);
    expect(statements.filter((s) => actionsOf(s).includes('states:StartExecution')).flatMap(resourcesOf)).toEqual([smRef()]);
    // And send a start that failed for good to the dead-letter queue, nothing else (operations.test.ts).
    expect(statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:'))).flatMap(resourcesOf)).toEqual([arnOf(stack.scheduling.deadLetterQueue)]);
  });

  it('lets only the Http and console functions schedule starts: create, update and delete in the group, passing that role, and start the state machine', () => {
    const http = roleOfFunction(HTTP_FUNCTION);
    const console = logicalId(stack.console.handler.role!);
    const scheduling = allowStatements().filter(({ statement }) => actionsOf(statement).some((a) => a === '*' || a.startsWith('scheduler:')));
    expect(scheduling.every(({ roles }) => roles.length === 1)).toBe(true);
    expect([...new Set(scheduling.map(({ roles }) => roles[0]))].sort()).toEqual([http, console].sort());
    for (const role of [http, console]) {
      expect(
        scheduling
          .filter(({ roles }) => roles[0] === role)
          .flatMap(({ statement }) => actionsOf(statement))
          .sort(),
      ).toEqual(['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:UpdateSchedule']);
    }
    expect([...new Set(scheduling.flatMap(({ statement }) => resourcesOf(statement)).map(flat))]).toEqual([
      `arn:<AWS::Partition>:scheduler:${stack.region}:<AWS::AccountId>:schedule/${groupName()}/*`,
    ]);

    const passing = allowStatements().filter(({ statement }) => actionsOf(statement).some((a) => a.startsWith('iam:')));
    expect(passing.map(({ roles }) => roles).sort()).toEqual([[http], [console]].sort());
    for (const { statement } of passing) {
      expect(statement).toEqual({
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: { 'Fn::GetAtt': [schedulerRole(), 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      });
    }

    const starting = allowStatements().filter(({ statement }) => actionsOf(statement).includes('states:StartExecution'));
    expect(starting.map(({ roles }) => roles).sort()).toEqual([[http], [console], [schedulerRole()]].sort());
    expect(starting.flatMap(({ statement }) => resourcesOf(statement))).toEqual([smRef(), smRef(), smRef()]);
  });

  it('tells the Http function where to schedule, as whom, and what to start', () => {
    expect(envOf(HTTP_FUNCTION)).toMatchObject({
      SCHEDULE_GROUP_NAME: groupName(),
      SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': [schedulerRole(), 'Arn'] },
      STATE_MACHINE_ARN: smRef(),
    });
  });
});

describe('MeetingCycle stack with an inbound mail domain', () => {
  const DOMAIN = 'replies.example.org';
  let inboundStack: MeetingCycleStack;
  let inbound: Template;
  let inboundReport: ValidationReport;

  beforeAll(() => {
    const built = createApp({ context: { ...CONTEXT, [CONTEXT_KEYS.inboundDomain]: DOMAIN } });
    inboundStack = built.stack;
    const assembly = built.app.synth();
    inboundReport = JSON.parse(fs.readFileSync(path.join(assembly.directory, VALIDATION_REPORT_FILE), 'utf8')) as ValidationReport;
    inbound = Template.fromJSON(assembly.getStackArtifact(inboundStack.artifactId).template as Record<string, unknown>);
  }, 60_000);

  const idOf = (construct: IConstruct): string => inboundStack.resolve(inboundStack.getLogicalId(construct.node.defaultChild as CfnElement)) as string;

  it('passes cdk-nag with the receipt rule and inbound function added', () => {
    expect(inboundReport.pluginReports.flatMap((p) => p.violations.map((v) => v.ruleName))).toEqual([]);
  });

  it('stores every reply to the domain in the bucket, then invokes the inbound handler, after spam and virus scans over TLS', () => {
    const fn = inboundStack.functions.inbound!;
    inbound.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: {
        Enabled: true,
        Recipients: [DOMAIN],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          { S3Action: { BucketName: { Ref: idOf(inboundStack.documents.bucket) }, ObjectKeyPrefix: 'inbound/' } },
          { LambdaAction: { FunctionArn: { 'Fn::GetAtt': [idOf(fn), 'Arn'] }, InvocationType: 'Event' } },
        ],
      },
    });
    inbound.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'ses.amazonaws.com', FunctionName: { 'Fn::GetAtt': [idOf(fn), 'Arn'] } });
    // Received mail is personal data: kept 90 days, then deleted.
    inbound.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Prefix: 'inbound/', ExpirationInDays: 90, Status: 'Enabled' })]) },
    });
    expect(Object.keys(inbound.findOutputs('*'))).toEqual(expect.arrayContaining([expect.stringMatching(/InboundRuleSetName/)]));
  });

  it('tells every sender the domain, so approval emails carry a one-time Reply-To address', () => {
    const variables = (fn: IConstruct) => (inbound.toJSON().Resources[idOf(fn)].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const chairApproval = inboundStack.functions.tasks.find((t) => t.spec.id === 'WaitForChairApproval')!;
    expect(variables(chairApproval).INBOUND_DOMAIN).toBe(DOMAIN);
    expect(variables(inboundStack.functions.inbound!).INBOUND_DOMAIN).toBe(DOMAIN);
    // The CLI (actions assign --aws) makes reply addresses on it too.
    expect(inbound.findOutputs('InboundDomain')).toEqual({ InboundDomain: expect.objectContaining({ Value: DOMAIN }) });
  });

  it('has no receipt rule and no inbound function without the domain, and refuses a malformed one', () => {
    expect(stack.functions.inbound).toBeUndefined();
    expect(Object.keys(template.findResources('AWS::SES::ReceiptRule'))).toEqual([]);
    expect(JSON.stringify(template.toJSON())).not.toContain('INBOUND_DOMAIN');
    expect(() => createApp({ context: { ...CONTEXT, [CONTEXT_KEYS.inboundDomain]: 'reply@example.org' } })).toThrow(/without "@"/);
  });
});

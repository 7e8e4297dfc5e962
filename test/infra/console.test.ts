import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { TABLE_DEFINITION } from '../../functions/shared/table/keys';
import { PREFIXES } from '../../functions/shared/table/object-keys';
import { CONTEXT_KEYS, createApp } from '../../infra/create-app';
import type { MeetingCycleStack } from '../../infra/meeting-cycle-stack';

const CONTEXT = {
  'aws:cdk:bundling-stacks': [],
  [CONTEXT_KEYS.senderEmail]: 'secretariat@example.org',
  [CONTEXT_KEYS.adminEmails]: ' Clerk@Example.org, it@example.org ',
};

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

let stack: MeetingCycleStack;
let template: Template;
let resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
let nagFindings: string[];

beforeAll(() => {
  const built = createApp({ context: CONTEXT });
  stack = built.stack;
  const assembly = built.app.synth();
  const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, VALIDATION_REPORT_FILE), 'utf8')) as {
    pluginReports: { violations: { ruleName: string }[] }[];
  };
  nagFindings = report.pluginReports.flatMap((p) => p.violations.map((v) => v.ruleName));
  template = Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template as Record<string, unknown>);
  resources = template.toJSON().Resources as typeof resources;
}, 60_000);

const logicalId = (construct: IConstruct): string => stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnElement)) as string;
const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });
const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** An ARN as one string, with references written `<Ref>` and `<Id.Attr>`. */
const flat = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const token = value as { Ref?: string; 'Fn::GetAtt'?: string[]; 'Fn::Join'?: [string, unknown[]] };
  if (token.Ref) return `<${token.Ref}>`;
  if (token['Fn::GetAtt']) return `<${token['Fn::GetAtt'].join('.')}>`;
  if (token['Fn::Join']) return token['Fn::Join'][1].map(flat).join(token['Fn::Join'][0]);
  return JSON.stringify(value);
};

/** Every Allow of the console role's policies, one line per action and resource: `action on resource`. */
const consoleGrants = (): string[] => {
  const role = logicalId(stack.console.handler.role!);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as { Ref: string }[]).some((x) => x.Ref === role))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .flatMap((s) => {
      expect(s.Effect).toBe('Allow');
      const condition = s.Condition ? ` if ${JSON.stringify(s.Condition)}` : '';
      return asList(s.Action).flatMap((a) => asList(s.Resource).map((r) => `${a} on ${flat(r)}${condition}`));
    })
    .sort();
};

describe('the console in AWS', () => {
  it('passes cdk-nag with the console function and its routes added', () => {
    expect(nagFindings).toEqual([]);
  });

  it('is its own function, bundled from functions/console/handler.ts', () => {
    const fn = resources[logicalId(stack.console.handler)]!;
    expect(fn.Type).toBe('AWS::Lambda::Function');
    expect(stack.console.handler).not.toBe(stack.functions.http);
    expect(fn.Properties).toMatchObject({ Description: 'meeting-cycle Console', Architectures: ['arm64'], Timeout: 29 });
  });

  it('answers /console, everything under it and GET /, while the links and the public agenda stay with the Http function', () => {
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const targetOf = (routeKey: string): unknown => {
      const route = Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }))[0] as
        { Properties: { Target: { 'Fn::Join': [string, [string, { Ref: string }]] } } } | undefined;
      if (!route) return undefined;
      const integration = route.Properties.Target['Fn::Join'][1][1].Ref;
      return (integrations[integration] as { Properties: { IntegrationUri: unknown } }).Properties.IntegrationUri;
    };
    for (const key of ['ANY /console', 'ANY /console/{proxy+}', 'GET /']) expect({ key, to: targetOf(key) }).toEqual({ key, to: arnOf(stack.console.handler) });
    for (const key of ['GET /l/{token}', 'POST /l/{token}', 'POST /l/{token}/{proxy+}', 'GET /public/{proxy+}', 'GET /health']) {
      expect({ key, to: targetOf(key) }).toEqual({ key, to: arnOf(stack.functions.http) });
    }
  });

  it('may do what the CLI’s operations do through the admin cores, and nothing more', () => {
    const table = flat(arnOf(stack.data.table));
    const bucket = flat(arnOf(stack.documents.bucket));
    const sm = flat({ Ref: logicalId(stack.workflow.stateMachine) });
    const smName = flat({ 'Fn::GetAtt': [logicalId(stack.workflow.stateMachine), 'Name'] });
    const schedules = `arn:<AWS::Partition>:scheduler:${stack.region}:<AWS::AccountId>:schedule/${flat(resources[logicalId(stack.scheduling.group)]!.Properties.Name)}/*`;
    const tableActions = ['BatchGetItem', 'BatchWriteItem', 'ConditionCheckItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'];
    const logs = flat(arnOf(stack.console.node.findChild('FunctionLogs')));

    const grants = consoleGrants();
    expect(grants).toEqual(
      [
        ...tableActions.flatMap((a) => [`dynamodb:${a} on ${table}`, `dynamodb:${a} on ${table}/index/${TABLE_DEFINITION.gsi1.name}`]),
        `s3:ListBucket on ${bucket}`,
        `s3:GetObject on ${bucket}/${PREFIXES.minutes}*`,
        `s3:GetObject on ${bucket}/${PREFIXES.papers}*`,
        `s3:GetObject on ${bucket}/${PREFIXES.packs}*`,
        `ses:SendEmail on ${flat(stack.resolve(stack.mail.identity.emailIdentityArn))}`,
        `ses:SendEmail on ${flat(stack.resolve(stack.mail.configurationSetArn))}`,
        'ses:GetAccount on *',
        `scheduler:CreateSchedule on ${schedules}`,
        `scheduler:UpdateSchedule on ${schedules}`,
        `scheduler:DeleteSchedule on ${schedules}`,
        `iam:PassRole on ${flat(arnOf(stack.scheduling.role))} if {"StringEquals":{"iam:PassedToService":"scheduler.amazonaws.com"}}`,
        `states:StartExecution on ${sm}`,
        // Assigning an action wakes the board's sleeping follow-ups.
        `states:SendTaskSuccess on ${sm}`,
        `states:SendTaskFailure on ${sm}`,
        `states:SendTaskHeartbeat on ${sm}`,
        `states:StopExecution on arn:<AWS::Partition>:states:${stack.region}:<AWS::AccountId>:execution:${smName}:*`,
        `logs:CreateLogStream on ${logs}`,
        `logs:PutLogEvents on ${logs}`,
        // Active tracing: X-Ray's writes name no resource.
        'xray:PutTelemetryRecords on *',
        'xray:PutTraceSegments on *',
      ].sort(),
    );
    // Members' replies are personal mail the console never shows; the unchecked uploads are never served.
    for (const prefix of [PREFIXES.inbound, PREFIXES.paperUploads, PREFIXES.minutesUploads]) expect(grants.join('\n')).not.toContain(`/${prefix}`);
    expect(grants.filter((g) => / on \*$/.test(g)).sort()).toEqual(['ses:GetAccount on *', 'xray:PutTelemetryRecords on *', 'xray:PutTraceSegments on *']);
    expect(grants.filter((g) => /^(s3:(Put|Delete)|lambda:)/.test(g))).toEqual([]);
  });

  it('tells the console where everything is and who its admins are', () => {
    const env = (resources[logicalId(stack.console.handler)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const httpEnv = (resources[logicalId(stack.functions.http)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env).toMatchObject({
      TABLE_NAME: { Ref: logicalId(stack.data.table) },
      DOCUMENTS_BUCKET: { Ref: logicalId(stack.documents.bucket) },
      STATE_MACHINE_ARN: { Ref: logicalId(stack.workflow.stateMachine) },
      SCHEDULE_GROUP_NAME: httpEnv.SCHEDULE_GROUP_NAME,
      SCHEDULER_ROLE_ARN: httpEnv.SCHEDULER_ROLE_ARN,
      APP_URL: httpEnv.APP_URL,
      SENDER_EMAIL: 'secretariat@example.org',
      SES_CONFIGURATION_SET: httpEnv.SES_CONFIGURATION_SET,
      CONSOLE_ADMIN_EMAILS: 'clerk@example.org,it@example.org',
    });
  });

  it('keeps sessions from outliving their expiry: the table’s TTL is on expiresAtEpoch', () => {
    expect(TABLE_DEFINITION.ttlAttribute).toBe('expiresAtEpoch');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expiresAtEpoch', Enabled: true },
    });
  });
});

describe('console admins named at deploy time', () => {
  const build = (adminEmails?: string) => createApp({ context: { ...CONTEXT, [CONTEXT_KEYS.adminEmails]: adminEmails } as Record<string, unknown> }).stack;
  const adminsOf = (built: MeetingCycleStack): unknown =>
    (Template.fromStack(built).toJSON().Resources as typeof resources)[
      built.resolve(built.getLogicalId(built.console.handler.node.defaultChild as CfnElement)) as string
    ]!.Properties.Environment;

  it('refuses a malformed address, naming it', () => {
    expect(() => build('clerk@example.org;it@example.org')).toThrow(/meeting-cycle:adminEmails is a comma-separated list .*"clerk@example.org;it@example.org"/);
    expect(() => build('clerk@example.org, not-an-address')).toThrow(/these are not addresses: "not-an-address"$/);
    expect(() => build('clerk@example.org;finance@example.org')).toThrow(/these are not addresses: "clerk@example.org;finance@example.org"$/);
    expect(() => build('clerk@example.org,Clerk <clerk@example.org>')).toThrow(/"Clerk <clerk@example.org>"$/);
  });

  it('deploys without admins, warning that nobody can create boards from the console', () => {
    const none = build(undefined);
    expect(adminsOf(none)).toMatchObject({ Variables: { CONSOLE_ADMIN_EMAILS: '' } });
    Annotations.fromStack(none).hasWarning('*', Match.stringLikeRegexp('nobody can create boards'));
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('nobody can create boards'));
  });
});

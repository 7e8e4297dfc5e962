import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { MAIL_EVENT_TYPES } from '../../functions/mail-events/schema';
import { PREFIXES } from '../../functions/shared/table/object-keys';
import { RETENTION_DAYS } from '../../infra/constructs/documents';
import { APP_METRICS, SES_ALARM_THRESHOLDS } from '../../infra/constructs/monitoring';
import { DEAD_LETTER_RETENTION } from '../../infra/constructs/queues';
import { CONTEXT_KEYS, createApp, DEFAULT_HTTP_CONCURRENCY } from '../../infra/create-app';
import type { MeetingCycleStack } from '../../infra/meeting-cycle-stack';

// Bundling skipped: these tests are about what the stack declares, not the handlers' code.
const BASE = { 'aws:cdk:bundling-stacks': [], [CONTEXT_KEYS.senderEmail]: 'secretariat@example.org' };
const OPERATOR = 'it@example.org';
const ZONE = 'Z0123456789ABCDEFGHIJ';

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
interface Built {
  stack: MeetingCycleStack;
  template: Template;
  resources: Record<string, Resource>;
  nag: string[];
}

const build = (context: Record<string, unknown>): Built => {
  const app = createApp({ context: { ...BASE, ...context } });
  const assembly = app.app.synth();
  const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, VALIDATION_REPORT_FILE), 'utf8')) as {
    pluginReports: { violations: { ruleName: string }[] }[];
  };
  const template = Template.fromJSON(assembly.getStackArtifact(app.stack.artifactId).template as Record<string, unknown>);
  return {
    stack: app.stack,
    template,
    resources: template.toJSON().Resources as Record<string, Resource>,
    nag: report.pluginReports.flatMap((p) => p.violations.map((v) => v.ruleName)),
  };
};

// The stack an operator deploys with replies by email and an alarm address; and one with its DNS in Route 53.
let full: Built;
let zoned: Built;

beforeAll(() => {
  full = build({ [CONTEXT_KEYS.inboundDomain]: 'replies.example.org', [CONTEXT_KEYS.alarmEmail]: OPERATOR });
  zoned = build({
    [CONTEXT_KEYS.hostedZoneId]: ZONE,
    [CONTEXT_KEYS.appDomain]: 'board.example.org',
    [CONTEXT_KEYS.logLevel]: 'debug',
    [CONTEXT_KEYS.httpConcurrency]: 'off',
  });
}, 120_000);

const idIn = (b: Built, construct: IConstruct): string => b.stack.resolve(b.stack.getLogicalId(construct.node.defaultChild as CfnElement)) as string;
const arnIn = (b: Built, construct: IConstruct) => ({ 'Fn::GetAtt': [idIn(b, construct), 'Arn'] });
const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const functionsOf = (b: Built) => [...b.stack.functions.all, b.stack.console.handler, b.stack.bounces.handler];
const alarms = (b: Built): Resource[] => Object.values(b.template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
const alarmOn = (b: Built, metricName: string, dimension?: unknown): Resource[] =>
  alarms(b).filter(
    (a) =>
      a.Properties.MetricName === metricName && (dimension === undefined || JSON.stringify(a.Properties.Dimensions ?? []).includes(JSON.stringify(dimension))),
  );

/** Every object ARN each function's role may read (`s3:GetObject`) or write (`s3:PutObject`), as `<bucket>/<prefix>*`. */
const objectGrants = (b: Built, fn: IConstruct & { role?: IConstruct }, action: string): string[] => {
  const role = idIn(b, fn.role!);
  const bucket = idIn(b, b.stack.documents.bucket);
  return Object.values(b.resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as { Ref: string }[]).some((x) => x.Ref === role))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((s) => s.Effect === 'Allow' && asList(s.Action).includes(action))
    .flatMap((s) => asList(s.Resource))
    .map((r) => {
      const join = (r as { 'Fn::Join'?: [string, [{ 'Fn::GetAtt': [string, string] }, string]] })['Fn::Join'];
      if (!join || join[1][0]['Fn::GetAtt'][0] !== bucket)
        throw new Error(`${action} on something other than the documents bucket's objects: ${JSON.stringify(r)}`);
      return join[1][1].replace(/^\//, '');
    })
    .sort();
};

describe('alarms that reach a person', () => {
  it('passes cdk-nag with the topic, its key, the queues and the alarms added', () => {
    expect(full.nag).toEqual([]);
    expect(zoned.nag).toEqual([]);
  });

  it('sends them to a KMS-encrypted, TLS-only topic the operator is subscribed to', () => {
    const topic = idIn(full, full.stack.monitoring.topic);
    full.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    full.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: OPERATOR, TopicArn: { Ref: topic } });
    full.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topic }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    // CloudWatch may use the topic's key (it cannot publish under the AWS-managed SNS key).
    full.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]),
      },
    });
    expect(full.template.findOutputs('AlarmTopicArn')).toEqual({ AlarmTopicArn: expect.objectContaining({ Value: { Ref: topic } }) });
    for (const alarm of alarms(full)) {
      expect(alarm.Properties).toMatchObject({ AlarmActions: [{ Ref: topic }], OKActions: [{ Ref: topic }], TreatMissingData: 'notBreaching' });
    }
  });

  it('warns at synth that nobody hears about trouble without an alarm address, and refuses a malformed one', () => {
    Annotations.fromStack(zoned.stack).hasWarning('*', Match.stringLikeRegexp('nobody hears about trouble'));
    Annotations.fromStack(full.stack).hasNoWarning('*', Match.stringLikeRegexp('nobody hears about trouble'));
    expect(Object.keys(zoned.template.findResources('AWS::SNS::Subscription'))).toEqual([]);
    expect(() => createApp({ context: { ...BASE, [CONTEXT_KEYS.alarmEmail]: 'it@example.org,ops@example.org' } })).toThrow(CONTEXT_KEYS.alarmEmail);
  });

  it('fires on the first failed, timed-out or aborted execution', () => {
    const sm = { Name: 'StateMachineArn', Value: { Ref: idIn(full, full.stack.workflow.stateMachine) } };
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
      const [alarm, ...more] = alarmOn(full, metric, sm);
      expect(more).toEqual([]);
      expect(alarm!.Properties).toMatchObject({
        Namespace: 'AWS/States',
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
      });
    }
  });

  it('fires on any error or throttle of any function, one alarm per function (inbound mail and the console included)', () => {
    const fns = functionsOf(full);
    expect(fns.map((f) => f.spec.id)).toEqual(expect.arrayContaining(['Http', 'Console', 'InboundMail', 'PlanTimeline']));
    for (const fn of fns) {
      for (const metric of ['Errors', 'Throttles']) {
        const found = alarmOn(full, metric, { Name: 'FunctionName', Value: { Ref: idIn(full, fn) } });
        expect({ fn: fn.spec.id, metric, count: found.length }).toEqual({ fn: fn.spec.id, metric, count: 1 });
        expect(found[0]!.Properties).toMatchObject({
          Namespace: 'AWS/Lambda',
          Statistic: 'Sum',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
    }
  });

  it('fires on any 5xx of the HTTP API', () => {
    const [alarm] = alarmOn(full, '5xx', { Name: 'ApiId', Value: { Ref: idIn(full, full.stack.api.httpApi) } });
    expect(alarm!.Properties).toMatchObject({ Namespace: 'AWS/ApiGateway', Statistic: 'Sum', Threshold: 1 });
  });

  it('fires on the account’s SES bounce and complaint rates below SES’s own review thresholds (5 %, 0.1 %)', () => {
    expect(SES_ALARM_THRESHOLDS.bounceRate).toBeLessThan(0.05);
    expect(SES_ALARM_THRESHOLDS.complaintRate).toBeLessThan(0.001);
    const [bounce] = alarmOn(full, 'Reputation.BounceRate');
    const [complaint] = alarmOn(full, 'Reputation.ComplaintRate');
    expect(bounce!.Properties).toMatchObject({
      Namespace: 'AWS/SES',
      Statistic: 'Maximum',
      Threshold: 0.04,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(complaint!.Properties).toMatchObject({ Namespace: 'AWS/SES', Statistic: 'Maximum', Threshold: 0.0008 });
    // The account's figures, which SES reviews: no configuration-set dimension.
    expect(bounce!.Properties.Dimensions).toBeUndefined();
  });

  it('fires when any dead-letter queue holds a message', () => {
    const queues = Object.keys(full.template.findResources('AWS::SQS::Queue'));
    expect(queues.sort()).toEqual(
      [idIn(full, full.stack.scheduling.deadLetterQueue), idIn(full, full.stack.inbound!.failures), idIn(full, full.stack.bounces.failures)].sort(),
    );
    for (const queue of queues) {
      const found = alarmOn(full, 'ApproximateNumberOfMessagesVisible', { Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } });
      expect({ queue, alarms: found.length }).toEqual({ queue, alarms: 1 });
      const [alarm] = found;
      expect(alarm!.Properties).toMatchObject({
        Namespace: 'AWS/SQS',
        Statistic: 'Maximum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  it('shows the same figures and the app’s Powertools metrics on a dashboard', () => {
    const [dashboard] = Object.values(full.template.findResources('AWS::CloudWatch::Dashboard')) as Resource[];
    const body = JSON.stringify(full.stack.resolve(dashboard!.Properties.DashboardBody));
    for (const name of [
      'ExecutionsFailed',
      'Errors',
      'Throttles',
      '5xx',
      'Reputation.BounceRate',
      'Reputation.ComplaintRate',
      'ApproximateNumberOfMessagesVisible',
      ...APP_METRICS.plain,
    ]) {
      expect({ name, shown: body.includes(name) }).toEqual({ name, shown: true });
    }
    expect(body).toContain('MetricName=\\\\\\"EmailsSent\\\\\\"');
    expect(body).toContain(APP_METRICS.namespace);
  });
});

describe('nothing dropped silently', () => {
  it('keeps failures 14 days in SQS-encrypted, TLS-only queues', () => {
    for (const queue of [full.stack.scheduling.deadLetterQueue, full.stack.inbound!.failures]) {
      const id = idIn(full, queue);
      expect(full.resources[id]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: DEAD_LETTER_RETENTION.toSeconds() });
      expect(DEAD_LETTER_RETENTION.toDays()).toBe(14);
      full.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });

  it('sends an inbound-mail invocation that failed every retry to its on-failure queue, which the function may write to', () => {
    const fn = full.stack.functions.inbound!;
    const queue = full.stack.inbound!.failures;
    full.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: idIn(full, fn) },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: arnIn(full, queue) } },
    });
    const role = idIn(full, fn.role!);
    full.template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: role }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']), Resource: arnIn(full, queue) })]) },
    });
    expect(Object.keys(full.template.findOutputs('InboundFailuresQueueUrl'))).toEqual(['InboundFailuresQueueUrl']);
  });

  it('names the schedules’ dead-letter queue to every function that creates schedules, and lets the scheduler role send to it', () => {
    const queue = full.stack.scheduling.deadLetterQueue;
    const creators = functionsOf(full).filter((fn) => fn.spec.needs.scheduler);
    expect(creators.map((fn) => fn.spec.id).sort()).toEqual(['Console', 'Http']);
    for (const fn of functionsOf(full)) {
      const env = (full.resources[idIn(full, fn)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect({ fn: fn.spec.id, dlq: env.SCHEDULE_DLQ_ARN }).toEqual({ fn: fn.spec.id, dlq: fn.spec.needs.scheduler ? arnIn(full, queue) : undefined });
    }
    full.template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: idIn(full, full.stack.scheduling.role) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']), Resource: arnIn(full, queue) })]) },
    });
    expect(
      Object.keys(full.template.findOutputs('*'))
        .filter((k) => k.startsWith('ScheduleDeadLetterQueue'))
        .sort(),
    ).toEqual(['ScheduleDeadLetterQueueArn', 'ScheduleDeadLetterQueueUrl']);
  });
});

describe('Powertools settings and tracing', () => {
  it('sets the shared Powertools variables and active tracing on every function, at INFO by default', () => {
    const fns = Object.values(full.template.findResources('AWS::Lambda::Function')) as Resource[];
    expect(fns).toHaveLength(functionsOf(full).length);
    for (const fn of fns) {
      expect(fn.Properties).toMatchObject({
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO' },
        Environment: {
          Variables: {
            POWERTOOLS_SERVICE_NAME: 'meeting-cycle',
            POWERTOOLS_METRICS_NAMESPACE: 'MeetingCycle',
            POWERTOOLS_LOG_LEVEL: 'INFO',
            POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
          },
        },
      });
    }
    // Every function's log group has a retention, none keeps logs for ever.
    const groups = Object.values(full.template.findResources('AWS::Logs::LogGroup')) as Resource[];
    expect(groups.every((g) => typeof g.Properties.RetentionInDays === 'number')).toBe(true);
  });

  it('follows -c meeting-cycle:logLevel in Powertools and in Lambda’s own log filter, and refuses an unknown level', () => {
    for (const fn of Object.values(zoned.template.findResources('AWS::Lambda::Function')) as Resource[]) {
      expect(fn.Properties).toMatchObject({ LoggingConfig: { ApplicationLogLevel: 'DEBUG' }, Environment: { Variables: { POWERTOOLS_LOG_LEVEL: 'DEBUG' } } });
    }
    expect(() => createApp({ context: { ...BASE, [CONTEXT_KEYS.logLevel]: 'verbose' } })).toThrow(CONTEXT_KEYS.logLevel);
  });
});

describe('retention that matches the README', () => {
  const rules = () =>
    (full.resources[idIn(full, full.stack.documents.bucket)]!.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
  const ruleFor = (prefix: string) => {
    const found = rules().filter((r) => r.Prefix === prefix);
    expect({ prefix, rules: found.length }).toEqual({ prefix, rules: 1 });
    return found[0]!;
  };

  it('keeps papers and packs six years, current and replaced versions alike bounded', () => {
    expect(RETENTION_DAYS.papersAndPacks).toBeGreaterThanOrEqual(6 * 365);
    expect(ruleFor(PREFIXES.papers)).toMatchObject({ Status: 'Enabled', ExpirationInDays: 2192, NoncurrentVersionExpiration: { NoncurrentDays: 1 } });
    expect(ruleFor(PREFIXES.packs)).toMatchObject({ Status: 'Enabled', ExpirationInDays: 2192, NoncurrentVersionExpiration: { NoncurrentDays: 30 } });
  });

  it('deletes raw inbound mail after 90 days, noncurrent version included', () => {
    expect(ruleFor(PREFIXES.inbound)).toMatchObject({ Status: 'Enabled', ExpirationInDays: 90, NoncurrentVersionExpiration: { NoncurrentDays: 1 } });
  });

  it('expires uploads that were never recorded after a day', () => {
    for (const prefix of [PREFIXES.paperUploads, PREFIXES.minutesUploads]) {
      expect(ruleFor(prefix)).toMatchObject({ Status: 'Enabled', ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 } });
    }
  });

  it('keeps minutes, and clears incomplete multipart uploads and orphaned delete markers everywhere', () => {
    expect(rules().filter((r) => r.Prefix === PREFIXES.minutes)).toEqual([]);
    expect(rules()).toContainEqual(
      expect.objectContaining({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, ExpiredObjectDeleteMarker: true }),
    );
    // Every prefix of object-keys.ts has a decision: a rule, or "kept" (minutes).
    const decided = new Set([...rules().map((r) => r.Prefix), PREFIXES.minutes]);
    expect(Object.values(PREFIXES).filter((p) => !decided.has(p))).toEqual([]);
  });
});

describe('IAM by prefix', () => {
  const everyFunction = () => functionsOf(full);

  it('lets only the inbound-mail function read inbound/*, and no function read or write the whole bucket', () => {
    const readers = everyFunction().filter((fn) => objectGrants(full, fn, 's3:GetObject').includes(`${PREFIXES.inbound}*`));
    expect(readers.map((fn) => fn.spec.id)).toEqual(['InboundMail']);
    for (const fn of everyFunction()) {
      for (const action of ['s3:GetObject', 's3:PutObject'])
        expect({ fn: fn.spec.id, grants: objectGrants(full, fn, action) }).not.toEqual(expect.objectContaining({ grants: expect.arrayContaining(['*']) }));
    }
    expect(objectGrants(full, full.stack.functions.inbound!, 's3:PutObject')).toEqual([]);
  });

  it('gives the link pages’ function only the prefixes its pages use', () => {
    const http = full.stack.functions.http;
    expect(objectGrants(full, http, 's3:GetObject')).toEqual(['minutes-uploads/*', 'minutes/*', 'packs/*', 'paper-uploads/*', 'papers/*']);
    expect(objectGrants(full, http, 's3:PutObject')).toEqual(['minutes-uploads/*', 'minutes/*', 'paper-uploads/*', 'papers/*']);
  });

  it('gives each task only its prefixes: packs built from papers, minutes read and published', () => {
    const task = (id: string) => full.stack.functions.tasks.find((t) => t.spec.id === id)!;
    expect(objectGrants(full, task('BuildBoardPack'), 's3:GetObject')).toEqual(['papers/*']);
    expect(objectGrants(full, task('BuildBoardPack'), 's3:PutObject')).toEqual(['packs/*']);
    expect(objectGrants(full, task('PublishMinutes'), 's3:PutObject')).toEqual(['minutes/*']);
    expect(objectGrants(full, task('ExtractActions'), 's3:GetObject')).toEqual(['minutes/*']);
    expect(objectGrants(full, task('ExtractActions'), 's3:PutObject')).toEqual([]);
    // The catalog allows these the bucket; their code reads none of it.
    for (const id of ['CirculatePapers', 'WaitForMinutesDraft']) expect(objectGrants(full, task(id), 's3:GetObject')).toEqual([]);
  });
});

describe('hardening', () => {
  it('reserves concurrency for the HTTP function only (20 unless set; off reserves none)', () => {
    const reserved = (b: Built) =>
      (Object.entries(b.template.findResources('AWS::Lambda::Function')) as [string, Resource][])
        .filter(([, fn]) => fn.Properties.ReservedConcurrentExecutions !== undefined)
        .map(([id, fn]) => [id, fn.Properties.ReservedConcurrentExecutions]);
    expect(reserved(full)).toEqual([[idIn(full, full.stack.functions.http), DEFAULT_HTTP_CONCURRENCY]]);
    expect(DEFAULT_HTTP_CONCURRENCY).toBe(20);
    expect(reserved(zoned)).toEqual([]);
    expect(() => createApp({ context: { ...BASE, [CONTEXT_KEYS.httpConcurrency]: '0' } })).toThrow(CONTEXT_KEYS.httpConcurrency);
  });

  it('sends as the domain with Easy DKIM and a custom MAIL FROM, and outputs the DNS records to add', () => {
    full.template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'example.org',
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      MailFromAttributes: { MailFromDomain: 'bounce.example.org', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
    });
    const outputs = full.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const values = Object.entries(outputs)
      .filter(([key]) => /Record/.test(key))
      .map(([, o]) => JSON.stringify(full.stack.resolve(o.Value)));
    expect(values.filter((v) => v.includes('CNAME') && v.includes('DkimDNSTokenName'))).toHaveLength(3);
    expect(values).toContainEqual(expect.stringContaining('bounce.example.org MX 10 feedback-smtp.eu-west-2.amazonses.com'));
    expect(values).toContainEqual(expect.stringContaining('bounce.example.org TXT \\"v=spf1 include:amazonses.com ~all\\"'));
    expect(Object.keys(full.template.findResources('AWS::Route53::RecordSet'))).toEqual([]);
  });

  it('creates the DKIM, MAIL FROM and app-domain records in the hosted zone, with a DNS-validated certificate mapped to the API', () => {
    const records = Object.values(zoned.template.findResources('AWS::Route53::RecordSet')) as Resource[];
    expect(records.every((r) => r.Properties.HostedZoneId === ZONE)).toBe(true);
    expect(records.map((r) => r.Properties.Type).sort()).toEqual(['A', 'CNAME', 'CNAME', 'CNAME', 'MX', 'TXT']);
    zoned.template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'board.example.org',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'board.example.org', HostedZoneId: ZONE }],
    });
    zoned.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'board.example.org' });
    zoned.template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiId: { Ref: idIn(zoned, zoned.stack.api.httpApi) } });
    expect(Object.keys(zoned.template.findOutputs('*')).filter((k) => /Record/.test(k))).toEqual([]);
    // Links point at the custom domain.
    expect(zoned.template.findOutputs('ApiUrl')).toEqual({ ApiUrl: expect.objectContaining({ Value: 'https://board.example.org' }) });
  });

  it('without a hosted zone, still makes the certificate and says which CNAME points the app domain at the API', () => {
    const plain = build({ [CONTEXT_KEYS.appDomain]: 'board.example.org', [CONTEXT_KEYS.alarmEmail]: OPERATOR });
    plain.template.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'board.example.org', ValidationMethod: 'DNS' });
    const outputs = Object.entries(plain.template.toJSON().Outputs as Record<string, { Value: unknown }>).filter(([key]) => /AppDomainRecord/.test(key));
    expect(outputs).toHaveLength(1);
    expect(JSON.stringify(plain.stack.resolve(outputs[0]![1].Value))).toMatch(/board\.example\.org CNAME .*RegionalDomainName/);
    expect(() => createApp({ context: { ...BASE, [CONTEXT_KEYS.hostedZoneId]: 'example.org' } })).toThrow(CONTEXT_KEYS.hostedZoneId);
  }, 60_000);
});

describe('bounces and complaints', () => {
  const ofType = (type: string) => Object.entries(full.resources).filter(([, r]) => r.Type === type);
  const bounceRule = () => {
    const rules = ofType('AWS::Events::Rule').filter(([, r]) => (r.Properties.EventPattern as { source?: string[] }).source?.includes('aws.ses'));
    expect(rules).toHaveLength(1);
    return rules[0]![1];
  };
  const mailEventsFunction = () => {
    const fns = ofType('AWS::Lambda::Function').filter(([, r]) => r.Properties.Description === 'meeting-cycle MailEvents');
    expect(fns).toHaveLength(1);
    return fns[0]!;
  };

  it('publishes bounces, complaints and delivery delays of the configuration set to the default bus', () => {
    const destinations = ofType('AWS::SES::ConfigurationSetEventDestination').map(([, r]) => r.Properties.EventDestination as { MatchingEventTypes: string[] });
    expect(destinations).toHaveLength(1);
    expect(destinations[0]?.MatchingEventTypes).toEqual(expect.arrayContaining(['bounce', 'complaint', 'deliveryDelay']));
  });

  it('matches exactly those SES events of this configuration set, and targets the mail-events handler', () => {
    const rule = bounceRule();
    const pattern = rule.Properties.EventPattern as { 'detail-type': string[]; detail: { mail: { tags: Record<string, unknown[]> } } };
    expect(pattern['detail-type']).toEqual([...MAIL_EVENT_TYPES]);
    expect(pattern.detail.mail.tags['ses:configuration-set']).toEqual([full.stack.resolve(full.stack.mail.configurationSet.configurationSetName)]);
    const [fnId] = mailEventsFunction();
    const targets = rule.Properties.Targets as { Arn: unknown; RetryPolicy?: { MaximumRetryAttempts: number } }[];
    expect(targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] } })]);
    expect(targets[0]?.RetryPolicy?.MaximumRetryAttempts).toBeGreaterThan(0);
    // EventBridge may invoke it, and nothing else is given that permission by this construct.
    full.template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] } });
  });

  it('lets the handler read and write the table and send as the app, and nothing more', () => {
    const [, fn] = mailEventsFunction();
    const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    const actions = new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
    expect([...actions].filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:')).sort()).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'ses:GetAccount',
        'ses:SendEmail',
      ].sort(),
    );
    expect([...actions].some((a) => a.startsWith('s3:') || a.startsWith('states:'))).toBe(false);
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['TABLE_NAME', 'SENDER_EMAIL', 'SES_CONFIGURATION_SET', 'APP_URL', 'CONSOLE_ADMIN_EMAILS']));
  });
});

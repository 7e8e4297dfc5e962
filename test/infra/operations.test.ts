import { Template } from 'aws-cdk-lib/assertions';
import { MAIL_EVENT_TYPES } from '../../functions/mail-events/schema';
import { CONTEXT_KEYS, createApp } from '../../infra/create-app';
import type { MeetingCycleStack } from '../../infra/meeting-cycle-stack';

// Bundling skipped: these tests are about intent (rules, targets, grants), not the handlers' code.
const CONTEXT = { 'aws:cdk:bundling-stacks': [], [CONTEXT_KEYS.senderEmail]: 'secretariat@example.org' };

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let stack: MeetingCycleStack;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  const built = createApp({ context: CONTEXT });
  stack = built.stack;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
}, 60_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

describe('bounces and complaints', () => {
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
    expect(pattern.detail.mail.tags['ses:configuration-set']).toEqual([stack.resolve(stack.mail.configurationSet.configurationSetName)]);
    const [fnId] = mailEventsFunction();
    const targets = rule.Properties.Targets as { Arn: unknown; RetryPolicy?: { MaximumRetryAttempts: number } }[];
    expect(targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] } })]);
    expect(targets[0]?.RetryPolicy?.MaximumRetryAttempts).toBeGreaterThan(0);
    // EventBridge may invoke it, and nothing else is given that permission by this construct.
    template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] } });
  });

  it('lets the handler read and write the table and send as the app, and nothing more', () => {
    const [, fn] = mailEventsFunction();
    const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    const actions = new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
    expect([...actions].filter((a) => !a.startsWith('logs:')).sort()).toEqual(
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

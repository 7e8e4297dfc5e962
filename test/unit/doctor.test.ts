import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeActiveReceiptRuleSetCommand, SESClient } from '@aws-sdk/client-ses';
import { GetAccountCommand, GetEmailIdentityCommand, ListEmailIdentitiesCommand, NotFoundException, SESv2Client } from '@aws-sdk/client-sesv2';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { formatReport } from '../../cli/commands/doctor';
import { runChecks, type Check, type CheckResult, type DoctorContext } from '../../cli/doctor/check';
import { inboundMx, inboundRuleSet, senderIdentity, sendingAccount } from '../../cli/doctor/mail-checks';
import { CHECKS } from '../../cli/doctor/registry';
import { alarmSubscription, appHealth, bucket, localCloud, stackOutputs, stateMachine, table } from '../../cli/doctor/stack-checks';
import { STACK_OUTPUTS } from '../../infra/stack-outputs';

const REGION = 'eu-west-2';
const TOPIC = `arn:aws:sns:${REGION}:123456789012:MeetingCycle-Alarms`;
const sesv2 = mockClient(SESv2Client);
const ses = mockClient(SESClient);
const sns = mockClient(SNSClient);
const dynamodb = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);
const sfn = mockClient(SFNClient);

beforeEach(() => [sesv2, ses, sns, dynamodb, s3, sfn].forEach((m) => m.reset()));

/** A deployed stack's outputs, all present, with an inbound domain and the alarm topic. */
const OUTPUTS: Record<string, string> = {
  ...Object.fromEntries(Object.keys(STACK_OUTPUTS).map((key) => [key, `${key}-value`])),
  ApiUrl: 'https://board.example.org',
  TableName: 'MeetingCycle-Table',
  DocumentsBucket: 'meetingcycle-documents',
  StateMachineArn: `arn:aws:states:${REGION}:123456789012:stateMachine:MeetingCycle`,
  SenderEmail: 'Finance Committee <committees@board.example.org>',
  InboundDomain: 'replies.board.example.org',
  InboundMailInboundRuleSetName5D3F2A1B: 'InboundMailRuleSet1234',
  AlarmTopicArn: TOPIC,
};

function context(over: Partial<DoctorContext> = {}): DoctorContext {
  return {
    target: 'aws',
    region: REGION,
    outputs: OUTPUTS,
    clients: {
      sesv2: new SESv2Client({ region: REGION }),
      ses: new SESClient({ region: REGION }),
      sns: new SNSClient({ region: REGION }),
      cloudFormation: new CloudFormationClient({ region: REGION }),
      dynamodb: new DynamoDBClient({ region: REGION }),
      s3: new S3Client({ region: REGION }),
      sfn: new SFNClient({ region: REGION }),
    },
    dns: {
      resolveMx: () => Promise.resolve([{ exchange: `inbound-smtp.${REGION}.amazonaws.com`, priority: 10 }]),
      lookup: () => Promise.resolve('203.0.113.7'),
    },
    get: () => Promise.resolve({ status: 200, body: '{"ok":true}' }),
    members: () =>
      Promise.resolve([
        { boardId: 'finance', name: 'Pat Chair', email: 'pat@members.example.net' },
        { boardId: 'finance', name: 'Sam Clerk', email: 'sam@board.example.org' },
        { boardId: 'audit', name: 'Lee Member', email: 'Lee@Gmail.example.com' },
      ]),
    ...over,
  };
}

const notFound = (code: string) => Object.assign(new Error(`queryA ${code} replies.board.example.org`), { code });

describe('stack outputs', () => {
  it('passes when every output the CLI reads is there', async () => {
    await expect(stackOutputs.run(context())).resolves.toMatchObject({ status: 'ok' });
  });

  it('names the missing outputs of a stack deployed by an older version, and says to redeploy', async () => {
    const { ScheduleGroupName: _g, SchedulerRoleArn: _r, ...older } = OUTPUTS;
    await expect(stackOutputs.run(context({ outputs: older }))).resolves.toEqual({
      status: 'fail',
      detail: 'missing: ScheduleGroupName, SchedulerRoleArn (deployed by an older version)',
      fix: 'Redeploy to get them: npx cdk deploy (with the same -c options as before).',
    });
  });

  it('fails with the fix when the stack cannot be read', async () => {
    const unreachable = {
      detail: 'could not read the outputs of stack "MeetingCycle": Stack with id MeetingCycle does not exist',
      fix: 'Deploy with `npx cdk deploy` first',
    };
    await expect(stackOutputs.run(context({ outputs: {}, unreachable }))).resolves.toEqual({ status: 'fail', ...unreachable });
  });
});

describe('sender identity', () => {
  const verified = {
    VerifiedForSendingStatus: true,
    DkimAttributes: { Status: 'SUCCESS' as const, Tokens: ['t1', 't2', 't3'] },
    MailFromAttributes: {
      MailFromDomain: 'mail.board.example.org',
      MailFromDomainStatus: 'SUCCESS' as const,
      BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' as const,
    },
  };

  it("passes when the sender's domain is verified, signs with DKIM and has its MAIL FROM", async () => {
    sesv2.on(GetEmailIdentityCommand, { EmailIdentity: 'board.example.org' }).resolves(verified);
    await expect(senderIdentity.run(context())).resolves.toEqual({
      status: 'ok',
      detail: 'board.example.org: verified, DKIM signing, MAIL FROM mail.board.example.org',
    });
  });

  it('lists the DKIM and MAIL FROM records to add while they are pending', async () => {
    sesv2.on(GetEmailIdentityCommand).resolves({
      VerifiedForSendingStatus: false,
      DkimAttributes: { Status: 'PENDING', Tokens: ['t1', 't2'] },
      MailFromAttributes: { MailFromDomain: 'mail.board.example.org', MailFromDomainStatus: 'PENDING', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
    });
    const outcome = await senderIdentity.run(context());
    expect(outcome).toMatchObject({
      status: 'fail',
      detail: 'board.example.org: not verified for sending, DKIM PENDING, MAIL FROM mail.board.example.org PENDING',
    });
    expect(outcome.fix).toBe(
      'Add these DNS records: t1._domainkey.board.example.org CNAME t1.dkim.amazonses.com; t2._domainkey.board.example.org CNAME t2.dkim.amazonses.com; ' +
        `mail.board.example.org MX 10 feedback-smtp.${REGION}.amazonses.com; mail.board.example.org TXT "v=spf1 include:amazonses.com ~all". ` +
        'SES looks for them for 72 hours; run this again once they resolve.',
    );
  });

  it('says how to create the domain identity when SES does not know it', async () => {
    sesv2.on(GetEmailIdentityCommand).rejects(new NotFoundException({ message: 'Email identity board.example.org does not exist.', $metadata: {} }));
    const outcome = await senderIdentity.run(context());
    expect(outcome).toMatchObject({ status: 'fail', detail: `board.example.org is not an SES identity in ${REGION}` });
    expect(outcome.fix).toContain(`aws sesv2 create-email-identity --email-identity board.example.org --region ${REGION}`);
  });

  it('warns when there is no custom MAIL FROM domain', async () => {
    sesv2.on(GetEmailIdentityCommand).resolves({ ...verified, MailFromAttributes: undefined });
    const outcome = await senderIdentity.run(context());
    expect(outcome).toMatchObject({ status: 'warn' });
    expect(outcome.fix).toContain(
      'aws sesv2 put-email-identity-mail-from-attributes --email-identity board.example.org --mail-from-domain mail.board.example.org',
    );
  });
});

describe('sending account', () => {
  const quota = { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 3 };

  it('passes with production access and reports the quota', async () => {
    sesv2.on(GetAccountCommand).resolves({ ProductionAccessEnabled: true, SendingEnabled: true, SendQuota: quota });
    await expect(sendingAccount.run(context())).resolves.toEqual({
      status: 'ok',
      detail: 'production access; quota 14 a second, 50000 a day (3 sent in the last 24 hours)',
    });
  });

  it('in the sandbox, names the members SES would refuse (neither address nor domain verified) and how to get out', async () => {
    sesv2.on(GetAccountCommand).resolves({ ProductionAccessEnabled: false, SendingEnabled: true, SendQuota: { ...quota, MaxSendRate: 1 } });
    sesv2.on(ListEmailIdentitiesCommand).resolvesOnce({
      EmailIdentities: [{ IdentityName: 'board.example.org', IdentityType: 'DOMAIN', VerificationStatus: 'SUCCESS' }],
      NextToken: 'page-2',
    });
    sesv2.on(ListEmailIdentitiesCommand, { NextToken: 'page-2' }).resolves({
      EmailIdentities: [
        { IdentityName: 'pat@members.example.net', IdentityType: 'EMAIL_ADDRESS', VerificationStatus: 'PENDING' },
        { IdentityName: 'someone@gmail.example.com', IdentityType: 'EMAIL_ADDRESS', VerificationStatus: 'SUCCESS' },
      ],
    });
    const outcome = await sendingAccount.run(context());
    expect(outcome).toMatchObject({
      status: 'fail',
      detail: 'in the SES sandbox: SES refuses to send to 2 member address(es) that are not verified: pat@members.example.net, lee@gmail.example.com',
    });
    expect(outcome.fix).toContain(
      'Request production access: aws sesv2 put-account-details --production-access-enabled --mail-type TRANSACTIONAL --website-url https://board.example.org',
    );
    expect(outcome.fix).toContain(
      'aws sesv2 create-email-identity --email-identity pat@members.example.net; aws sesv2 create-email-identity --email-identity lee@gmail.example.com',
    );
    expect(outcome.fix).not.toContain('sam@board.example.org');
  });

  it('in the sandbox with every member verified, warns and still says how to get out', async () => {
    sesv2.on(GetAccountCommand).resolves({ ProductionAccessEnabled: false, SendingEnabled: true, SendQuota: quota });
    sesv2.on(ListEmailIdentitiesCommand).resolves({
      EmailIdentities: ['board.example.org', 'members.example.net', 'gmail.example.com'].map((d) => ({
        IdentityName: d,
        VerificationStatus: 'SUCCESS' as const,
      })),
    });
    const outcome = await sendingAccount.run(context());
    expect(outcome).toMatchObject({ status: 'warn', fix: expect.stringContaining('Request production access: aws sesv2 put-account-details') });
  });

  it('fails when SES has paused sending', async () => {
    sesv2.on(GetAccountCommand).resolves({ ProductionAccessEnabled: true, SendingEnabled: false, EnforcementStatus: 'SHUTDOWN' });
    await expect(sendingAccount.run(context())).resolves.toMatchObject({ status: 'fail', detail: expect.stringContaining('enforcement status SHUTDOWN') });
  });
});

describe('inbound rule set', () => {
  const replies = { Name: 'Replies', Enabled: true, Recipients: ['replies.board.example.org'] };

  it("passes when the stack's set is active with its rule for the inbound domain", async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({ Metadata: { Name: 'InboundMailRuleSet1234' }, Rules: [replies] });
    await expect(inboundRuleSet.run(context())).resolves.toEqual({
      status: 'ok',
      detail: 'InboundMailRuleSet1234 is active; rule Replies receives replies.board.example.org',
    });
  });

  it('gives the command that activates it when no set is active', async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({});
    await expect(inboundRuleSet.run(context())).resolves.toEqual({
      status: 'fail',
      detail: `no receipt rule set is active in ${REGION}, so SES drops every reply`,
      fix: `Activate the stack's rule set: aws ses set-active-receipt-rule-set --rule-set-name InboundMailRuleSet1234 --region ${REGION}.`,
    });
  });

  it('names another active set, and warns to copy its rules first', async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({ Metadata: { Name: 'helpdesk' }, Rules: [{ Name: 'tickets', Recipients: ['help.example.org'] }] });
    const outcome = await inboundRuleSet.run(context());
    expect(outcome).toMatchObject({
      status: 'fail',
      detail: "the active rule set is helpdesk, which has no rule for replies.board.example.org, not the stack's InboundMailRuleSet1234",
    });
    expect(outcome.fix).toContain('aws ses set-active-receipt-rule-set --rule-set-name InboundMailRuleSet1234');
    expect(outcome.fix).toContain('copy any rules you still need from helpdesk first');
  });

  it('is skipped for a stack without an inbound domain, without asking SES', async () => {
    const { InboundDomain: _d, ...noInbound } = OUTPUTS;
    await expect(inboundRuleSet.run(context({ outputs: noInbound }))).resolves.toMatchObject({ status: 'skip' });
    expect(ses.calls()).toHaveLength(0);
  });
});

describe('inbound MX record', () => {
  it('passes when the MX points at SES in the stack’s region', async () => {
    await expect(inboundMx.run(context())).resolves.toMatchObject({ status: 'ok' });
  });
  it('gives the record to add when there is none', async () => {
    const dns = { resolveMx: () => Promise.reject(notFound('ENOTFOUND')), lookup: () => Promise.resolve('203.0.113.7') };
    await expect(inboundMx.run(context({ dns }))).resolves.toEqual({
      status: 'fail',
      detail: 'replies.board.example.org has no MX record (ENOTFOUND)',
      fix: `Add this DNS record: replies.board.example.org MX 10 inbound-smtp.${REGION}.amazonaws.com`,
    });
  });
  it('says to replace an MX that points elsewhere', async () => {
    const dns = { resolveMx: () => Promise.resolve([{ exchange: 'mx.mailhost.example.', priority: 5 }]), lookup: () => Promise.resolve('203.0.113.7') };
    await expect(inboundMx.run(context({ dns }))).resolves.toMatchObject({
      status: 'fail',
      detail: "replies.board.example.org's MX points at mx.mailhost.example, not SES",
      fix: `Replace replies.board.example.org's MX records with this one: replies.board.example.org MX 10 inbound-smtp.${REGION}.amazonaws.com`,
    });
  });
});

describe('alarm subscription', () => {
  it('passes when an email subscription is confirmed', async () => {
    sns.on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC }).resolves({
      Subscriptions: [{ Protocol: 'email', Endpoint: 'ops@board.example.org', SubscriptionArn: `${TOPIC}:5f1c` }],
    });
    await expect(alarmSubscription.run(context())).resolves.toEqual({ status: 'ok', detail: 'alarms go to ops@board.example.org' });
  });
  it('says whose inbox holds the confirmation while it is pending', async () => {
    sns
      .on(ListSubscriptionsByTopicCommand)
      .resolves({ Subscriptions: [{ Protocol: 'email', Endpoint: 'ops@board.example.org', SubscriptionArn: 'PendingConfirmation' }] });
    const outcome = await alarmSubscription.run(context());
    expect(outcome).toMatchObject({ status: 'fail', detail: 'the subscription of ops@board.example.org is not confirmed: alarms reach nobody' });
    expect(outcome.fix).toContain('Confirm the subscription: check ops@board.example.org\'s inbox for "AWS Notification - Subscription Confirmation"');
  });
  it('says how to subscribe when nobody is', async () => {
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    const outcome = await alarmSubscription.run(context());
    expect(outcome).toMatchObject({ status: 'fail' });
    expect(outcome.fix).toContain(`aws sns subscribe --topic-arn ${TOPIC} --protocol email --notification-endpoint you@your-board.org`);
  });
  it('says to redeploy a stack that has no alarm topic yet', async () => {
    const { AlarmTopicArn: _t, ...older } = OUTPUTS;
    const outcome = await alarmSubscription.run(context({ outputs: older }));
    expect(outcome).toMatchObject({ status: 'fail', fix: expect.stringContaining('Redeploy to get alarms: npx cdk deploy') });
    expect(outcome.fix).toContain('-c meeting-cycle:alarmEmail=');
    expect(sns.calls()).toHaveLength(0);
  });
});

describe('app domain and /health', () => {
  it('passes when the domain resolves and /health answers {"ok":true}', async () => {
    const asked: string[] = [];
    const get = (url: string) => (asked.push(url), Promise.resolve({ status: 200, body: '{"ok":true}' }));
    await expect(appHealth.run(context({ get }))).resolves.toEqual({
      status: 'ok',
      detail: 'board.example.org (203.0.113.7) answers /health with {"ok":true}',
    });
    expect(asked).toEqual(['https://board.example.org/health']);
  });

  it('says to point the domain at the API when it does not resolve', async () => {
    const dns = { resolveMx: () => Promise.resolve([]), lookup: () => Promise.reject(notFound('ENOTFOUND')) };
    const outcome = await appHealth.run(context({ dns }));
    expect(outcome).toMatchObject({ status: 'fail', detail: 'board.example.org does not resolve (ENOTFOUND)' });
    expect(outcome.fix).toContain(
      `Point board.example.org at this stack's API: a CNAME to its API Gateway domain name (aws apigatewayv2 get-domain-name --domain-name board.example.org`,
    );
  });

  it('fails when something else answers there', async () => {
    const get = () => Promise.resolve({ status: 404, body: '<html>Not Found</html>' });
    await expect(appHealth.run(context({ get }))).resolves.toMatchObject({
      status: 'fail',
      detail: 'GET https://board.example.org/health answered 404 <html>Not Found</html>',
    });
  });
});

describe('table, bucket and state machine', () => {
  it('pass when each is there', async () => {
    dynamodb.on(DescribeTableCommand, { TableName: 'MeetingCycle-Table' }).resolves({ Table: { TableStatus: 'ACTIVE' } });
    s3.on(HeadBucketCommand, { Bucket: 'meetingcycle-documents' }).resolves({});
    sfn.on(DescribeStateMachineCommand).resolves({ name: 'MeetingCycle', status: 'ACTIVE' } as never);
    for (const check of [table, bucket, stateMachine]) await expect(check.run(context())).resolves.toMatchObject({ status: 'ok' });
  });

  it('warns while the table is not active, and fails a deleted state machine', async () => {
    dynamodb.on(DescribeTableCommand).resolves({ Table: { TableStatus: 'UPDATING' } });
    sfn.on(DescribeStateMachineCommand).resolves({ name: 'MeetingCycle', status: 'DELETING' } as never);
    await expect(table.run(context())).resolves.toMatchObject({ status: 'warn', detail: 'MeetingCycle-Table is UPDATING' });
    await expect(stateMachine.run(context())).resolves.toMatchObject({ status: 'fail', detail: 'MeetingCycle is DELETING' });
  });
});

describe('running the registry', () => {
  it('skips the AWS-only checks locally and the local-only one with --aws', async () => {
    const local = await runChecks(
      CHECKS,
      context({ target: 'local', outputs: {}, unreachable: { detail: 'no local cloud is running', fix: 'Start one with `npm start`' } }),
      1000,
    );
    expect(local.filter((r) => r.detail === 'skipped (AWS only)').map((r) => r.id)).toEqual([
      'stack-outputs',
      'sender-identity',
      'inbound-rule-set',
      'inbound-mx',
      'alarm-subscription',
    ]);
    expect(local.find((r) => r.id === 'local-cloud')).toMatchObject({ status: 'fail', fix: 'Start one with `npm start`' });
    expect(local.find((r) => r.id === 'table')).toMatchObject({ status: 'skip', detail: 'skipped: the target cannot be reached' });
    const [localOnly] = await runChecks([localCloud], context(), 1000);
    expect(localOnly).toMatchObject({ status: 'skip', detail: 'skipped (local cloud only)' });
  });

  it('turns a call that cannot be made into a failure naming the permission and the region', async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).rejects(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { name: 'Error' }));
    const [result] = await runChecks([inboundRuleSet], context(), 1000);
    expect(result).toEqual({
      id: 'inbound-rule-set',
      title: 'Inbound receipt rule set',
      status: 'fail',
      detail: 'Error: connect ECONNREFUSED 127.0.0.1:9',
      fix: `Make sure your AWS credentials may call ses:DescribeActiveReceiptRuleSet in ${REGION} and that the service is reachable, then run \`npx cycle doctor --aws\` again.`,
    });
  });

  it('stops waiting for a check after its timeout, and runs the checks at once', async () => {
    const hang: Check = { id: 'hang', title: 'Hangs', scope: 'both', calls: [], run: () => new Promise(() => undefined) };
    // On fake timers: 50 ms after the start, both have timed out only if they ran at once.
    jest.useFakeTimers();
    try {
      const running = runChecks([hang, { ...hang, id: 'hang-2' }], context(), 50);
      await jest.advanceTimersByTimeAsync(50);
      const results = await Promise.race([running, Promise.resolve('still running' as const)]);
      expect(results === 'still running' ? results : results.map((r) => [r.id, r.status, r.detail])).toEqual([
        ['hang', 'fail', 'no answer within 0.05 s'],
        ['hang-2', 'fail', 'no answer within 0.05 s'],
      ]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('prints a mark a check and the fix under each failure', () => {
    const results: CheckResult[] = [
      { id: 'a', title: 'Stack outputs', status: 'ok', detail: 'all 8 present' },
      { id: 'b', title: 'MX', status: 'fail', detail: 'no MX record', fix: 'Add this DNS record: x MX 10 y' },
      { id: 'c', title: 'Alarm', status: 'skip', detail: 'skipped (AWS only)' },
    ];
    expect(formatReport('cycle doctor: the local cloud', results).split('\n')).toEqual([
      'cycle doctor: the local cloud',
      '',
      '✓ Stack outputs  all 8 present',
      '✗ MX             no MX record',
      '                 → Add this DNS record: x MX 10 y',
      '- Alarm          skipped (AWS only)',
      '',
      '1 check(s) failed.',
    ]);
  });
});

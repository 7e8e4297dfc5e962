import net from 'node:net';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { ListSubscriptionsByTopicCommand, type Subscription } from '@aws-sdk/client-sns';
import { STACK_OUTPUTS } from '../../infra/stack-outputs';
import type { Check, CheckOutcome, DoctorContext } from './check';

/**
 * Outputs a stack may lack: only a stack that receives replies has InboundDomain and its failures
 * queue; the alarm check reports AlarmTopicArn.
 */
const OPTIONAL_OUTPUTS = new Set(['InboundDomain', 'InboundFailuresQueueUrl', 'AlarmTopicArn']);

const REDEPLOY = 'npx cdk deploy (with the same -c options as before)';

/** Every output the CLI reads (infra/stack-outputs.ts) is on the stack; a stack from an older version lacks some. */
export const stackOutputs: Check = {
  id: 'stack-outputs',
  title: 'Stack outputs',
  scope: 'aws',
  calls: ['cloudformation:DescribeStacks'],
  reportsUnreachable: true,
  async run(ctx) {
    if (ctx.unreachable) return { status: 'fail', ...ctx.unreachable };
    const expected = (Object.keys(STACK_OUTPUTS) as string[]).filter((key) => !OPTIONAL_OUTPUTS.has(key));
    const missing = expected.filter((key) => !ctx.outputs[key]);
    if (missing.length) {
      return { status: 'fail', detail: `missing: ${missing.join(', ')} (deployed by an older version)`, fix: `Redeploy to get them: ${REDEPLOY}.` };
    }
    return {
      status: 'ok',
      detail: `all ${expected.length} present${ctx.outputs.InboundDomain ? ', and InboundDomain' : ' (no InboundDomain: replies by link only)'}`,
    };
  },
};

async function subscriptions(ctx: DoctorContext, topic: string): Promise<Subscription[]> {
  const all: Subscription[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic, ...(token ? { NextToken: token } : {}) }));
    all.push(...(page.Subscriptions ?? []));
    token = page.NextToken;
  } while (token);
  return all;
}

/** The alarm topic reaches a person: an email subscription that was confirmed. */
export const alarmSubscription: Check = {
  id: 'alarm-subscription',
  title: 'Alarm email subscription',
  scope: 'aws',
  calls: ['sns:ListSubscriptionsByTopic'],
  async run(ctx) {
    const topic = ctx.outputs.AlarmTopicArn;
    const subscribe = '-c meeting-cycle:alarmEmail=you@your-board.org';
    if (!topic) {
      return {
        status: 'fail',
        detail: 'the stack has no AlarmTopicArn output: it was deployed before alarms',
        fix: `Redeploy to get alarms: npx cdk deploy ${subscribe} (with your other -c options as before).`,
      };
    }
    const emails = (await subscriptions(ctx, topic)).filter((s) => s.Protocol === 'email' || s.Protocol === 'email-json');
    const confirmed = emails.filter((s) => s.SubscriptionArn && s.SubscriptionArn !== 'PendingConfirmation');
    if (confirmed.length) return { status: 'ok', detail: `alarms go to ${confirmed.map((s) => s.Endpoint).join(', ')}` };
    const pending = emails.map((s) => s.Endpoint ?? '?');
    if (pending.length) {
      return {
        status: 'fail',
        detail: `the subscription of ${pending.join(', ')} is not confirmed: alarms reach nobody`,
        fix: `Confirm the subscription: check ${pending.join("'s, ")}'s inbox for "AWS Notification - Subscription Confirmation" and open its link (it expires after 3 days; redeploy to send another).`,
      };
    }
    return {
      status: 'fail',
      detail: 'nobody is subscribed to the alarm topic: alarms reach nobody',
      fix: `Redeploy with ${subscribe}, or subscribe: aws sns subscribe --topic-arn ${topic} --protocol email --notification-endpoint you@your-board.org --region ${ctx.region}.`,
    };
  },
};

/** The local cloud of `npm start` is running (its state file names a live process). */
export const localCloud: Check = {
  id: 'local-cloud',
  title: 'Local cloud',
  scope: 'local',
  calls: [],
  reportsUnreachable: true,
  async run(ctx) {
    if (ctx.unreachable) return { status: 'fail', ...ctx.unreachable };
    return { status: 'ok', detail: `running (pid ${ctx.local?.pid ?? '?'}) at ${ctx.local?.appUrl ?? ctx.outputs.ApiUrl ?? '?'}` };
  },
};

const isOk = (body: string): boolean => {
  try {
    return (JSON.parse(body) as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
};

/** The app's address resolves, and what answers there is this app (`GET /health` → `{"ok":true}`). */
export const appHealth: Check = {
  id: 'app-health',
  title: 'App domain and /health',
  scope: 'both',
  calls: ['GET /health'],
  async run(ctx): Promise<CheckOutcome> {
    const origin = ctx.outputs.ApiUrl?.replace(/\/+$/, '');
    if (!origin) return { status: 'fail', detail: 'no ApiUrl output', fix: `Redeploy: ${REDEPLOY}.` };
    const host = new URL(origin).hostname;
    const notUs =
      ctx.target === 'aws'
        ? `Point ${host} at this stack's API: a CNAME to its API Gateway domain name (aws apigatewayv2 get-domain-name --domain-name ${host} --region ${ctx.region}), and read the HTTP function's log group in CloudWatch for errors.`
        : 'Start the local cloud again: `npm start`.';
    let address = host;
    if (!net.isIP(host)) {
      try {
        address = await ctx.dns.lookup(host);
      } catch (err) {
        return { status: 'fail', detail: `${host} does not resolve (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, fix: notUs };
      }
    }
    let answer;
    try {
      answer = await ctx.get(`${origin}/health`);
    } catch (err) {
      return { status: 'fail', detail: `GET ${origin}/health failed: ${(err as Error).message}`, fix: notUs };
    }
    const ok = answer.status === 200 && isOk(answer.body);
    if (!ok) return { status: 'fail', detail: `GET ${origin}/health answered ${answer.status} ${answer.body.slice(0, 80)}`, fix: notUs };
    return { status: 'ok', detail: `${host}${address === host ? '' : ` (${address})`} answers /health with {"ok":true}` };
  },
};

/** The table the cores use is there and active. */
export const table: Check = {
  id: 'table',
  title: 'DynamoDB table',
  scope: 'both',
  calls: ['dynamodb:DescribeTable'],
  async run(ctx) {
    const name = ctx.outputs.TableName;
    if (!name) return { status: 'fail', detail: 'no TableName output', fix: `Redeploy: ${REDEPLOY}.` };
    const out = await ctx.clients.dynamodb.send(new DescribeTableCommand({ TableName: name }));
    const status = out.Table?.TableStatus ?? 'unknown';
    if (status !== 'ACTIVE') return { status: 'warn', detail: `${name} is ${status}`, fix: 'Wait a minute for it to become ACTIVE, then run this again.' };
    return { status: 'ok', detail: `${name} is ACTIVE` };
  },
};

/** The documents bucket is there and these credentials reach it. */
export const bucket: Check = {
  id: 'bucket',
  title: 'Documents bucket',
  scope: 'both',
  calls: ['s3:ListBucket'],
  async run(ctx) {
    const name = ctx.outputs.DocumentsBucket;
    if (!name) return { status: 'fail', detail: 'no DocumentsBucket output', fix: `Redeploy: ${REDEPLOY}.` };
    await ctx.clients.s3.send(new HeadBucketCommand({ Bucket: name }));
    return { status: 'ok', detail: `${name} is reachable` };
  },
};

/** The state machine is there and active (locally, the runner's Step Functions API answers for it). */
export const stateMachine: Check = {
  id: 'state-machine',
  title: 'Step Functions state machine',
  scope: 'both',
  calls: ['states:DescribeStateMachine'],
  async run(ctx) {
    const arn = ctx.outputs.StateMachineArn;
    if (!arn) return { status: 'fail', detail: 'no StateMachineArn output', fix: `Redeploy: ${REDEPLOY}.` };
    const out = await ctx.clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    if (out.status !== 'ACTIVE') return { status: 'fail', detail: `${out.name ?? arn} is ${out.status ?? 'unknown'}`, fix: `Redeploy: ${REDEPLOY}.` };
    return { status: 'ok', detail: `${out.name ?? arn} is ACTIVE` };
  },
};

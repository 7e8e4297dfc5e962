import fs from 'node:fs';
import path from 'node:path';
import { deps } from '../functions/shared/runtime/deps';
import { installClock } from '../functions/shared/runtime/clock';
import type { CoreDeps } from '../functions/shared/ports';
import { startEmulators, emulatorEnv } from './emulators';
import { LOCAL_INBOUND_DOMAIN } from './mail/inbound';
import { memoryOfFunction } from './metering/cycle-usage';
import { startDynamoMeter } from './metering/dynamodb-meter';
import { LocalMeter, METER_HEADER } from './metering/local-meter';
import { meterS3Requests } from './metering/s3-meter';
import { startMailCapture, type MailCapture, type MailFate } from './mail/mail-capture';
import { deliverMailEvents, type LocalMailEvents } from './mail/mail-events';
import { localStackOutputs, startLocalCloudFormation, type LocalCloudFormation } from './runtime/cloudformation-api';
import { LocalScheduler } from './runtime/local-scheduler';
import { LocalStepFunctions, type AroundInvoke, type LambdaHandler } from './runtime/local-step-functions';
import { VirtualClock } from './runtime/virtual-clock';
import { seedDemoBoard } from './seed';
import { startLocalServer } from './server';
import { localStateFile } from './state-file';

export const TABLE_NAME = 'meeting-cycle';
export const BUCKET_NAME = 'meeting-cycle-documents';

export interface LocalCloud {
  appUrl: string;
  clock: VirtualClock;
  sfn: LocalStepFunctions;
  /** EventBridge Scheduler's API on the virtual clock: the next cycles waiting to start themselves. */
  scheduler: LocalScheduler;
  mail: MailCapture;
  /** SES's bounce and complaint events for the emails `mail.simulate` makes fail, delivered to functions/mail-events. */
  mailEvents: LocalMailEvents;
  /** What every cycle used, as AWS would bill it (local/metering): read it with `meteredCycle`. */
  meter: LocalMeter;
  deps: CoreDeps;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface LocalCloudOptions {
  /** Port for the app and console; 0 picks a free one. */
  port?: number;
  /** Where the virtual clock starts; now by default. */
  clockStart?: Date;
  seed?: boolean;
  /** Write .local-data/local-cloud.json so that `npx cycle` finds this cloud. */
  writeStateFile?: boolean;
  /** Wraps every handler invocation of the runner (the fault harness, local/faults/); none by default. */
  aroundInvoke?: AroundInvoke;
  /** The SES send quota (emails a second) the local mail capture reports; 14, a new account's, by default. */
  maxSendRate?: number;
  /** Addresses whose emails bounce or draw a complaint from the start (as `mail.simulate` sets later). */
  bounce?: Record<string, MailFate>;
}

/** Loads functions/<dir>/handler.ts: the very modules Lambda runs in AWS. */
const loadHandler = (dir: string): LambdaHandler =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, after the environment is set
  (require(path.join(__dirname, '..', 'functions', dir, 'handler')) as { handler: LambdaHandler }).handler;

/**
 * The whole product on this machine: DynamoDB Local and s3rver, a mail capture speaking the SES API,
 * the ASL on the local runner with the real handlers and a virtual clock, EventBridge Scheduler's API on
 * that clock (a confirmed next cycle starts itself when the clock passes its agenda call), and one HTTP server for the
 * link pages, the console, the mailbox and the Step Functions API. CloudFormation's DescribeStacks
 * answers with the stack's outputs, so `cycle --aws` finds it as it finds a deployed stack. Handlers reach
 * all of it through the same SDK clients they use in AWS; only AWS_ENDPOINT_URL_* differ.
 */
export async function startLocalCloud(opts: LocalCloudOptions = {}): Promise<LocalCloud> {
  const clock = new VirtualClock(opts.clockStart ?? new Date());
  // Requests made outside any invocation (a member's browser) count towards the cycle started last.
  let latestCycle = (): string => '';
  const meter = new LocalMeter(() => latestCycle());
  const GB = 1024 ** 3;
  const [emulators, mail] = await Promise.all([
    startEmulators({ tableName: TABLE_NAME, bucketName: BUCKET_NAME, onS3Request: meterS3Requests(meter) }),
    startMailCapture(clock, {
      ...(opts.maxSendRate ? { maxSendRate: opts.maxSendRate } : {}),
      onSent: (email, headers) =>
        meter.add(meter.tagOf(headers[METER_HEADER], 'people'), {
          emails: email.to.length,
          attachmentGb: email.attachments.reduce((n, a) => n + a.size, 0) / GB,
        }),
    }),
  ]);
  for (const [address, fate] of Object.entries(opts.bounce ?? {})) mail.simulate(address, fate);
  let mailEvents: LocalMailEvents | undefined;
  // A task's run ends once SES's events about its emails are handled, as settling waits for it: a
  // bounce is marked before the cycle's next step writes to that address again.
  const around = opts.aroundInvoke;
  const aroundInvoke: AroundInvoke = async (call, run) => {
    const tag = { cycle: call.executionArn.split(':').pop() ?? '', source: call.functionDir, state: call.stateName };
    const metered = () => meter.invoke(tag, memoryOfFunction(call.functionDir), run);
    try {
      return await (around ? around(call, metered) : metered());
    } finally {
      await mailEvents?.settled();
    }
  };
  const sfn = new LocalStepFunctions({ clock, loadHandler, aroundInvoke });
  latestCycle = () => sfn.list().at(-1)?.name ?? '';
  const scheduler = new LocalScheduler({ clock, stateMachineArn: sfn.stateMachineArn, startExecution: (name, input) => void sfn.startExecution(input, name) });
  let server: Awaited<ReturnType<typeof startLocalServer>> | undefined;
  let cloudFormation: LocalCloudFormation | undefined;
  let dynamoMeter: Awaited<ReturnType<typeof startDynamoMeter>> | undefined;
  try {
    // The app reaches DynamoDB Local through the meter, which counts the capacity each request uses.
    dynamoMeter = await startDynamoMeter(emulators.endpoints.dynamodb, meter);
    server = await startLocalServer({ port: opts.port ?? 0, sfn, clock, mail, meter });
    await scheduler.listen();
    // `cycle --aws` finds this cloud as it finds a deployed stack: by the stack's outputs.
    cloudFormation = await startLocalCloudFormation(() => localStackOutputs(env));
    const env: Record<string, string> = {
      ...emulatorEnv({ ...emulators.endpoints, dynamodb: dynamoMeter.endpoint }),
      AWS_ENDPOINT_URL_SESV2: mail.endpoint,
      AWS_ENDPOINT_URL_SFN: server.url,
      AWS_ENDPOINT_URL_SCHEDULER: scheduler.endpoint,
      AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.endpoint,
      STATE_MACHINE_ARN: sfn.stateMachineArn,
      SCHEDULE_GROUP_NAME: 'meeting-cycle-local',
      SCHEDULER_ROLE_ARN: `arn:aws:iam::${sfn.stateMachineArn.split(':')[4]}:role/meeting-cycle-scheduler-local`,
      // The local cloud has no SQS: these name the dead-letter queue a deployed stack has, so schedules
      // carry the same DeadLetterConfig as in AWS and the CloudFormation stand-in lists every output.
      SCHEDULE_DLQ_ARN: `arn:aws:sqs:${sfn.stateMachineArn.split(':')[3]}:${sfn.stateMachineArn.split(':')[4]}:meeting-cycle-local-schedule-dead-letters`,
      SCHEDULE_DLQ_URL: `https://sqs.${sfn.stateMachineArn.split(':')[3]}.amazonaws.com/${sfn.stateMachineArn.split(':')[4]}/meeting-cycle-local-schedule-dead-letters`,
      APP_URL: server.url,
      SENDER_EMAIL: 'Meeting cycle <noreply@example.org>',
      SES_CONFIGURATION_SET: 'meeting-cycle-local',
      INBOUND_DOMAIN: LOCAL_INBOUND_DOMAIN,
      // Powertools as the stack sets it, but readable: indented logs, metrics not written (no
      // CloudWatch to read them), no tracing (no X-Ray daemon). The log level stays the caller's.
      POWERTOOLS_SERVICE_NAME: 'meeting-cycle',
      POWERTOOLS_METRICS_NAMESPACE: 'MeetingCycle',
      POWERTOOLS_DEV: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
    };
    Object.assign(process.env, env);
    installClock(clock);
    const coreDeps = deps();
    mailEvents = deliverMailEvents(mail, coreDeps);
    if (opts.seed ?? true) await seedDemoBoard(coreDeps.boards);
    const stateFile = localStateFile();
    if (opts.writeStateFile) {
      fs.mkdirSync(path.dirname(stateFile), { recursive: true });
      fs.writeFileSync(stateFile, JSON.stringify({ appUrl: server.url, pid: process.pid, env }, null, 2));
    }
    const running = server;
    const stack = cloudFormation;
    const metering = dynamoMeter;
    return {
      appUrl: running.url,
      clock,
      sfn,
      scheduler,
      mail,
      mailEvents,
      meter,
      deps: coreDeps,
      env,
      stop: async () => {
        sfn.stop();
        installClock(undefined);
        if (opts.writeStateFile) fs.rmSync(stateFile, { force: true });
        await Promise.allSettled([running.stop(), stack.stop(), scheduler.stop(), mail.stop(), metering.stop(), emulators.stop()]);
      },
    };
  } catch (err) {
    await Promise.allSettled([server?.stop(), cloudFormation?.stop(), scheduler.stop(), mail.stop(), dynamoMeter?.stop(), emulators.stop()]);
    throw err;
  }
}

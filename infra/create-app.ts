import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { LOG_LEVEL_CONTEXT, parseLogLevel } from './constructs/task-function';
import { MeetingCycleStack } from './meeting-cycle-stack';
import { STACK_NAME } from './stack-outputs';

export { STACK_NAME } from './stack-outputs';

/** Context keys (cdk.json, or `npx cdk deploy -c key=value`). */
export const CONTEXT_KEYS = {
  senderEmail: 'meeting-cycle:senderEmail',
  appDomain: 'meeting-cycle:appDomain',
  inboundDomain: 'meeting-cycle:inboundDomain',
  adminEmails: 'meeting-cycle:adminEmails',
  /** The operator's address, subscribed to the alarm topic. */
  alarmEmail: 'meeting-cycle:alarmEmail',
  /** The functions' log level: INFO unless set (DEBUG to investigate). */
  logLevel: LOG_LEVEL_CONTEXT,
  /** A Route 53 public hosted zone holding the sender's and the app's domains: DNS records are made in it. */
  hostedZoneId: 'meeting-cycle:hostedZoneId',
  /** Reserved concurrency of the link pages' function; `off` reserves none. */
  httpConcurrency: 'meeting-cycle:httpConcurrency',
} as const;

/** The HTTP function's reserved concurrency without `meeting-cycle:httpConcurrency`. */
export const DEFAULT_HTTP_CONCURRENCY = 20;

/** The app and its one stack. */
export interface MeetingCycleApp {
  readonly app: App;
  readonly stack: MeetingCycleStack;
}

// A plain address, as SES and the console compare them: no display name, no list separator, a dotted domain.
const EMAIL = /^[^@\s,;<>()"]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

const contextString = (app: App, key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context ${key} must be a string, got ${JSON.stringify(value)}`);
  return value.trim();
};

/**
 * The console admins of `-c meeting-cycle:adminEmails=a@x.org,b@y.org`: lower-cased, each once. A typo
 * fails the synth rather than deploying a console nobody can administer; no value means no admins.
 */
export function parseAdminEmails(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !EMAIL.test(e));
  if (bad.length > 0) {
    throw new Error(
      `${CONTEXT_KEYS.adminEmails} is a comma-separated list of email addresses, such as clerk@your-board.org,it@your-board.org; these are not addresses: ${bad.map((e) => JSON.stringify(e)).join(', ')}`,
    );
  }
  return [...new Set(entries.map((e) => e.toLowerCase()))];
}

/**
 * The HTTP function's reserved concurrency: a whole number from 1 to 1000, `off` for none (an account
 * whose Lambda concurrency is still the new-account 10 cannot reserve any), {@link DEFAULT_HTTP_CONCURRENCY} unset.
 */
export function parseHttpConcurrency(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return DEFAULT_HTTP_CONCURRENCY;
  if (value === 'off') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new Error(`${CONTEXT_KEYS.httpConcurrency} is a whole number of concurrent requests such as 20, or off (got ${JSON.stringify(value)})`);
  }
  return n;
}

/**
 * Builds the CDK app with the AwsSolutions checks registered. Shared by `infra/app.ts` and the infra
 * tests, so the tested app is the deployed one; tests pass their context (cdk.json is read by the CLI only).
 */
export function createApp(props: AppProps = {}): MeetingCycleApp {
  const app = new App(props);

  const senderEmail = contextString(app, CONTEXT_KEYS.senderEmail);
  if (!senderEmail || !EMAIL.test(senderEmail)) {
    throw new Error(
      `Set the sender address: npx cdk deploy -c ${CONTEXT_KEYS.senderEmail}=secretariat@your-board.org (got ${JSON.stringify(senderEmail ?? '')})`,
    );
  }
  const appDomain = contextString(app, CONTEXT_KEYS.appDomain);
  if (appDomain && !HOST_NAME.test(appDomain)) {
    throw new Error(`${CONTEXT_KEYS.appDomain} is a host name such as board.example.org, without scheme or path (got ${JSON.stringify(appDomain)})`);
  }

  const inboundDomain = contextString(app, CONTEXT_KEYS.inboundDomain)?.toLowerCase();
  if (inboundDomain && !HOST_NAME.test(inboundDomain)) {
    throw new Error(`${CONTEXT_KEYS.inboundDomain} is a mail domain such as replies.example.org, without "@" (got ${JSON.stringify(inboundDomain)})`);
  }

  const adminEmails = parseAdminEmails(contextString(app, CONTEXT_KEYS.adminEmails));

  const alarmEmail = contextString(app, CONTEXT_KEYS.alarmEmail)?.toLowerCase();
  if (alarmEmail && !EMAIL.test(alarmEmail)) {
    throw new Error(`${CONTEXT_KEYS.alarmEmail} is one email address, such as it@your-board.org (got ${JSON.stringify(alarmEmail)})`);
  }
  // Read again by every function (TaskFunction); checked here so a typo fails before anything is built.
  parseLogLevel(app.node.tryGetContext(CONTEXT_KEYS.logLevel));

  const hostedZoneId = contextString(app, CONTEXT_KEYS.hostedZoneId);
  if (hostedZoneId && !/^Z[A-Z0-9]{1,31}$/.test(hostedZoneId)) {
    throw new Error(`${CONTEXT_KEYS.hostedZoneId} is a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (got ${JSON.stringify(hostedZoneId)})`);
  }
  const httpConcurrency = parseHttpConcurrency(app.node.tryGetContext(CONTEXT_KEYS.httpConcurrency));

  const stack = new MeetingCycleStack(app, STACK_NAME, {
    description: 'meeting-cycle: a board meeting cycle as one Step Functions execution',
    // Explicit, never looked up: synth works offline without credentials. Without a default account the
    // stack stays environment-agnostic rather than pinned to a made-up one; the region falls back to
    // London, where a UK board most likely deploys.
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: process.env.CDK_DEFAULT_REGION ?? process.env.AWS_REGION ?? 'eu-west-2',
    },
    senderEmail,
    appDomain,
    inboundDomain,
    adminEmails,
    alarmEmail,
    hostedZoneId,
    httpConcurrency,
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MeetingCycleStack } from './meeting-cycle-stack';
import { STACK_NAME } from './stack-outputs';

export { STACK_NAME } from './stack-outputs';

/** Context keys (cdk.json, or `npx cdk deploy -c key=value`). */
export const CONTEXT_KEYS = {
  senderEmail: 'meeting-cycle:senderEmail',
  appDomain: 'meeting-cycle:appDomain',
  inboundDomain: 'meeting-cycle:inboundDomain',
  adminEmails: 'meeting-cycle:adminEmails',
} as const;

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
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

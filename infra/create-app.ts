import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MeetingCycleStack } from './meeting-cycle-stack';

/** CloudFormation stack name; the `cycle` CLI looks the outputs up under it. */
export const STACK_NAME = 'MeetingCycle';

/** Context keys (cdk.json, or `npx cdk deploy -c key=value`). */
export const CONTEXT_KEYS = {
  senderEmail: 'meeting-cycle:senderEmail',
  appDomain: 'meeting-cycle:appDomain',
  inboundDomain: 'meeting-cycle:inboundDomain',
} as const;

/** The app and its one stack. */
export interface MeetingCycleApp {
  readonly app: App;
  readonly stack: MeetingCycleStack;
}

const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

const contextString = (app: App, key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context ${key} must be a string, got ${JSON.stringify(value)}`);
  return value.trim();
};

/**
 * Builds the CDK app with the AwsSolutions checks registered. Shared by `infra/app.ts` and the infra
 * tests, so the tested app is the deployed one; tests pass their context (cdk.json is read by the CLI only).
 */
export function createApp(props: AppProps = {}): MeetingCycleApp {
  const app = new App(props);

  const senderEmail = contextString(app, CONTEXT_KEYS.senderEmail);
  if (!senderEmail || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(senderEmail)) {
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
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

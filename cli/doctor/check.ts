import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESClient } from '@aws-sdk/client-ses';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SNSClient } from '@aws-sdk/client-sns';

/** How a check came out: `skip` when it does not apply to this target or lacks what it needs. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** What a check found, and for a warning or a failure exactly what to do about it. */
export interface CheckOutcome {
  status: CheckStatus;
  detail: string;
  fix?: string;
}

/** One line of the report. */
export interface CheckResult extends CheckOutcome {
  id: string;
  title: string;
}

/** The SDK clients the checks call; each built on first use, after the target's endpoints are set. */
export interface DoctorClients {
  sesv2: SESv2Client;
  ses: SESClient;
  sns: SNSClient;
  cloudFormation: CloudFormationClient;
  dynamodb: DynamoDBClient;
  s3: S3Client;
  sfn: SFNClient;
}

/** A member's address, for the sandbox check: while the account is in the sandbox each must be verified. */
export interface MemberAddress {
  boardId: string;
  name: string;
  email: string;
}

/** An HTTP answer, as much of it as the health check reads. */
export interface HealthAnswer {
  status: number;
  body: string;
}

/** Everything a check may look at; the command builds it for the target, tests build it from fakes. */
export interface DoctorContext {
  target: 'aws' | 'local';
  region: string;
  /** The stack's outputs by key (locally, the local cloud's equivalents); empty when they could not be read. */
  outputs: Readonly<Record<string, string>>;
  /** Why the target could not be reached at all (no stack, no local cloud); the other checks are skipped then. */
  unreachable?: { detail: string; fix: string };
  /** The local cloud's process, when there is one. */
  local?: { pid: number; appUrl: string };
  clients: DoctorClients;
  dns: {
    resolveMx(domain: string): Promise<{ exchange: string; priority: number }[]>;
    lookup(host: string): Promise<string>;
  };
  get(url: string): Promise<HealthAnswer>;
  /** Every board's members, read from the table with the same cores the CLI runs. */
  members(): Promise<MemberAddress[]>;
}

/** One entry of the registry. `scope` says where it applies; elsewhere it is reported as skipped. */
export interface Check {
  id: string;
  title: string;
  scope: 'aws' | 'local' | 'both';
  /** The API actions it calls: named in the fix when a call is refused or cannot be made. */
  calls: readonly string[];
  /** Runs even when the target cannot be reached, to say so (the check that reaches it). */
  reportsUnreachable?: boolean;
  run(ctx: DoctorContext): Promise<CheckOutcome>;
}

/** The report's line for a check that stopped on an error: what went wrong and what to do. */
export function failedCall(check: Check, ctx: DoctorContext, err: unknown): CheckOutcome {
  const rerun = `npx cycle doctor${ctx.target === 'aws' ? ' --aws' : ''}`;
  const fix =
    ctx.target === 'aws'
      ? `Make sure your AWS credentials may call ${check.calls.join(', ')} in ${ctx.region} and that the service is reachable, then run \`${rerun}\` again.`
      : `Restart the local cloud (\`npm start\`), then run \`${rerun}\` again.`;
  return { status: 'fail', detail: `${(err as Error).name}: ${(err as Error).message}`, fix };
}

const timeout = (ms: number): Promise<CheckOutcome> =>
  new Promise((resolve) => {
    const timer = setTimeout(
      () => resolve({ status: 'fail', detail: `no answer within ${ms / 1000} s`, fix: 'Check your network (and VPN or proxy), then run again.' }),
      ms,
    );
    timer.unref();
  });

/**
 * Runs every check at once, each bounded by `timeoutMs`, and returns the results in registry order.
 * A check outside its scope, or on a target that cannot be reached, is skipped and never run.
 */
export async function runChecks(checks: readonly Check[], ctx: DoctorContext, timeoutMs: number): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(async (check): Promise<CheckResult> => {
      const head = { id: check.id, title: check.title };
      if (check.scope !== 'both' && check.scope !== ctx.target) {
        return { ...head, status: 'skip', detail: check.scope === 'aws' ? 'skipped (AWS only)' : 'skipped (local cloud only)' };
      }
      if (ctx.unreachable && !check.reportsUnreachable) return { ...head, status: 'skip', detail: 'skipped: the target cannot be reached' };
      const outcome = await Promise.race([check.run(ctx).catch((err: unknown) => failedCall(check, ctx, err)), timeout(timeoutMs)]);
      return { ...head, ...outcome };
    }),
  );
}

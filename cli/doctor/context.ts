import { promises as dns } from 'node:dns';
import fs from 'node:fs';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { deps } from '../../functions/shared/runtime/deps';
import { STACK_OUTPUTS } from '../../infra/stack-outputs';
import { localStateFile } from '../../local/state-file';
import { TargetError, useTarget } from '../target';
import type { DoctorClients, DoctorContext, MemberAddress } from './check';

// One retry: a check that cannot reach its service should say so within its timeout, not back off for long.
const SDK = { maxAttempts: 2 };

/** Each client built on first use, after the target's environment (endpoints, region) is in place. */
function lazyClients(): DoctorClients {
  const make: { [K in keyof DoctorClients]: () => DoctorClients[K] } = {
    sesv2: () => new SESv2Client(SDK),
    ses: () => new SESClient(SDK),
    sns: () => new SNSClient(SDK),
    cloudFormation: () => new CloudFormationClient(SDK),
    dynamodb: () => new DynamoDBClient(SDK),
    s3: () => new S3Client({ ...SDK, forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }),
    sfn: () => new SFNClient(SDK),
  };
  const built: Partial<DoctorClients> = {};
  const clients = {} as DoctorClients;
  for (const key of Object.keys(make) as (keyof DoctorClients)[]) {
    Object.defineProperty(clients, key, { enumerable: true, get: () => (built[key] ??= make[key]() as never) });
  }
  return clients;
}

async function members(): Promise<MemberAddress[]> {
  const d = deps();
  const boards = await d.boards.listBoards();
  const lists = await Promise.all(
    boards.map(async (b) => (await d.boards.listMembers(b.boardId)).map((m) => ({ boardId: b.boardId, name: m.name, email: m.email }))),
  );
  return lists.flat();
}

/** The outputs the CLI reads, from the environment the target set (locally, the local cloud's equivalents). */
const outputsFromEnv = (): Record<string, string> =>
  Object.fromEntries(Object.entries(STACK_OUTPUTS).flatMap(([output, variable]) => (process.env[variable] ? [[output, process.env[variable]]] : [])));

/**
 * The context the checks run in, for the deployed stack (`aws`) or the local cloud. A target that cannot
 * be reached is not an error here: it is what the first check reports.
 */
export async function doctorContext(opts: { aws?: boolean; stack: string; timeoutMs: number }): Promise<DoctorContext> {
  const clients = lazyClients();
  const common = {
    clients,
    dns: { resolveMx: (domain: string) => dns.resolveMx(domain), lookup: async (host: string) => (await dns.lookup(host)).address },
    get: async (url: string) => {
      const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs) });
      return { status: res.status, body: await res.text() };
    },
    members,
  };
  if (opts.aws) {
    const region = await clients.cloudFormation.config.region().catch(() => 'your region');
    let outputs: Record<string, string>;
    try {
      const out = await clients.cloudFormation.send(new DescribeStacksCommand({ StackName: opts.stack }));
      outputs = Object.fromEntries((out.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
    } catch (err) {
      return {
        ...common,
        target: 'aws',
        region,
        outputs: {},
        unreachable: {
          detail: `could not read the outputs of stack "${opts.stack}": ${(err as Error).message}`,
          fix: 'Deploy with `npx cdk deploy` first, or pass --stack <name>; check AWS_REGION and your credentials.',
        },
      };
    }
    // Sets the cores' environment (table, bucket…) as every --aws command does; a stack lacking a required
    // output refuses here, and the outputs check names what is missing.
    await useTarget({ aws: true, stack: opts.stack }).catch((err: unknown) => {
      if (!(err instanceof TargetError)) throw err;
    });
    return { ...common, target: 'aws', region, outputs };
  }
  try {
    const target = await useTarget({});
    const state = JSON.parse(fs.readFileSync(localStateFile(), 'utf8')) as { pid: number };
    const region = await clients.sesv2.config.region().catch(() => 'local');
    return { ...common, target: 'local', region, outputs: outputsFromEnv(), local: { pid: state.pid, appUrl: target.appUrl } };
  } catch (err) {
    if (!(err instanceof TargetError)) throw err;
    return { ...common, target: 'local', region: 'local', outputs: {}, unreachable: { detail: 'no local cloud is running', fix: err.message } };
  }
}

import fs from 'node:fs';
import { localStateFile } from '../local/state-file';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { REQUIRED_OUTPUTS, STACK_NAME, STACK_OUTPUTS, type StackOutput } from '../infra/stack-outputs';

export const DEFAULT_STACK = STACK_NAME;

/** Where the CLI's commands go: the local cloud of `npm start`, or the deployed stack in AWS. */
export type Target = { kind: 'local'; appUrl: string } | { kind: 'aws'; stack: string; appUrl: string };

export class TargetError extends Error {}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Points the app's runtime at the target by setting the same environment variables the handlers read,
 * so the CLI runs the same cores over the same adapters as Lambda does.
 */
export async function useTarget(opts: { aws?: boolean; stack?: string }): Promise<Target> {
  if (opts.aws) {
    const stack = opts.stack ?? DEFAULT_STACK;
    const cf = new CloudFormationClient({});
    let outputs: Record<string, string>;
    try {
      const out = await cf.send(new DescribeStacksCommand({ StackName: stack }));
      outputs = Object.fromEntries((out.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
    } catch (err) {
      throw new TargetError(
        `Could not read the outputs of stack "${stack}" with your AWS credentials: ${(err as Error).message}. Deploy with \`npx cdk deploy\` first, or pass --stack <name>.`,
      );
    }
    const missing = REQUIRED_OUTPUTS.filter((k) => !outputs[k]);
    if (missing.length) throw new TargetError(`Stack "${stack}" has no output(s) ${missing.join(', ')}: is it a meeting-cycle stack?`);
    // What commands that schedule a start or send an email need arrived later; a stack from before them
    // lacks those outputs, and only those commands then fail, naming the variable.
    for (const [output, variable] of Object.entries(STACK_OUTPUTS) as [StackOutput, string][]) {
      if (outputs[output]) process.env[variable] = outputs[output];
    }
    return { kind: 'aws', stack, appUrl: String(outputs.ApiUrl) };
  }
  const stateFile = localStateFile();
  if (!fs.existsSync(stateFile)) {
    throw new TargetError('No local cloud is running. Start one with `npm start` in another terminal, or add --aws to use your deployed stack.');
  }
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { appUrl: string; pid: number; env: Record<string, string> };
  if (!alive(state.pid)) {
    throw new TargetError('The local cloud that wrote .local-data/local-cloud.json has stopped. Start it again with `npm start`.');
  }
  Object.assign(process.env, state.env);
  return { kind: 'local', appUrl: state.appUrl };
}

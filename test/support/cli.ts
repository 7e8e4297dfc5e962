import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/emulators';

const BIN = path.join(__dirname, '..', '..', 'bin', 'cycle.cjs');
const run = promisify(execFile);

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The real `cycle` command, run in its own process as a user would, against the local cloud whose
 * state file is `statePath` (MEETING_CYCLE_LOCAL_STATE). Never throws: the exit code is in the result.
 */
export function cycleCommand(statePath: string): (...args: string[]) => Promise<CommandResult> {
  return async (...args) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, MEETING_CYCLE_LOCAL_STATE: statePath } });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
}

/**
 * `npx cycle … --aws` as an operator runs it against a deployed stack: nothing in its environment but
 * credentials, a region and the endpoints (the local cloud's `env`, standing in for AWS, with `overrides`),
 * run from `home` where no local cloud's state file is found. Its settings can only come from the stack's outputs.
 */
export function awsCycleCommand(
  cloudEnv: () => Record<string, string>,
  home: string,
  overrides: () => Promise<Record<string, string>> | Record<string, string> = () => ({}),
): (...args: string[]) => Promise<CommandResult> {
  return async (...args) => {
    const endpoints = Object.fromEntries(Object.entries(cloudEnv()).filter(([name]) => name.startsWith('AWS_ENDPOINT_URL_')));
    const env = {
      ...endpoints,
      ...(await overrides()),
      PATH: process.env.PATH ?? '',
      HOME: home,
      MEETING_CYCLE_LOCAL_STATE: path.join(home, 'no-local-cloud.json'),
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    };
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, cwd: home });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as CommandResult;
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
}

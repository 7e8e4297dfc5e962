import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

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

import { Option, type Command } from 'commander';
import { formatBoardDateTime } from '../functions/shared/domain/calendar';
import { ValidationError } from '../functions/shared/domain/errors';
import { installClock } from '../functions/shared/runtime/clock';
import { DEFAULT_STACK, useTarget, type Target } from './target';

/** The options every command that talks to a cloud takes. */
export interface Common {
  json?: boolean;
  aws?: boolean;
  stack?: string;
}

/** Adds the options of {@link Common} to a command. */
export const withCommon = (cmd: Command): Command =>
  cmd
    .option('--json', 'print JSON for scripts')
    .option('--aws', 'use the deployed stack (your AWS credentials) instead of the local cloud')
    .addOption(new Option('--stack <name>', 'CloudFormation stack name with --aws').default(DEFAULT_STACK));

/** Prints `value` as JSON with --json, else the human text. */
export const print = (opts: Common, value: unknown, human: () => string): void => console.log(opts.json ? JSON.stringify(value, null, 2) : human());

/** Connects to the target; locally also adopts the virtual clock, so dates are checked against it. */
export async function connect(opts: Common): Promise<Target> {
  const target = await useTarget(opts);
  if (target.kind === 'local') {
    const state = (await localApi(target, 'GET', '/api/state')) as { now: string };
    installClock({ now: () => new Date(state.now) });
  }
  return target;
}

/** Calls the local cloud's own API (the virtual clock); its refusals become ValidationErrors. */
export async function localApi(target: Target, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${target.appUrl}${path}`, {
    method,
    ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const value = (await res.json()) as { message?: string };
  if (!res.ok) throw new ValidationError(value.message ?? `The local cloud answered HTTP ${res.status}`);
  return value;
}

/** A moment as the secretariat reads it. */
export const when = (iso: string): string => formatBoardDateTime(iso, 'Europe/London');

import fs from 'node:fs';
import path from 'node:path';
import * as errors from '../../functions/shared/domain/errors';
import { BUNDLING, esbuildOptions } from '../../infra/constructs/bundling';
import { PLATFORM_RETRYABLE_ERRORS, RETRYABLE_ERROR_NAMES, RetryableError } from '../../functions/shared/domain/errors';

type Retrier = { ErrorEquals: string[] };
type State = { Type: string; Retry?: Retrier[]; Branches?: { States: Record<string, State> }[]; ItemProcessor?: { States: Record<string, State> } };

const ROOT = path.join(__dirname, '..', '..');
const definition = JSON.parse(fs.readFileSync(path.join(ROOT, 'statemachines', 'meeting-cycle.asl.json'), 'utf8')) as { States: Record<string, State> };
const allStates = (states: Record<string, State>): [string, State][] =>
  Object.entries(states).flatMap(([name, s]) => [
    [name, s] as [string, State],
    ...(s.Branches ?? []).flatMap((b) => allStates(b.States)),
    ...(s.ItemProcessor ? allStates(s.ItemProcessor.States) : []),
  ]);
const tasks = allStates(definition.States).filter(([, s]) => s.Type === 'Task');

/** Every class errors.ts exports that is a RetryableError, itself included. */
const retryableClasses = Object.entries(errors)
  .filter(([, value]) => typeof value === 'function' && (value === RetryableError || value.prototype instanceof RetryableError))
  .map(([name]) => name);

describe('retryable error names (functions/shared/domain/errors.ts and the ASL)', () => {
  it('lists every RetryableError class by its own name, because Step Functions matches names exactly', () => {
    expect(retryableClasses).toEqual(expect.arrayContaining(['RetryableError', 'StaleVersionError', 'ThrottledError', 'ServiceUnavailableError']));
    const ours = RETRYABLE_ERROR_NAMES.filter((n) => !(PLATFORM_RETRYABLE_ERRORS as readonly string[]).includes(n));
    expect([...ours].sort()).toEqual([...retryableClasses].sort());
    for (const name of retryableClasses) expect(new (errors as unknown as Record<string, new (m: string) => Error>)[name]!('x').name).toBe(name);
  });

  it("lists the platform's transient invocation failures", () => {
    expect([...PLATFORM_RETRYABLE_ERRORS]).toEqual(
      expect.arrayContaining(['Lambda.ServiceException', 'Lambda.Unknown', 'Lambda.ClientExecutionTimeoutException', 'Sandbox.Timedout']),
    );
  });

  it.each(tasks.map(([name, s]) => [name, s] as const))('%s retries every retryable name', (name, s) => {
    const retried = new Set((s.Retry ?? []).flatMap((r) => r.ErrorEquals));
    expect({ name, missing: RETRYABLE_ERROR_NAMES.filter((n) => !retried.has(n)) }).toEqual({ name, missing: [] });
  });

  it('names in Retry only retryable errors, so a mistake that no retry can fix goes straight to RecordFailure', () => {
    const known: readonly string[] = RETRYABLE_ERROR_NAMES;
    for (const [name, s] of tasks) {
      const extra = (s.Retry ?? []).flatMap((r) => r.ErrorEquals).filter((n) => !known.includes(n));
      expect({ name, extra }).toEqual({ name, extra: [] });
    }
  });

  it('keeps class names in the Lambda bundles, or every error would reach Step Functions under a minified name', () => {
    expect(BUNDLING).toMatchObject({ minify: true, keepNames: true });
    expect(esbuildOptions('entry.ts', 'out')).toMatchObject({ minify: true, keepNames: true });
    // The stack builds with the shared build (infra/function-build.ts, whose first pass takes these options).
    const construct = fs.readFileSync(path.join(ROOT, 'infra', 'constructs', 'task-function.ts'), 'utf8');
    expect(construct).toMatch(/buildFunctionSync\(this\.entry, outputDir\)/);
    const build = fs.readFileSync(path.join(ROOT, 'infra', 'function-build.ts'), 'utf8');
    expect(build).toMatch(/build\(esbuildOptions\(entry, staging\)\)/);
  });
});

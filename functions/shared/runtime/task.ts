import middy from '@middy/core';
import type { z } from 'zod';
import { randomUUID } from 'node:crypto';
import type { TaskAttempt } from '../ports';
import { parseOrThrow } from '../domain/validate';
import { asAttempt } from './attempt';
import { deps } from './deps';

/**
 * The middleware stack every Step Functions task shares: validate the input against its schema
 * (ValidationError, by name, on failure), record which state the cycle is in, then run the core. No
 * catch here: a thrown error reaches the state machine with its name, where Retry/Catch decide.
 */
export function taskHandler<S extends z.ZodType, R>(schema: S, run: (input: z.infer<S>) => Promise<R>) {
  return middy<unknown, R>({ timeoutEarlyInMillis: 0 }).handler(async (event: unknown, context: { awsRequestId?: string; functionName?: string }) => {
    const input = parseOrThrow(schema, event, 'task input');
    const attempt = attemptOf(event, context);
    const work = async () => {
      await recordPhase(input);
      return run(input);
    };
    return attempt ? asAttempt(attempt, work) : work();
  });
}

/**
 * Which run of which task this invocation is: the ASL passes the execution's name and the state's
 * (`$$.Execution.Name`, `$$.State.Name`), Lambda the request id and function name. Send-once uses it to send again what
 * an earlier run of the same task claimed and never sent.
 */
function attemptOf(event: unknown, context: { awsRequestId?: string; functionName?: string }): TaskAttempt | undefined {
  const { execution, state } = (event ?? {}) as { execution?: unknown; state?: unknown };
  // A task that records no phase (RecordFailure) is told apart by its function: one state calls it.
  const task = typeof state === 'string' && state ? state : context.functionName;
  if (typeof execution !== 'string' || !execution || !task) return undefined;
  return { scope: `${execution}#${task}`, by: context.awsRequestId ?? randomUUID(), startedAt: deps().clock.now().toISOString() };
}

/** The cycle's `phase` names the state it is in, so the console and a failure report can say where. */
async function recordPhase(input: unknown): Promise<void> {
  const { boardId, cycleId, state } = input as { boardId?: string; cycleId?: string; state?: string };
  if (!boardId || !cycleId || !state) return;
  await deps().cycles.updateCycle(boardId, cycleId, (c) => (c.phase === state ? {} : { phase: state }));
}

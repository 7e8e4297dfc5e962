import middy from '@middy/core';
import type { z } from 'zod';
import { parseOrThrow } from '../domain/validate';
import { deps } from './deps';

/**
 * The middleware stack every Step Functions task shares: validate the input against its schema
 * (ValidationError, by name, on failure), record which state the cycle is in, then run the core. No
 * catch here: a thrown error reaches the state machine with its name, where Retry/Catch decide.
 */
export function taskHandler<S extends z.ZodType, R>(schema: S, run: (input: z.infer<S>) => Promise<R>) {
  return middy<unknown, R>({ timeoutEarlyInMillis: 0 }).handler(async (event: unknown) => {
    const input = parseOrThrow(schema, event, 'task input');
    await recordPhase(input);
    return run(input);
  });
}

/** The cycle's `phase` names the state it is in, so the console and a failure report can say where. */
async function recordPhase(input: unknown): Promise<void> {
  const { boardId, cycleId, state } = input as { boardId?: string; cycleId?: string; state?: string };
  if (!boardId || !cycleId || !state) return;
  await deps().cycles.updateCycle(boardId, cycleId, (c) => (c.phase === state ? {} : { phase: state }));
}

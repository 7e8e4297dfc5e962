import middy from '@middy/core';
import type { z } from 'zod';
import { parseOrThrow } from '../domain/validate';

/**
 * The middleware stack every Step Functions task shares: validate the input against its schema
 * (ValidationError, by name, on failure), then run the core. No catch here: a thrown error reaches
 * the state machine with its name, where Retry/Catch decide.
 */
export function taskHandler<S extends z.ZodType, R>(schema: S, run: (input: z.infer<S>) => Promise<R>) {
  return middy<unknown, R>({ timeoutEarlyInMillis: 0 }).handler(async (event: unknown) => {
    const input = parseOrThrow(schema, event, 'task input');
    return run(input);
  });
}

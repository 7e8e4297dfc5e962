import * as z from '../validation/zod';
import { ValidationError } from './errors';

/** Parses with a zod schema; on failure throws a ValidationError whose message a person can act on. */
export function parseOrThrow<S extends z.core.$ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new ValidationError(`Invalid ${what}: ${issues.join('; ')}`, issues);
}

export const ids = {
  boardId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and hyphens')),
  cycleId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'not a cycle id')),
};

/** Input of most tasks: the execution state holds ids and dates only. */
export const cycleRef = z.object({
  boardId: ids.boardId,
  cycleId: ids.cycleId,
  /** The ASL state running the task (`$$.State.Name`): recorded as the cycle's phase. */
  state: z.optional(z.string().check(z.regex(/^[A-Za-z]{1,80}$/))),
});
export type CycleRef = z.infer<typeof cycleRef>;

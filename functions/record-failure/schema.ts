import * as z from '../shared/validation/zod';
import { cycleRef } from '../shared/domain/validate';

/** The Catch's `$.error`: Step Functions' {Error, Cause}; Cause is Lambda's JSON error report in AWS. */
export const failureInput = z.extend(cycleRef, {
  error: z._default(z.object({ Error: z._default(z.string(), 'Unknown'), Cause: z.optional(z.unknown()) }), { Error: 'Unknown' }),
});
export type FailureInput = z.infer<typeof failureInput>;

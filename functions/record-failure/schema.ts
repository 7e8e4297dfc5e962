import { z } from 'zod';
import { cycleRef } from '../shared/domain/validate';

/** The Catch's `$.error`: Step Functions' {Error, Cause}; Cause is Lambda's JSON error report in AWS. */
export const failureInput = cycleRef.extend({
  error: z.object({ Error: z.string().default('Unknown'), Cause: z.unknown().optional() }).default({ Error: 'Unknown' }),
});
export type FailureInput = z.infer<typeof failureInput>;

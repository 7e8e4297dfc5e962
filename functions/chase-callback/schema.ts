import { z } from 'zod';
import { cycleRef } from '../shared/domain/validate';

export const chaseInput = cycleRef.extend({ kind: z.enum(['agenda-confirmation', 'minutes-draft', 'chair-approval']) });
export type ChaseInput = z.infer<typeof chaseInput>;

import * as z from '../shared/validation/zod';
import { cycleRef } from '../shared/domain/validate';

export const chaseInput = z.extend(cycleRef, { kind: z.enum(['agenda-confirmation', 'minutes-draft', 'chair-approval']) });
export type ChaseInput = z.infer<typeof chaseInput>;

import * as z from '../shared/validation/zod';
import { cycleRef } from '../shared/domain/validate';

export const minutesRef = z.extend(cycleRef, { minutesVersion: z.number().check(z.int(), z.positive()) });
export type MinutesRef = z.infer<typeof minutesRef>;

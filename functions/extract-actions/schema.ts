import { z } from 'zod';
import { cycleRef } from '../shared/domain/validate';

export const minutesRef = cycleRef.extend({ minutesVersion: z.number().int().positive() });
export type MinutesRef = z.infer<typeof minutesRef>;

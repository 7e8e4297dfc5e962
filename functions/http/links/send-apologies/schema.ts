import { z } from 'zod';

/** Apologies (optionally naming a substitute), or withdrawing them. */
export const apologiesForm = z.object({
  attending: z.enum(['no', 'yes']),
  substitute: z.string().trim().max(120, 'keep the substitute’s name under 120 characters').default(''),
});

/** Apologies, as the form sends them. */
export type ApologiesInput = z.infer<typeof apologiesForm>;

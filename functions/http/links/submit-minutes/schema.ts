import { z } from 'zod';

/** The longest minutes the page or an upload may hold, in characters. */
export const MAX_MINUTES_CHARS = 200_000;

/** The minutes from the page, and whether to send them to the chair now or show the actions first. */
export const minutesForm = z.object({
  text: z
    .string()
    .trim()
    .min(20, 'the minutes are empty: write or paste them in')
    .max(MAX_MINUTES_CHARS, `minutes are limited to ${MAX_MINUTES_CHARS.toLocaleString('en-GB')} characters`),
  step: z
    .string()
    .optional()
    .transform((step) => (step === 'send' ? 'send' : 'review')),
});

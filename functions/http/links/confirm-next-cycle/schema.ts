import { z } from 'zod';

/** A field left empty, or only spaces, says nothing. */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

/** The meeting the secretariat confirms; the dates themselves are checked when the cycle is planned. */
export const nextMeetingForm = z.object({
  date: z.string().default(''),
  time: z.string().default(''),
  venue: optionalText,
  overrideReason: optionalText,
});

/** The confirmed meeting, as the form sends it. */
export type NextMeetingInput = z.infer<typeof nextMeetingForm>;

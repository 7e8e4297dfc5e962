import { z } from 'zod';

/** The chair's answer on the approval page: approve, or ask for changes and say which. */
export const minutesAnswerForm = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({
    decision: z.literal('request-changes'),
    comment: z.string().trim().min(3, 'say what should change').max(5000, 'keep the comment under 5,000 characters'),
  }),
]);

/** The chair's answer, as the page sends it. */
export type MinutesAnswer = z.infer<typeof minutesAnswerForm>;

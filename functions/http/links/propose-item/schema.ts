import { z } from 'zod';

/** A member's proposal; `nonce` is the form's own, so that a double click counts once. */
export const proposalForm = z.object({
  title: z.string().trim().min(3, 'give the item a title of at least 3 characters').max(200, 'keep the title under 200 characters'),
  purpose: z.enum(['decision', 'discussion', 'information']),
  presenter: z.string().min(1),
  minutes: z.coerce.number().int().min(5, 'allow at least 5 minutes').max(180, 'an item longer than 3 hours needs a word with the secretariat'),
  confidential: z.enum(['yes', 'no']).default('no'),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
});

/** A proposal, as the form sends it. */
export type ProposalInput = z.infer<typeof proposalForm>;

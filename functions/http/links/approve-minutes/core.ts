import type { CycleContext } from '../../../shared/services/cycle-context';
import { decideMinutes, versionToAnswer } from '../../../shared/services/minutes-decision';
import type { Member, MinutesVersion } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import * as z from '../../../shared/validation/zod';

/** The chair's answer on the approval page: approve, or ask for changes and say which. */
export const minutesAnswerForm = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({
    decision: z.literal('request-changes'),
    comment: z.string().check(z.trim(), z.minLength(3, 'say what should change'), z.maxLength(5000, 'keep the comment under 5,000 characters')),
  }),
]);

/** The chair's answer, as the page sends it. */
export type MinutesAnswer = z.infer<typeof minutesAnswerForm>;

/**
 * The version of the minutes the chair is to answer, and its text.
 * @throws NotFoundError, NotWaitingError (a newer version went out)
 */
export async function minutesToAnswer(
  d: Pick<CoreDeps, 'cycles' | 'documents'>,
  cycleId: string,
  version: number,
): Promise<{ minutes: MinutesVersion; text: string }> {
  const minutes = await versionToAnswer(d, cycleId, version);
  return { minutes, text: await d.documents.getText(minutes.s3Key) };
}

/**
 * Records the chair's answer from the page (`by`: the link's hash) and resumes the cycle; returns what
 * was done, in one sentence.
 */
export function answerMinutes(
  d: Pick<CoreDeps, 'cycles' | 'waits' | 'workflow' | 'clock' | 'audit'>,
  cycle: CycleContext,
  input: { version: number; chair: Member; answer: MinutesAnswer; by: string },
): Promise<string> {
  return decideMinutes(d, cycle, { ...input, via: 'link' });
}

import { makeConfirmNextCycle, type ConfirmNextCycleResult } from '../../../admin/next-cycle';
import type { Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import * as z from '../../../shared/validation/zod';

/** A field left empty, or only spaces, says nothing. */
const optionalText = z.pipe(
  z.optional(z.string()),
  z.transform((value: string | undefined) => (value?.trim() ? value.trim() : undefined)),
);

/** The meeting the secretariat confirms; the dates themselves are checked when the cycle is planned. */
export const nextMeetingForm = z.object({
  date: z._default(z.string(), ''),
  time: z._default(z.string(), ''),
  venue: optionalText,
  overrideReason: optionalText,
});

/** The confirmed meeting, as the form sends it. */
export type NextMeetingInput = z.infer<typeof nextMeetingForm>;

/**
 * Records the next cycle the secretariat confirmed and schedules its start at its agenda call (or starts
 * it now when that is due). Refused for a holder who is not of the secretariat.
 */
export async function confirmNextMeeting(
  d: Pick<CoreDeps, 'boards' | 'cycles' | 'workflow' | 'scheduler' | 'clock' | 'audit'>,
  input: { boardId: string; previousCycleId: string; confirmer: Member; meeting: NextMeetingInput },
): Promise<ConfirmNextCycleResult | { refused: 'not-secretariat' }> {
  if (!input.confirmer.roles.includes('secretariat')) return { refused: 'not-secretariat' };
  const { date, time, venue, overrideReason } = input.meeting;
  const who = { kind: 'member', name: input.confirmer.name, email: input.confirmer.email } as const;
  return makeConfirmNextCycle(
    d,
    who,
  )({
    boardId: input.boardId,
    previousCycleId: input.previousCycleId,
    meetingDate: date,
    meetingTime: time,
    confirmedBy: input.confirmer.memberId,
    ...(venue ? { venue } : {}),
    ...(overrideReason ? { overrideReason } : {}),
  });
}

import { makeConfirmNextCycle, type ConfirmNextCycleResult } from '../../../admin/next-cycle';
import type { Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import type { NextMeetingInput } from './schema';

/**
 * Records the next cycle the secretariat confirmed and schedules its start at its agenda call (or starts
 * it now when that is due). Refused for a holder who is not of the secretariat.
 */
export async function confirmNextMeeting(
  d: Pick<CoreDeps, 'boards' | 'cycles' | 'workflow' | 'scheduler' | 'clock'>,
  input: { boardId: string; previousCycleId: string; confirmer: Member; meeting: NextMeetingInput },
): Promise<ConfirmNextCycleResult | { refused: 'not-secretariat' }> {
  if (!input.confirmer.roles.includes('secretariat')) return { refused: 'not-secretariat' };
  const { date, time, venue, overrideReason } = input.meeting;
  return makeConfirmNextCycle(d)({
    boardId: input.boardId,
    previousCycleId: input.previousCycleId,
    meetingDate: date,
    meetingTime: time,
    confirmedBy: input.confirmer.memberId,
    ...(venue ? { venue } : {}),
    ...(overrideReason ? { overrideReason } : {}),
  });
}

import { quorumWarningEmail } from '../../../emails';
import { ValidationError } from '../../../shared/domain/errors';
import { quorumForecast } from '../../../shared/domain/quorum';
import type { Attendance, Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { messageTo } from '../../../shared/services/notify';
import { outboxKeys } from '../../../shared/table/outbox-keys';
import { z } from 'zod';

/** Apologies (optionally naming a substitute), or withdrawing them. */
export const apologiesForm = z.object({
  attending: z.enum(['no', 'yes']),
  substitute: z.string().trim().max(120, 'keep the substitute’s name under 120 characters').default(''),
});

/** Apologies, as the form sends them. */
export type ApologiesInput = z.infer<typeof apologiesForm>;

/** True once the meeting has begun: apologies are then for the minutes to record, not for this link. */
export const meetingHasTakenPlace = (cycle: CycleContext, now: Date): boolean => Date.parse(cycle.cycle.timeline.meeting) <= now.getTime();

/** What the member said before, if anything. */
export async function attendanceOf(d: Pick<CoreDeps, 'cycles'>, cycle: CycleContext, member: Member): Promise<Attendance | undefined> {
  return (await d.cycles.listAttendance(cycle.cycle.cycleId)).find((a) => a.memberId === member.memberId);
}

/**
 * Records a member's apologies (or withdraws them), and warns the secretariat, once, when the apologies
 * leave fewer voting members expected than the quorum. Returns what was recorded, in one sentence.
 * @throws ValidationError once the meeting has taken place
 */
export async function recordApologies(
  d: Pick<CoreDeps, 'cycles' | 'sendOnce' | 'clock'>,
  input: { cycle: CycleContext; member: Member; apologies: ApologiesInput },
): Promise<string> {
  const { cycle, apologies } = input;
  if (meetingHasTakenPlace(cycle, d.clock.now())) throw new ValidationError('The meeting has taken place; apologies can no longer be sent.');
  await d.cycles.setAttendance({
    cycleId: cycle.cycle.cycleId,
    memberId: input.member.memberId,
    status: apologies.attending === 'no' ? 'apologies' : 'attending',
    ...(apologies.attending === 'no' && apologies.substitute ? { substitute: apologies.substitute } : {}),
    at: d.clock.now().toISOString(),
  });
  const forecast = quorumForecast(cycle.members, await d.cycles.listAttendance(cycle.cycle.cycleId), cycle.board.quorum);
  if (forecast.atRisk) {
    for (const member of cycle.secretariat) {
      const email = quorumWarningEmail({
        board: cycle.board.name,
        secretariatEmail: cycle.secretariatEmail,
        meetingWhen: cycle.when(cycle.cycle.timeline.meeting),
        quorum: forecast.quorum,
        expected: forecast.expected,
        apologies: forecast.apologies,
      });
      await d.sendOnce(outboxKeys.quorumWarning(cycle.cycle.cycleId, member.memberId), messageTo(member, 'quorum-warning', email));
    }
  }
  const substitute = apologies.substitute ? `, with ${apologies.substitute} attending in your place` : '';
  return apologies.attending === 'no'
    ? `Your apologies for ${cycle.when(cycle.cycle.timeline.meeting)} are recorded${substitute}.`
    : `Your apologies are withdrawn: you are expected at the meeting.`;
}

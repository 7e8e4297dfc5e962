import { quorumWarningEmail } from '../../../emails';
import { checkDeputy } from '../../../shared/domain/attendance';
import { ValidationError } from '../../../shared/domain/errors';
import { quorumForecast } from '../../../shared/domain/quorum';
import type { Attendance, Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import { recordAudit } from '../../../shared/services/audit';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { sendDeputyPapers } from '../../../shared/services/deputy-papers';
import { messageTo } from '../../../shared/services/notify';
import { outboxKeys } from '../../../shared/table/outbox-keys';
import * as z from '../../../shared/validation/zod';

/** Apologies (optionally naming a deputy: their name and address), or withdrawing them. */
export const apologiesForm = z.object({
  attending: z.enum(['no', 'yes']),
  substitute: z._default(z.string().check(z.trim(), z.maxLength(120, 'keep the substitute’s name under 120 characters')), ''),
  substituteEmail: z._default(z.string().check(z.trim(), z.maxLength(254, 'keep the address under 254 characters')), ''),
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
  d: Pick<CoreDeps, 'cycles' | 'sendOnce' | 'clock' | 'audit' | 'outbox' | 'links' | 'boards' | 'config'>,
  input: { cycle: CycleContext; member: Member; apologies: ApologiesInput },
): Promise<string> {
  const { cycle, apologies, member } = input;
  if (meetingHasTakenPlace(cycle, d.clock.now())) throw new ValidationError('The meeting has taken place; apologies can no longer be sent.');
  const status = apologies.attending === 'no' ? 'apologies' : 'attending';
  const named = status === 'apologies' && (apologies.substitute || apologies.substituteEmail);
  // A deputy is a person: checked before anything is stored, so a refused form changes nothing.
  const deputy = named ? checkDeputy({ name: apologies.substitute, email: apologies.substituteEmail }, cycle.members, member) : undefined;
  const substitute = deputy?.name;
  const before = await attendanceOf(d, cycle, member);
  // The same answer again (a form sent twice) keeps the first one's time, so it gives the same audit key.
  const unchanged = before !== undefined && before.status === status && before.substitute === substitute && before.deputy?.email === deputy?.email;
  const at = unchanged ? before.at : d.clock.now().toISOString();
  if (!unchanged) {
    await d.cycles.setAttendance({ cycleId: cycle.cycle.cycleId, memberId: member.memberId, status, ...(deputy ? { substitute, deputy } : {}), at });
  }
  // Papers already out: the deputy gets them now, once (the circulation sends to deputies named before it).
  if (deputy && cycle.cycle.packs) await sendDeputyPapers(d, cycle, { kind: 'circulation' }, member.memberId);
  const what =
    status === 'apologies'
      ? ({ type: 'apologies-sent', memberId: member.memberId, name: member.name, ...(substitute ? { substitute } : {}) } as const)
      : ({ type: 'apologies-withdrawn', memberId: member.memberId, name: member.name } as const);
  const who = { kind: 'member', name: member.name, email: member.email } as const;
  await recordAudit(d, cycle.board.boardId, who, what, { cycleId: cycle.cycle.cycleId, key: `attendance#${cycle.cycle.cycleId}#${member.memberId}#${at}` });
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
  const inYourPlace = deputy
    ? `, with ${deputy.name} attending in your place${cycle.cycle.packs ? ` (the papers have been sent to ${deputy.email})` : ''}`
    : '';
  return status === 'apologies'
    ? `Your apologies for ${cycle.when(cycle.cycle.timeline.meeting)} are recorded${inYourPlace}.`
    : `Your apologies are withdrawn: you are expected at the meeting.`;
}

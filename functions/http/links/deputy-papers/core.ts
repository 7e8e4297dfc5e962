import { deputyLinkStands } from '../../../shared/domain/attendance';
import type { Attendance, LinkRecord } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';

/**
 * The member's apologies that a deputy's link was issued under, if they still name that deputy: a link
 * of another cycle, of withdrawn apologies or of a deputy since replaced finds none.
 */
export async function deputyStanding(
  d: Pick<CoreDeps, 'cycles'>,
  link: Pick<LinkRecord, 'cycleId' | 'memberId' | 'subject'>,
): Promise<(Attendance & { deputy: NonNullable<Attendance['deputy']> }) | undefined> {
  const attendance = (await d.cycles.listAttendance(link.cycleId)).find((a) => a.memberId === link.memberId);
  return attendance?.deputy && deputyLinkStands(link.subject, link.cycleId, attendance) ? { ...attendance, deputy: attendance.deputy } : undefined;
}

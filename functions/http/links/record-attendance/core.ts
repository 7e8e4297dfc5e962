import { nextRecord, prefillAttendance, readAttendanceForm, type AttendanceEntry, type AttendanceRecord } from '../../../shared/domain/attendance';
import type { AuditActor } from '../../../shared/domain/audit';
import { ValidationError } from '../../../shared/domain/errors';
import type { AgendaItem } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import { recordAudit } from '../../../shared/services/audit';
import type { CycleContext } from '../../../shared/services/cycle-context';

/** True once the meeting has begun: attendance is what happened there, so it is recorded after. */
export const meetingHasBegun = (ctx: CycleContext, now: Date): boolean => Date.parse(ctx.cycle.timeline.meeting) <= now.getTime();

/** What the attendance form shows: each member's line (the record, or the apologies), the agenda, and the version read. */
export async function attendanceFormData(
  d: Pick<CoreDeps, 'cycles'>,
  ctx: CycleContext,
): Promise<{ entries: AttendanceEntry[]; items: AgendaItem[]; version: number; record: AttendanceRecord | undefined }> {
  const [apologies, items] = await Promise.all([d.cycles.listAttendance(ctx.cycle.cycleId), d.cycles.listItems(ctx.cycle.cycleId)]);
  const record = ctx.cycle.attendanceRecord;
  return { entries: prefillAttendance(ctx.members, apologies, record), items, version: record?.version ?? 0, record };
}

/** How the record names who saved it: "Grace Lin (grace@example.org)", or whichever of the two is known. */
const recordedBy = (who: AuditActor): string =>
  who.name && who.email && who.name !== who.email ? `${who.name} (${who.email})` : (who.email ?? who.name ?? 'the secretariat');

/**
 * Records who attended, from the form: only after the meeting, only members of the board, and only
 * over the version the form was read at (two people saving at once: the second is refused, 409). Each
 * version saved goes on the board's audit trail with who saved it.
 * Returns the sentence the page shows and the single-use link keeps.
 * @throws ValidationError (nothing stored) or StaleVersionError (someone saved first)
 */
export async function recordAttendance(
  d: Pick<CoreDeps, 'cycles' | 'clock' | 'audit'>,
  ctx: CycleContext,
  fields: Readonly<Record<string, string>>,
  who: AuditActor,
): Promise<string> {
  if (!meetingHasBegun(ctx, d.clock.now())) {
    throw new ValidationError(`The meeting is on ${ctx.when(ctx.cycle.timeline.meeting)}: attendance is recorded after it.`);
  }
  const items = await d.cycles.listItems(ctx.cycle.cycleId);
  const { entries, version } = readAttendanceForm(fields, ctx.members, items);
  const at = d.clock.now().toISOString();
  const saved = await d.cycles.updateCycle(ctx.board.boardId, ctx.cycle.cycleId, (c) => ({
    attendanceRecord: nextRecord(c.attendanceRecord, { entries, version, by: recordedBy(who), at }),
  }));
  const count = (s: AttendanceEntry['status']) => entries.filter((e) => e.status === s).length;
  const late = entries.filter((e) => e.arrivedDuring !== undefined || e.leftAfter !== undefined).length;
  const savedVersion = saved.attendanceRecord?.version ?? 1;
  const what = {
    type: 'attendance-recorded',
    version: savedVersion,
    present: count('present'),
    apologies: count('apologies'),
    absent: count('absent'),
  } as const;
  await recordAudit(d, ctx.board.boardId, who, what, { cycleId: ctx.cycle.cycleId, key: `attendance-recorded#${ctx.cycle.cycleId}#${savedVersion}` });
  return (
    `Attendance at ${ctx.when(ctx.cycle.timeline.meeting)} recorded (version ${savedVersion}): ` +
    `${count('present')} present, ${count('apologies')} with apologies, ${count('absent')} absent` +
    `${late ? `; ${late} arrived late or left early` : ''}.`
  );
}

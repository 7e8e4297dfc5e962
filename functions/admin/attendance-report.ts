import { attendanceReport, type AttendanceReport, type MeetingAttendanceRow } from '../shared/domain/attendance-report';
import { NotFoundError } from '../shared/domain/errors';
import type { Board } from '../shared/domain/types';
import type { CoreDeps } from '../shared/ports';

/**
 * The board's attendance over the meetings that have taken place (cancelled ones left out), from the
 * secretariat's records: what `cycle attendance` prints and the console's attendance page shows.
 */
export async function loadAttendanceReport(d: Pick<CoreDeps, 'boards' | 'cycles' | 'clock'>, boardId: string): Promise<{ board: Board } & AttendanceReport> {
  const board = await d.boards.getBoard(boardId);
  if (!board) throw new NotFoundError(`There is no board "${boardId}".`);
  const now = d.clock.now().getTime();
  const [cycles, members] = await Promise.all([d.cycles.listCycles(boardId), d.boards.listMembers(boardId)]);
  const held = cycles.filter((c) => c.status !== 'cancelled' && c.status !== 'scheduled' && Date.parse(c.timeline.meeting) <= now);
  const meetings = held.map((c) => ({ cycleId: c.cycleId, date: c.meeting.date, ...(c.attendanceRecord ? { record: c.attendanceRecord } : {}) }));
  return { board, ...attendanceReport(meetings, members) };
}

/** One meeting's line of the report, in words with units: "6 present, 1 with apologies (1 represented), 0 absent". */
export function meetingWords(m: MeetingAttendanceRow): string {
  if (!m.recorded) return 'attendance not recorded';
  const comings = [...(m.late ? [`${m.late} arrived late`] : []), ...(m.leftEarly ? [`${m.leftEarly} left early`] : [])];
  return (
    `${m.present} present, ${m.apologies} with apologies, ${m.absent} absent` +
    `${m.represented ? ` (${m.represented} represented)` : ''}${comings.length ? `; ${comings.join(', ')}` : ''}`
  );
}

import { onFirstUse } from '../on-first-use';
import type { ConsoleRoute } from '../types';

/** Attendance: the board's report across meetings, and each meeting's record (the same form as the secretariat's link). */
export const ATTENDANCE_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: '/console/boards/:board/attendance',
    access: 'board-read',
    summary: "Attendance at the board's meetings",
    handle: onFirstUse(() => import('./pages'), 'attendanceReportPage'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/attendance.csv',
    access: 'board-read',
    summary: 'Attendance as CSV, as `cycle attendance --format csv`',
    handle: onFirstUse(() => import('./pages'), 'attendanceReportCsv'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/cycles/:cycle/attendance',
    access: 'board-read',
    summary: "A meeting's attendance, and the form to record it",
    handle: onFirstUse(() => import('./pages'), 'attendanceFormPage'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/cycles/:cycle/attendance',
    access: 'board-write',
    summary: "Record a meeting's attendance (version-guarded)",
    handle: onFirstUse(() => import('./pages'), 'recordAttendanceFromConsole'),
  },
];

import type { ConsoleRoute } from '../types';
import { minutesDownload } from './minutes-download';
import { minutesPage } from './minutes-page';

/** The minutes of a cycle: every version, and each version's files. Read-only, so a chair sees them too. */
export const MINUTES_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: '/console/boards/:board/cycles/:cycle/minutes',
    access: 'board-read',
    summary: "The minutes' versions: status, author, changes, approval, downloads",
    handle: minutesPage,
  },
  {
    method: 'GET',
    path: '/console/boards/:board/cycles/:cycle/minutes/:version/:format',
    access: 'board-read',
    summary: 'One version of the minutes as a file (text, Word, PDF, web page, public copy)',
    handle: minutesDownload,
  },
];

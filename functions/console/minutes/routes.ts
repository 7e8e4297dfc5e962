import { onFirstUse } from '../on-first-use';
import type { ConsoleRoute } from '../types';

/** The minutes of a cycle: every version, and each version's files. Read-only, so a chair sees them too. */
export const MINUTES_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: '/console/boards/:board/cycles/:cycle/minutes',
    access: 'board-read',
    summary: "The minutes' versions: status, author, changes, approval, downloads",
    handle: onFirstUse(() => import('./minutes-page'), 'minutesPage'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/cycles/:cycle/minutes/:version/:format',
    access: 'board-read',
    summary: 'One version of the minutes as a file (text, Word, PDF, web page, public copy)',
    handle: onFirstUse(() => import('./minutes-download'), 'minutesDownload'),
  },
];

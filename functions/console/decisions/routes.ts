import { onFirstUse } from '../on-first-use';
import type { ConsoleRoute } from '../types';

/** The board's decisions register, with its exports. */
export const DECISION_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: '/console/boards/:board/decisions',
    access: 'board-read',
    summary: 'The decisions register, by meeting',
    handle: onFirstUse(() => import('./register-page'), 'decisionsPage'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/decisions.csv',
    access: 'board-read',
    summary: 'The decisions register as CSV',
    handle: onFirstUse(() => import('./register-page'), 'decisionsCsvExport'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/decisions.json',
    access: 'board-read',
    summary: 'The decisions register as JSON',
    handle: onFirstUse(() => import('./register-page'), 'decisionsJsonExport'),
  },
];

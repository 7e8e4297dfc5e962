import type { ConsoleRoute } from '../types';
import { decisionsCsvExport, decisionsJsonExport, decisionsPage } from './register-page';

/** The board's decisions register, with its exports. */
export const DECISION_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: '/console/boards/:board/decisions', access: 'board-read', summary: 'The decisions register, by meeting', handle: decisionsPage },
  { method: 'GET', path: '/console/boards/:board/decisions.csv', access: 'board-read', summary: 'The decisions register as CSV', handle: decisionsCsvExport },
  {
    method: 'GET',
    path: '/console/boards/:board/decisions.json',
    access: 'board-read',
    summary: 'The decisions register as JSON',
    handle: decisionsJsonExport,
  },
];

import { MINUTES_ROUTES } from '../minutes/routes';
import { onFirstUse } from '../on-first-use';
import type { ConsoleRoute } from '../types';

/** The board's records: the minutes of each cycle, and the action register with its exports and assignment. */
export const ACTION_ROUTES: readonly ConsoleRoute[] = [
  ...MINUTES_ROUTES,
  {
    method: 'GET',
    path: '/console/boards/:board/actions',
    access: 'board-read',
    summary: 'The action register, filtered',
    handle: onFirstUse(() => import('./register-page'), 'registerPage'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/actions.csv',
    access: 'board-read',
    summary: 'The action register as CSV, same filter',
    handle: onFirstUse(() => import('./register-export'), 'registerCsv'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/actions.json',
    access: 'board-read',
    summary: 'The action register as JSON, same filter',
    handle: onFirstUse(() => import('./register-export'), 'registerJson'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/actions/:action/assign',
    access: 'board-read',
    summary: "An action's owners, and the form to change them",
    handle: onFirstUse(() => import('./assign-page'), 'assignForm'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/actions/:action/assign',
    access: 'board-write',
    summary: 'Give an action new owners; each gets it with an update link',
    handle: onFirstUse(() => import('./assign-page'), 'assignSubmit'),
  },
];

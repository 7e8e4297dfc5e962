import { onFirstUse } from '../on-first-use';
import type { ConsoleRoute } from '../types';

/** A board's page and its cycles: see them, start one, and move, cancel or resume one. */
export const CYCLE_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: '/console/boards/:board',
    access: 'board-read',
    summary: "The board's cycles, and the form to start one",
    handle: onFirstUse(() => import('./board-page'), 'boardPage'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/cycles',
    access: 'board-write',
    summary: 'Start a cycle',
    handle: onFirstUse(() => import('./start-cycle'), 'startCycle'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/cycles/:cycle',
    access: 'board-read',
    summary: "A cycle's page: where it stands, its timeline, what is owed and received, its emails",
    handle: onFirstUse(() => import('./cycle-page'), 'cyclePage'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/cycles/:cycle/move',
    access: 'board-write',
    summary: "Move a cycle's meeting",
    handle: onFirstUse(() => import('./cycle-forms'), 'moveMeeting'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/cycles/:cycle/cancel',
    access: 'board-write',
    summary: 'Cancel a cycle before it starts',
    handle: onFirstUse(() => import('./cycle-forms'), 'cancelCycle'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/cycles/:cycle/resume',
    access: 'board-write',
    summary: 'Resume a failed cycle',
    handle: onFirstUse(() => import('./cycle-forms'), 'resumeCycle'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/cycles/:cycle/late-items',
    access: 'board-write',
    summary: 'Add a late item for the chair to approve or refuse',
    handle: onFirstUse(() => import('./late-items'), 'addLateItem'),
  },
];

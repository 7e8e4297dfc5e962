import type { ConsoleRoute } from '../types';
import { boardPage } from './board-page';
import { cancelCycle, moveMeeting, resumeCycle } from './cycle-forms';
import { cyclePage } from './cycle-page';
import { addLateItem } from './late-items';
import { startCycle } from './start-cycle';

/** A board's page and its cycles: see them, start one, and move, cancel or resume one. */
export const CYCLE_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: '/console/boards/:board',
    access: 'board-read',
    summary: "The board's cycles, and the form to start one",
    handle: (ctx) => boardPage(ctx),
  },
  { method: 'POST', path: '/console/boards/:board/cycles', access: 'board-write', summary: 'Start a cycle', handle: startCycle },
  {
    method: 'GET',
    path: '/console/boards/:board/cycles/:cycle',
    access: 'board-read',
    summary: "A cycle's page: where it stands, its timeline, what is owed and received, its emails",
    handle: (ctx) => cyclePage(ctx),
  },
  { method: 'POST', path: '/console/boards/:board/cycles/:cycle/move', access: 'board-write', summary: "Move a cycle's meeting", handle: moveMeeting },
  {
    method: 'POST',
    path: '/console/boards/:board/cycles/:cycle/cancel',
    access: 'board-write',
    summary: 'Cancel a cycle before it starts',
    handle: cancelCycle,
  },
  { method: 'POST', path: '/console/boards/:board/cycles/:cycle/resume', access: 'board-write', summary: 'Resume a failed cycle', handle: resumeCycle },
  {
    method: 'POST',
    path: '/console/boards/:board/cycles/:cycle/late-items',
    access: 'board-write',
    summary: 'Add a late item for the chair to approve or refuse',
    handle: addLateItem,
  },
];

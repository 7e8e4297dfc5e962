import { MINUTES_ROUTES } from '../minutes/routes';
import type { ConsoleRoute } from '../types';
import { assignForm, assignSubmit } from './assign-page';
import { registerCsv, registerJson } from './register-export';
import { registerPage } from './register-page';

/** The board's records: the minutes of each cycle, and the action register with its exports and assignment. */
export const ACTION_ROUTES: readonly ConsoleRoute[] = [
  ...MINUTES_ROUTES,
  { method: 'GET', path: '/console/boards/:board/actions', access: 'board-read', summary: 'The action register, filtered', handle: registerPage },
  {
    method: 'GET',
    path: '/console/boards/:board/actions.csv',
    access: 'board-read',
    summary: 'The action register as CSV, same filter',
    handle: registerCsv,
  },
  {
    method: 'GET',
    path: '/console/boards/:board/actions.json',
    access: 'board-read',
    summary: 'The action register as JSON, same filter',
    handle: registerJson,
  },
  {
    method: 'GET',
    path: '/console/boards/:board/actions/:action/assign',
    access: 'board-read',
    summary: "An action's owners, and the form to change them",
    handle: assignForm,
  },
  {
    method: 'POST',
    path: '/console/boards/:board/actions/:action/assign',
    access: 'board-write',
    summary: 'Give an action new owners; each gets it with an update link',
    handle: assignSubmit,
  },
];

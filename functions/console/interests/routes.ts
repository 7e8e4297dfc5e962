import type { ConsoleRoute } from '../types';
import { allowPapers } from './allow-papers';
import { memberInterestsPage } from './register-page';

/** Declarations of interest: a member's register, and letting a member have papers their interest withholds. */
export const INTEREST_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: '/console/boards/:board/members/:member/interests',
    access: 'board-read',
    summary: "A member's register of interests and their declarations",
    handle: memberInterestsPage,
  },
  {
    method: 'POST',
    path: '/console/boards/:board/cycles/:cycle/interests/allow',
    access: 'board-write',
    summary: 'Let a member have the papers of an item their declared interest withholds',
    handle: allowPapers,
  },
];

import { onFirstUse } from '../on-first-use';
import type { ConsoleRoute } from '../types';

/** Declarations of interest: a member's register, and letting a member have papers their interest withholds. */
export const INTEREST_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: '/console/boards/:board/members/:member/interests',
    access: 'board-read',
    summary: "A member's register of interests and their declarations",
    handle: onFirstUse(() => import('./register-page'), 'memberInterestsPage'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/cycles/:cycle/interests/allow',
    access: 'board-write',
    summary: 'Let a member have the papers of an item their declared interest withholds',
    handle: onFirstUse(() => import('./allow-papers'), 'allowPapers'),
  },
];

import { ACTION_ROUTES } from './actions/routes';
import { ATTENDANCE_ROUTES } from './attendance/routes';
import { DECISION_ROUTES } from './decisions/routes';
import { SIGN_IN_ROUTES } from './auth/routes';
import { BOARD_ROUTES } from './boards/routes';
import { CYCLE_ROUTES } from './cycles/routes';
import { INTEREST_ROUTES } from './interests/routes';
import type { ConsoleRoute } from './types';

/**
 * THE console's routes: every page and form, with who may use it. Nothing else answers under /console.
 * Each route names its page's module, loaded with the first request for it (on-first-use.ts): the router
 * and the session check are all a request loads before its own page.
 */
export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [
  ...SIGN_IN_ROUTES,
  ...BOARD_ROUTES,
  ...CYCLE_ROUTES,
  ...ACTION_ROUTES,
  ...INTEREST_ROUTES,
  ...ATTENDANCE_ROUTES,
  ...DECISION_ROUTES,
];

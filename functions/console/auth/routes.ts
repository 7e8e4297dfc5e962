import type { ConsoleRoute } from '../types';

export const SIGN_IN_ROUTES: readonly ConsoleRoute[] = [];

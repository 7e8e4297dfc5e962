import type { ConsoleRoute } from '../types';

export const ACTION_ROUTES: readonly ConsoleRoute[] = [];

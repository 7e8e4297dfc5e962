import type { ConsoleRoute } from '../types';

export const CYCLE_ROUTES: readonly ConsoleRoute[] = [];

import type { ConsoleRoute } from '../types';

export const BOARD_ROUTES: readonly ConsoleRoute[] = [];

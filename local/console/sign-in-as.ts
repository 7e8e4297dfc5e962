import type { ConsoleRoute } from '../../functions/console/types';

export function localConsoleRoutes(): ConsoleRoute[] {
  return [];
}

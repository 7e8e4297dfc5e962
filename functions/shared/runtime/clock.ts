import type { Clock } from '../ports';

const OVERRIDE = Symbol.for('meeting-cycle.clock');
type Holder = { [OVERRIDE]?: Clock };

/**
 * The clock every handler reads. In AWS it is the system clock; the local cloud installs its virtual
 * clock here (one process runs the handlers there), so a cycle of weeks runs in seconds.
 */
export const clock: Clock = {
  now: () => (globalThis as Holder)[OVERRIDE]?.now() ?? new Date(),
};

/** For the local cloud and tests only: route `clock.now()` to another clock (undefined restores). */
export function installClock(replacement: Clock | undefined): void {
  (globalThis as Holder)[OVERRIDE] = replacement;
}

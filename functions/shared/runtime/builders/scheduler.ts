import type { Scheduler } from '../../ports';
import { once } from '../clients';
import { lazyPort, type MethodNames } from '../lazy-port';

/*
 * The scheduler builder, in a module of its own: its `import()` makes a chunk (the SDK client and the adapter)
 * in every build whose module graph holds it, so only the handlers that use the port import this module.
 */

const SCHEDULER_METHODS = { scheduleCycleStart: true, cancelCycleStart: true } as const satisfies MethodNames<Scheduler>;

export const scheduler = /* @__PURE__ */ once(() =>
  lazyPort<Scheduler>(() => import('../on-demand/scheduler').then((m) => m.makeScheduler()), SCHEDULER_METHODS),
);

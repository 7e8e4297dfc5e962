import type { Scheduler } from '../../ports';
import { once } from '../clients';
import { lazyPort } from '../lazy-port';
import { SCHEDULER_METHODS } from '../port-methods';

/*
 * The scheduler builder, in a module of its own: its `import()` makes a chunk (the SDK client and the adapter)
 * in every build whose module graph holds it, so only the handlers that use the port import this module.
 */

export const scheduler = /* @__PURE__ */ once(() =>
  lazyPort<Scheduler>(() => import('../on-demand/scheduler').then((m) => m.makeScheduler()), SCHEDULER_METHODS),
);

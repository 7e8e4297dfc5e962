import type { Workflow } from '../../ports';
import { once } from '../clients';
import { lazyPort, type MethodNames } from '../lazy-port';

/*
 * The workflow builder, in a module of its own: its `import()` makes a chunk (the SDK client and the adapter)
 * in every build whose module graph holds it, so only the handlers that use the port import this module.
 */

const WORKFLOW_METHODS = { start: true, stop: true, resume: true, fail: true } as const satisfies MethodNames<Workflow>;

export const workflow = /* @__PURE__ */ once(() => lazyPort<Workflow>(() => import('../on-demand/sfn').then((m) => m.makeWorkflow()), WORKFLOW_METHODS));

import type { Workflow } from '../../ports';
import { once } from '../clients';
import { lazyPort } from '../lazy-port';
import { WORKFLOW_METHODS } from '../port-methods';

/*
 * The workflow builder, in a module of its own: its `import()` makes a chunk (the SDK client and the adapter)
 * in every build whose module graph holds it, so only the handlers that use the port import this module.
 */

export const workflow = /* @__PURE__ */ once(() => lazyPort<Workflow>(() => import('../on-demand/sfn').then((m) => m.makeWorkflow()), WORKFLOW_METHODS));

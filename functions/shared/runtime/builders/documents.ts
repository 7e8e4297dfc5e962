import type { DocumentStore } from '../../ports';
import { once } from '../clients';
import { lazyPort } from '../lazy-port';
import { DOCUMENT_STORE_METHODS } from '../port-methods';

/*
 * The document store builder, in a module of its own: its `import()` makes a chunk (the SDK client and the adapter)
 * in every build whose module graph holds it, so only the handlers that use the port import this module.
 */

export const documents = /* @__PURE__ */ once(() =>
  lazyPort<DocumentStore>(() => import('../on-demand/s3').then((m) => m.makeDocumentStore()), DOCUMENT_STORE_METHODS),
);

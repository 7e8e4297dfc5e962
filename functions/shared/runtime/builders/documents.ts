import type { DocumentStore } from '../../ports';
import { once } from '../clients';
import { lazyPort, type MethodNames } from '../lazy-port';

/*
 * The document store builder, in a module of its own: its `import()` makes a chunk (the SDK client and the adapter)
 * in every build whose module graph holds it, so only the handlers that use the port import this module.
 */

const DOCUMENT_STORE_METHODS = {
  putText: true,
  getText: true,
  putBytes: true,
  putVersion: true,
  putStream: true,
  setContentType: true,
  getBytes: true,
  head: true,
  readPrefix: true,
  presignUpload: true,
  presignDownload: true,
} as const satisfies MethodNames<DocumentStore>;

export const documents = /* @__PURE__ */ once(() =>
  lazyPort<DocumentStore>(() => import('../on-demand/s3').then((m) => m.makeDocumentStore()), DOCUMENT_STORE_METHODS),
);

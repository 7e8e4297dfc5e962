import { S3Client } from '@aws-sdk/client-s3';
import { S3DocumentStore } from '../../adapters/s3/s3-document-store';
import { once } from '../clients';
import { requireEnv } from '../env';
import { traced } from '../tracing';

/*
 * Loaded by its builder (runtime/builders/) with `import()` on a function's first document call: the S3 SDK and the
 * presigned-post library are a chunk of their own, read only by the calls that store or serve a file.
 */

/** The S3 client (path-style addressing where the emulator needs it). */
export const s3 = /* @__PURE__ */ once(() => traced(new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' })));

/** The document store on the app's bucket (DOCUMENTS_BUCKET). */
export const makeDocumentStore = (): S3DocumentStore => new S3DocumentStore(s3(), requireEnv('DOCUMENTS_BUCKET'));

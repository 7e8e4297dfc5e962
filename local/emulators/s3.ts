import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account';
import type { RunningEmulator } from './local-aws';
import { LOCAL_CREDENTIALS, LOCAL_REGION, LOOPBACK } from './local-aws';
import { substituteFilenameInPostKeys } from './s3-post-filename';

// s3rver answers InvalidAccessKeyId for any key but its own S3RVER; it never checks SigV4 signatures,
// so registering the local key is all it takes for the app's clients to be accepted.
DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
substituteFilenameInPostKeys();

/**
 * Starts s3rver in this process on a free loopback port, storing objects in a fresh temporary
 * directory, with `buckets` created. `stop()` closes it and deletes the directory.
 *
 * Quirks worth knowing: clients need `forcePathStyle: true` (no per-bucket host names on 127.0.0.1)
 * and checksums only WHEN_REQUIRED (with the SDK's default, a streamed body is sent aws-chunked with a
 * CRC32 trailer, and s3rver stores that framing as the object's bytes); presigned POST
 * policies are not enforced (content-length-range, key, content type all pass); SigV4 signatures are
 * not verified; `success_action_redirect` is honoured (303 to the URL with bucket, key and etag), and
 * "${filename}" in a POST key becomes the uploaded file's name, as in S3 (see s3-post-filename.ts).
 * `onRequest` sees every request as it arrives (the local cloud's cost meter counts them).
 */
export async function startS3(buckets: readonly string[], onRequest?: (req: IncomingMessage) => void): Promise<RunningEmulator> {
  const directory = await mkdtemp(join(tmpdir(), 'meeting-cycle-s3-'));
  const server = new S3rver({
    address: LOOPBACK,
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  try {
    const { port } = await server.run();
    if (onRequest) server.httpServer?.prependListener('request', onRequest);
    return {
      endpoint: `http://${LOOPBACK}:${port}`,
      stop: async () => {
        const closed = server.close();
        // Keep-alive sockets from SDK clients would hold close() open until they time out.
        server.httpServer?.closeAllConnections();
        await closed;
        await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

/** An S3 client configured the way s3rver needs (path-style URLs, checksums only when required). */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

import { createServer } from 'node:net';

/**
 * The region and credentials every local client signs with. The emulators accept any signature,
 * but s3rver rejects access key ids it does not know, so s3.ts registers this one.
 */
export const LOCAL_REGION = 'eu-west-2';

/** Fake credentials: a client that escapes the emulators fails to authenticate instead of using real keys. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** The loopback address the emulators listen on: never reachable from the network. */
export const LOOPBACK = '127.0.0.1';

/**
 * A port that was free a moment ago, for servers that cannot be told to listen on port 0 (DynamoDB Local
 * takes `-port` and never reports the port it chose). Another process may take it before the caller
 * binds it, so callers retry on a bind failure.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, LOOPBACK, () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('could not read the probe port'));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`, for an SDK client's `endpoint`. */
  endpoint: string;
  stop(): Promise<void>;
}

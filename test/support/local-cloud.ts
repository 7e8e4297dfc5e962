import { startLocalCloud, type LocalCloud } from '../../local/cloud';

/**
 * Starts the whole local cloud once for a test file (emulators, runner, HTTP server) and stops it after.
 * The virtual clock starts at a fixed moment so dates in assertions are stable.
 */
export function useLocalCloud(opts: { clockStart?: string; env?: Record<string, string>; writeStateFile?: boolean } = {}): () => LocalCloud {
  let cloud: LocalCloud | undefined;
  beforeAll(async () => {
    Object.assign(process.env, opts.env ?? {});
    cloud = await startLocalCloud({
      seed: true,
      clockStart: new Date(opts.clockStart ?? '2026-11-02T09:00:00Z'),
      writeStateFile: opts.writeStateFile ?? false,
    });
  }, 90_000);
  afterAll(async () => {
    await cloud?.stop();
  }, 30_000);
  return () => {
    if (!cloud) throw new Error('The local cloud did not start (see the beforeAll error above).');
    return cloud;
  };
}

/**
 * `load` (usually an `import()`), run by the first call and shared by every call after it, concurrent first
 * calls included. A rejected load is forgotten, so the next call runs it afresh rather than failing for the
 * rest of the process (a chunk missing from a broken deploy replaced, a throttled credential read retried).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}

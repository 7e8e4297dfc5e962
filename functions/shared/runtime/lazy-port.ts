import type { SendOnce } from '../ports';
import { loadOnce } from './load-once';

/** A port whose every member is an async method: what {@link lazyPort} can stand in for. */
export type AsyncPort<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * Every method name of `T`, each `true`: written `{ send: true } satisfies MethodNames<Mailer>`, so a method
 * added to the port and missing here (or a name the port does not have) is a compile error.
 */
export type MethodNames<T> = { readonly [K in keyof T]-?: true };

/**
 * An object implementing `T` now, whose adapter is loaded (`load`, usually an `import()` of the adapter and
 * its SDK client) on the first call of any of its methods, once: concurrent first calls share one load, and
 * every call after awaits the same adapter. A function that never calls the port never loads its SDK.
 *
 * A failed load rejects the calls waiting on it and is forgotten, so the next call loads afresh rather than
 * failing for the rest of the process (a missing setting fixed, a throttled credential read retried).
 */
export function lazyPort<T extends AsyncPort<T>>(load: () => Promise<T>, methods: MethodNames<T>): T {
  const adapter = loadOnce(load);
  const port = {} as Record<keyof T, (...args: unknown[]) => Promise<unknown>>;
  for (const name of Object.keys(methods) as (keyof T)[]) {
    port[name] = async (...args: unknown[]) => {
      const loaded = await adapter();
      // Called on the adapter, so its `this` is the adapter.
      return (loaded[name] as unknown as (...a: unknown[]) => Promise<unknown>).apply(loaded, args);
    };
  }
  return port as unknown as T;
}

/**
 * A {@link SendOnce} now, whose implementation `load` gives on its first send or `holds`, once, as {@link lazyPort}
 * loads an adapter (send-once is a function with a method, which `lazyPort` cannot stand in for by itself).
 */
export function lazySendOnce(load: () => Promise<SendOnce>): SendOnce {
  const port = lazyPort<{ send: SendOnce; holds: SendOnce['holds'] }>(
    () => load().then((sendOnce) => ({ send: sendOnce, holds: (key: string) => sendOnce.holds(key) })),
    { send: true, holds: true },
  );
  return Object.assign((key: string, message: Parameters<SendOnce>[1]) => port.send(key, message), { holds: (key: string) => port.holds(key) });
}

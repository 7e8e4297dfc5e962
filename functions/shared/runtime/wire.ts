import { DynamoBoardRepository } from '../adapters/dynamodb/dynamo-board-repository';
import { DynamoCycleRepository } from '../adapters/dynamodb/dynamo-cycle-repository';
import type { AppConfig, CoreDeps } from '../ports';
import { dynamo, once } from './clients';
import { clock as systemClock } from './clock';
import { telemetry as instrumentsTelemetry } from './observability';
import { optionalEnv, requireEnv } from './env';

/*
 * One builder per port, each made once per process on first call (Lambda reuses it across invocations),
 * so a function reads only the settings of what it touches (the stack gives each function the variables
 * of its grants, no more), and tests and the local cloud can set the environment before anything is built.
 *
 * This module holds `wire()`, the settings and the two ports nearly every function reads (boards, cycles);
 * every other port's builder is in a module of its own kind under builders/ (records.ts: the other DynamoDB
 * ports; links.ts, sessions.ts; send-once.ts, documents.ts, workflow.ts, scheduler.ts), and
 * on-first-use.ts has lazy ones for the functions that use a DynamoDB port only sometimes.
 *
 * A handler names the ports its core uses, `wire({ boards, cycles, sendOnce })`, and esbuild bundles only
 * those builders' adapters and SDK clients: every builder is marked pure, so one a handler does not name is
 * dropped with all it imports. `deps()` (deps.ts) composes them all, for the link pages, the console, the
 * CLI, the local cloud and the tests. A new port is one builder and one entry in deps.ts's ADAPTERS.
 *
 * The ports on other services than DynamoDB (S3, SES, Step Functions, Scheduler) are used by a function
 * only sometimes (a link page stores a file for one purpose of sixteen; a task whose emails were all sent
 * sends none): their builders, in builders/ (one module each), give a `lazyPort` that loads the adapter and
 * its SDK client with `import()` (runtime/on-demand/) on the first call of one of its methods, a chunk read
 * only then. One module each because esbuild makes a chunk of every `import()` in the module graph, even
 * one in a builder it then drops; and a module any start file imports statically is at start even when the
 * builder using it is dropped, if a chunk also needs it. So a function imports from here and the builders/
 * modules it names; only the CLI, the local cloud and the tests import deps.ts.
 */

/** Reads the app's settings; each is set by the CDK stack in AWS and by `npm start` locally. */
export function readConfig(): AppConfig {
  return {
    appUrl: requireEnv('APP_URL').replace(/\/+$/, ''),
    maxPaperBytes: Number(optionalEnv('MAX_PAPER_BYTES', String(25 * 1024 * 1024))),
    sendConcurrency: Number(optionalEnv('SEND_CONCURRENCY', '5')),
    ...(process.env.INBOUND_DOMAIN ? { inboundDomain: process.env.INBOUND_DOMAIN.toLowerCase() } : {}),
  };
}

/** The app's table (TABLE_NAME). */
export const table = (): string => requireEnv('TABLE_NAME');

export const boards = /* @__PURE__ */ once(() => new DynamoBoardRepository(dynamo(), table()));
export const cycles = /* @__PURE__ */ once(() => new DynamoCycleRepository(dynamo(), table()));
export const clock = () => systemClock;
export const config = readConfig;
export const telemetry = instrumentsTelemetry;

/** A builder of each port: what {@link wire} takes. */
export type Builders<K extends keyof CoreDeps> = { readonly [P in K]: () => CoreDeps[P] };

/**
 * The ports `builders` name, as one object whose properties are built on first read, each once (the
 * adapters themselves are made once per process, whichever object reads them first). Call the result where deps() was called: at invocation, not at module
 * scope, so loading a handler builds nothing.
 */
export function wire<K extends keyof CoreDeps>(builders: Builders<K>): () => Pick<CoreDeps, K> {
  let wired: Pick<CoreDeps, K> | undefined;
  return () => {
    if (wired) return wired;
    const target = {} as Pick<CoreDeps, K>;
    for (const key of Object.keys(builders) as K[]) {
      Object.defineProperty(target, key, {
        enumerable: true,
        configurable: true,
        get: () => {
          const value = builders[key]();
          Object.defineProperty(target, key, { value, enumerable: true });
          return value;
        },
      });
    }
    return (wired = target);
  };
}

import type { CoreDeps } from '../ports';
import { documents } from './builders/documents';
import { scheduler } from './builders/scheduler';
import { links } from './builders/links';
import { actions, audit, interests, outbox, securityLog, signIns, waits } from './builders/records';
import { sendOnce } from './builders/send-once';
import { sessions } from './builders/sessions';
import { workflow } from './builders/workflow';
import { boards, clock, config, cycles, telemetry, wire, type Builders } from './wire';

/*
 * Every port's builder in one registry, and `deps()`: all the ports, for the CLI, the local cloud and the
 * tests. A task handler imports only the builders it names, from wire.ts and builders/ (see wire.ts); the
 * link pages and the console wire theirs in their handlers, with on-first-use.ts for the ports they use
 * only sometimes. A new port is one builder and one entry in ADAPTERS.
 */

export * from './wire';
export * from './builders/records';
export { documents, links, scheduler, sendOnce, sessions, workflow };

/** Every port's builder: `deps()`'s ports. A port missing here is a compile error. */
export const ADAPTERS: Builders<keyof CoreDeps> = {
  boards,
  cycles,
  actions,
  links,
  waits,
  outbox,
  sendOnce,
  documents,
  workflow,
  scheduler,
  clock,
  config,
  signIns,
  sessions,
  securityLog,
  telemetry,
  audit,
  interests,
};

/** Every port (the adapters behind all of them), built once per process, each on first use. */
export const deps: () => CoreDeps = /* @__PURE__ */ wire(ADAPTERS);

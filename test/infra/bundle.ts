import path from 'node:path';
import type { Metafile } from 'esbuild';
import type { FunctionSpec } from '../../functions/catalog';
import { ENTRY_FILE, handlerEntry } from '../../infra/constructs/bundling';
import { buildFunctionSync } from '../../infra/function-build';

/** A bundled function: its folder, the entry Lambda loads, and an account of every file in it. */
export interface Bundle {
  outdir: string;
  /** `<outdir>/index.mjs`: the handler's module; its chunks are under `<outdir>/chunks/`. */
  outfile: string;
  /** The shipped files in esbuild's metafile shape (infra/function-build.ts): their sources and imports. */
  metafile: Metafile;
}

/** Builds already made by this test file, by entry and folder: a build takes seconds, and files ask for it again. */
const built = new Map<string, Bundle>();

/**
 * Bundles a function's handler as `cdk deploy` does (infra/function-build.ts: esbuild split at each
 * `import()`, minified with names kept, the same main fields, require banner and source maps, then
 * re-chunked by Rollup) into `<outDir>/<dir>/`, once per test file.
 */
export function bundleWithMetafile(spec: Pick<FunctionSpec, 'dir'>, outDir: string, entry?: string): Bundle {
  const outdir = path.join(outDir, spec.dir);
  const source = entry ?? handlerEntry(spec.dir);
  const key = `${source}\n${outdir}`;
  let bundle = built.get(key);
  if (!bundle) {
    bundle = { outdir, outfile: path.join(outdir, ENTRY_FILE), metafile: buildFunctionSync(source, outdir) };
    built.set(key, bundle);
  }
  return bundle;
}

/** {@link bundleWithMetafile}'s entry file alone. `entry` bundles another module the same way (a test's own entry). */
export function bundleFunction(spec: Pick<FunctionSpec, 'dir'>, outDir: string, entry?: string): string {
  return bundleWithMetafile(spec, outDir, entry).outfile;
}

/**
 * The functions that count working days, so carry the working calendar: planning a cycle (from a link or the
 * console, and the next one when minutes are published) and follow-ups, which a change to an action (by link,
 * console or a reply by email) wakes to plan their next day.
 */
export const COUNTS_WORKING_DAYS: readonly string[] = ['SendActionReminders', 'PublishMinutes', 'Http', 'Console', 'InboundMail'];

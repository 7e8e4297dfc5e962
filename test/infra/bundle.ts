import path from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import type { FunctionSpec } from '../../functions/catalog';
import { ENTRY_FILE, esbuildOptions, handlerEntry } from '../../infra/constructs/bundling';

/** A bundled function: its folder, the entry Lambda loads, and esbuild's account of every file in it. */
export interface Bundle {
  outdir: string;
  /** `<outdir>/index.mjs`: the handler's module; its chunks are under `<outdir>/chunks/`. */
  outfile: string;
  metafile: Metafile;
}

/**
 * Bundles a function's handler as `cdk deploy` does (infra/constructs/bundling.ts: ESM split at each
 * `import()`, minified with names kept, the same main fields, require banner and source maps) into
 * `<outDir>/<dir>/`.
 */
export function bundleWithMetafile(spec: Pick<FunctionSpec, 'dir'>, outDir: string, entry?: string): Bundle {
  const outdir = path.join(outDir, spec.dir);
  const { metafile } = buildSync(esbuildOptions(entry ?? handlerEntry(spec.dir), outdir));
  return { outdir, outfile: path.join(outdir, ENTRY_FILE), metafile };
}

/** {@link bundleWithMetafile}'s entry file alone. `entry` bundles another module the same way (a test's own entry). */
export function bundleFunction(spec: Pick<FunctionSpec, 'dir'>, outDir: string, entry?: string): string {
  return bundleWithMetafile(spec, outDir, entry).outfile;
}

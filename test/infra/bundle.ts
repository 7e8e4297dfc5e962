import path from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import type { FunctionSpec } from '../../functions/catalog';
import { esbuildOptions, handlerEntry } from '../../infra/constructs/bundling';

/** A bundled function: its file and esbuild's account of what went into it. */
export interface Bundle {
  outfile: string;
  metafile: Metafile;
}

/**
 * Bundles a function's handler as `cdk deploy` does (infra/constructs/bundling.ts: ESM, minified with
 * names kept, the same main fields, require banner and source map) into `<outDir>/<dir>/index.mjs`.
 */
export function bundleWithMetafile(spec: Pick<FunctionSpec, 'dir'>, outDir: string, entry?: string): Bundle {
  const outfile = path.join(outDir, spec.dir, 'index.mjs');
  const { metafile } = buildSync(esbuildOptions(entry ?? handlerEntry(spec.dir), outfile));
  return { outfile, metafile };
}

/** {@link bundleWithMetafile}'s file alone. `entry` bundles another module the same way (a test's own entry). */
export function bundleFunction(spec: Pick<FunctionSpec, 'dir'>, outDir: string, entry?: string): string {
  return bundleWithMetafile(spec, outDir, entry).outfile;
}

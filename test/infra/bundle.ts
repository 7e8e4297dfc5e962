import path from 'node:path';
import { buildSync } from 'esbuild';
import type { FunctionSpec } from '../../functions/catalog';
import { BUNDLE_BANNER, BUNDLE_LOADER, BUNDLE_MAIN_FIELDS } from '../../infra/constructs/task-function';

const ROOT = path.join(__dirname, '..', '..');

/**
 * Bundles a function's handler as `cdk deploy` does (ESM, minified with names kept, the same main fields
 * and require banner) into `<outDir>/<dir>/index.mjs`, and returns that file. `entry` bundles another module
 * the same way (a test's own entry), instead of the function's handler.
 */
export function bundleFunction(spec: Pick<FunctionSpec, 'dir'>, outDir: string, entry?: string): string {
  const outfile = path.join(outDir, spec.dir, 'index.mjs');
  buildSync({
    entryPoints: [entry ?? path.join(ROOT, 'functions', spec.dir, 'handler.ts')],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    mainFields: [...BUNDLE_MAIN_FIELDS],
    banner: { js: BUNDLE_BANNER },
    loader: { ...BUNDLE_LOADER },
    minify: true,
    keepNames: true,
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

import path from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled, in one place: the stack (task-function.ts, through NodejsFunction's
 * options), the bundle tests (test/infra/bundle.ts) and `npm run bench:coldstart` all read it, so what is
 * tested and measured is what is deployed. No CDK import here: the bench and the tests load it cheaply.
 */
export const BUNDLING = {
  format: 'esm',
  platform: 'node',
  /** The Lambda runtime's Node major (PINNED_RUNTIME in task-function.ts). */
  target: 'node24',
  /** Dependencies' ESM builds first (the AWS SDK ships both), so esbuild can tree-shake them. */
  mainFields: ['module', 'main'],
  /** CommonJS dependencies inside an ESM bundle still call `require`: give them one. */
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  minify: true,
  // Errors reach Step Functions by class name (Retry, Catch): minified names would match nothing.
  keepNames: true,
  // A linked `.map` beside the bundle, read by `--enable-source-maps` (NODE_OPTIONS) when a stack trace is printed.
  sourcemap: true,
  // Stack traces need file and line only; the sources are in the repository, not in the bundle.
  sourcesContent: false,
  /** The PDFs' font files are copied beside the bundle, and read only by a function that draws text. */
  loader: { '.ttf': 'file' },
} as const;

/** The Node options every function runs with (its NODE_OPTIONS): stack traces name source files and lines. */
export const FUNCTION_NODE_OPTIONS = '--enable-source-maps';

/** Repository root: the esbuild project root and the place of the lock file. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** A function's entry: `functions/<dir>/handler.ts`. */
export const handlerEntry = (dir: string): string => path.join(REPO_ROOT, 'functions', dir, 'handler.ts');

/**
 * esbuild's options for bundling `entry` into `outfile` as `cdk deploy` does ({@link BUNDLING}); `metafile`
 * is on so callers can see what a bundle carries.
 */
export function esbuildOptions(entry: string, outfile: string): BuildOptions & { metafile: true } {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    absWorkingDir: REPO_ROOT,
    format: BUNDLING.format,
    platform: BUNDLING.platform,
    target: BUNDLING.target,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    minify: BUNDLING.minify,
    keepNames: BUNDLING.keepNames,
    sourcemap: BUNDLING.sourcemap,
    sourcesContent: BUNDLING.sourcesContent,
    loader: { ...BUNDLING.loader },
    metafile: true,
    logLevel: 'silent',
  };
}

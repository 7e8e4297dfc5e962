import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { flatBarrels } from './flat-barrels';
import { holidayData } from './holiday-data';

/**
 * How every function is bundled, in one place: the stack (task-function.ts), the bundle tests
 * (test/infra/bundle.ts) and `npm run bench:coldstart` all build with infra/function-build.ts, whose first
 * pass is esbuild with {@link esbuildOptions}, so what is tested and measured is what is deployed. No CDK
 * import here: the bench and the tests load it cheaply.
 *
 * The build is split: every `import()` in the sources becomes a chunk of its own, which Node reads,
 * parses and evaluates only when that `import()` first runs. A function's cold start is then its entry's
 * static import closure, and what it needs only sometimes (a document library, the tracer, a page) is
 * paid for by the invocation that needs it. The second pass (Rollup) gathers that closure into one file.
 */
export const BUNDLING = {
  format: 'esm',
  platform: 'node',
  /** The Lambda runtime's Node major (PINNED_RUNTIME in task-function.ts). */
  target: 'node24',
  /** Dependencies' ESM builds first (the AWS SDK ships both), so esbuild can tree-shake them. */
  mainFields: ['module', 'main'],
  /**
   * CommonJS dependencies inside an ESM bundle still call `require`: give them one. esbuild puts the banner
   * at the top of every output file, so each chunk has a `require` made for its own location (a chunk's own
   * `createRequire` import is renamed by the minifier, so the two never clash).
   */
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  minify: true,
  // Errors reach Step Functions by class name (Retry, Catch): minified names would match nothing.
  keepNames: true,
  // A linked `.map` beside each file, read when a stack trace is printed (functions/shared/runtime/stack-traces.ts).
  sourcemap: true,
  // Stack traces need file and line only; the sources are in the repository, not in the bundle.
  sourcesContent: false,
  /** The PDFs' font files are copied beside the bundle, and read only by a function that draws text. */
  loader: { '.ttf': 'file' },
  /** Each `import()` its own chunk, and code shared by several of them a chunk they all import. */
  splitting: true,
  /** The entry is `index.mjs` (the Lambda handler `index.handler`); `.mjs`, so Node reads every file as ESM. */
  entryNames: 'index',
  outExtension: '.mjs',
  /** Chunks out of the way in a folder of their own; their content hash keeps two with one name apart. */
  chunkNames: 'chunks/[name]-[hash]',
  /**
   * Font files beside the entry. A `require` of one returns the copy's path relative to the output file
   * that asks (`../DejaVuSans-….ttf` from a chunk), which that file's banner `require` resolves.
   */
  assetNames: '[name]-[hash]',
} as const;

/** The file of a build that Lambda loads: `index.mjs`, exporting `handler`. */
export const ENTRY_FILE = `${BUNDLING.entryNames}${BUNDLING.outExtension}`;

/**
 * The Node options every function runs with (its NODE_OPTIONS): none. Not `--enable-source-maps`, which parses
 * every file's source map as it loads, a fifth of a cold start: the bundles map a stack trace when one is
 * printed (functions/shared/runtime/stack-traces.ts, installed where {@link BUNDLE_DEFINE} says it is a bundle).
 */
export const FUNCTION_NODE_OPTIONS: readonly string[] = [];

/** What the build defines in the code: that it runs from a bundle, whose source maps it reads itself. */
export const BUNDLE_DEFINE = { 'process.env.MEETING_CYCLE_BUNDLE': JSON.stringify('esbuild') } as const;

/** Repository root: the esbuild project root and the place of the lock file. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * The Lambda runtime's Node (the `node` package pinned in package.json) if installed, else the running one:
 * what builds the functions (infra/function-build.ts) and what the cold-start bench loads them with.
 */
export const PROJECT_NODE = ((): string => {
  const pinned = path.join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node');
  return existsSync(pinned) ? pinned : process.execPath;
})();

/** A function's entry: `functions/<dir>/handler.ts`. */
export const handlerEntry = (dir: string): string => path.join(REPO_ROOT, 'functions', dir, 'handler.ts');

/**
 * esbuild's options for bundling `entry` into the folder `outdir` ({@link BUNDLING}), the first pass of
 * infra/function-build.ts: `<outdir>/index.mjs` ({@link ENTRY_FILE}), its chunks under `<outdir>/chunks/`,
 * fonts beside the entry. `metafile` is on so the second pass knows which source each file holds.
 */
export function esbuildOptions(entry: string, outdir: string): BuildOptions & { metafile: true; outdir: string } {
  return {
    entryPoints: [entry],
    outdir,
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
    splitting: BUNDLING.splitting,
    entryNames: BUNDLING.entryNames,
    outExtension: { '.js': BUNDLING.outExtension },
    chunkNames: BUNDLING.chunkNames,
    assetNames: BUNDLING.assetNames,
    define: { ...BUNDLE_DEFINE },
    // Each importer of an SDK barrel reaches only the files it uses, so chunks' code stays in the chunks;
    // each country's holiday rules are a chunk of their own.
    plugins: [flatBarrels, holidayData],
    metafile: true,
    logLevel: 'silent',
  };
}

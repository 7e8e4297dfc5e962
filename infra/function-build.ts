import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { rollup, type OutputAsset, type OutputChunk } from 'rollup';
import { BUNDLING, ENTRY_FILE, esbuildOptions, PROJECT_NODE, REPO_ROOT } from './constructs/bundling';

/**
 * How a function's code is built, for `cdk deploy` (task-function.ts), the bundle tests and
 * `npm run bench:coldstart` alike: two passes, no CDK import.
 *
 * 1. **esbuild** bundles the handler with {@link esbuildOptions}: TypeScript, tree-shaking, minified, split at
 *    every `import()`. esbuild puts each module in a chunk keyed by the set of entries (the handler and every
 *    `import()` target) that reach it, so the handler's own code ends up spread over dozens of small chunks:
 *    the link-page function's entry imported 34 files at start. Node pays for each file it loads (resolve,
 *    read, source map, compile, link), about a third of a millisecond on this machine, whatever its size.
 * 2. **Rollup** re-chunks esbuild's output, each esbuild file a module it never splits (no tree-shaking:
 *    esbuild did that). Rollup knows that a module the entry already loaded is in memory when an `import()`
 *    runs, so everything the entry needs at start lands in one chunk, and each `import()` target's chunk
 *    holds only what start-up did not load. The source maps are chained, so a stack trace still names the
 *    TypeScript source and line.
 *
 * Every file of code is written under `chunks/`, the entry too, and `index.mjs` only re-exports it. esbuild
 * wrote the fonts' paths relative to the chunk that reads them (`../DejaVuSans-….ttf`), and they are
 * resolved by the `require` of whichever file holds esbuild's runtime helpers: with all code one folder
 * deep, any file's `require` finds them. (Merged into `index.mjs` itself, the helpers resolved the fonts
 * from the folder above the function.) Start-up reads two files: that facade and the entry's chunk.
 *
 * The result is described in esbuild's metafile shape ({@link Metafile}), output paths relative to the
 * repository as esbuild writes them, so infra/bundle-contents.ts reads the code that ships: each output's
 * inputs are the sources of the esbuild files merged into it, its imports the files it loads.
 */
export async function buildFunction(entry: string, outdir: string): Promise<Metafile> {
  const staging = mkdtempSync(path.join(tmpdir(), 'function-build-'));
  try {
    const { metafile } = await build(esbuildOptions(entry, staging));
    return await rechunk(metafile, path.resolve(outdir));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** A file's metafile key: its path relative to the repository, as esbuild names outputs. */
const keyOf = (file: string): string => path.relative(REPO_ROOT, file);
const fileOf = (key: string): string => path.resolve(REPO_ROOT, key);

/** Rollup's pass over esbuild's output (the `split` metafile), written to `outdir`, described as a metafile. */
async function rechunk(split: Metafile, outdir: string): Promise<Metafile> {
  const pieces = new Map(Object.entries(split.outputs).map(([key, output]) => [fileOf(key), output]));
  const code = [...pieces.keys()].filter((file) => file.endsWith(BUNDLING.outExtension));
  const assets = [...pieces.keys()].filter((file) => !file.endsWith(BUNDLING.outExtension) && !file.endsWith('.map'));
  const entry = code.find((file) => path.basename(file) === ENTRY_FILE && pieces.get(file)!.entryPoint);
  if (!entry) throw new Error(`esbuild wrote no ${ENTRY_FILE}`);
  const staging = path.dirname(entry);

  const bundle = await rollup({
    input: entry,
    // esbuild leaves bare only what it does not bundle: Node's built-ins (`node:…`).
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
    treeshake: false,
    // The entry's chunk may export more than `handler` (what the other chunks import from it): what
    // start-up loads is then that chunk and the facade, never a third file.
    preserveEntrySignatures: 'allow-extension',
    onLog(level, log, handler) {
      // Cycles between esbuild's chunks are fine (ESM links them), and so is a built-in's import that
      // esbuild kept though nothing reads it; anything else is a build error.
      if (log.code === 'CIRCULAR_DEPENDENCY' || log.code === 'UNUSED_EXTERNAL_IMPORT') return;
      handler(level === 'warn' ? 'error' : level, log);
    },
    plugins: [
      {
        name: 'esbuild-source-maps',
        // Each esbuild file with its map, so that the merged map leads back to the TypeScript sources.
        load(id) {
          const map = `${id}.map`;
          return existsSync(map) ? { code: readFileSync(id, 'utf8'), map: readFileSync(map, 'utf8') } : null;
        },
      },
    ],
  });
  let output: (OutputChunk | OutputAsset)[];
  try {
    ({ output } = await bundle.write({
      dir: outdir,
      format: 'es',
      entryFileNames: `${BUNDLING.chunkNames}${BUNDLING.outExtension}`,
      chunkFileNames: `${BUNDLING.chunkNames}${BUNDLING.outExtension}`,
      sourcemap: BUNDLING.sourcemap,
      sourcemapExcludeSources: !BUNDLING.sourcesContent,
    }));
  } finally {
    await bundle.close();
  }

  // The fonts, at the same place relative to the entry.
  for (const asset of assets) {
    const target = path.join(outdir, path.relative(staging, asset));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(asset, target);
  }

  const chunks = output.filter((item): item is OutputChunk => item.type === 'chunk');
  const written = new Set(output.map((item) => item.fileName));
  const outputs: Metafile['outputs'] = {};
  for (const chunk of chunks) {
    const file = path.join(outdir, chunk.fileName);
    const inputs: Metafile['outputs'][string]['inputs'] = {};
    for (const module of Object.keys(chunk.modules)) {
      for (const [input, { bytesInOutput }] of Object.entries(pieces.get(module)?.inputs ?? {})) {
        inputs[input] = { bytesInOutput: (inputs[input]?.bytesInOutput ?? 0) + bytesInOutput };
      }
      keepAssetReferences(module, file, assets, staging, outdir);
    }
    // Rollup names what a chunk imports by its place in `outdir`; an import not written is a built-in.
    const local = (imported: string) => keyOf(path.join(outdir, imported));
    const facade = chunk.facadeModuleId ? pieces.get(chunk.facadeModuleId)?.entryPoint : undefined;
    outputs[keyOf(file)] = {
      bytes: Buffer.byteLength(chunk.code),
      inputs,
      imports: [
        ...chunk.imports.map((imported) =>
          written.has(imported)
            ? { path: local(imported), kind: 'import-statement' as const }
            : { path: imported, kind: 'import-statement' as const, external: true },
        ),
        ...chunk.dynamicImports.map((imported) => ({ path: local(imported), kind: 'dynamic-import' as const })),
      ],
      exports: chunk.exports,
      ...(facade && (chunk.isEntry || chunk.isDynamicEntry) ? { entryPoint: facade } : {}),
    };
  }
  for (const item of output) {
    if (item.type === 'asset')
      outputs[keyOf(path.join(outdir, item.fileName))] = { bytes: Buffer.byteLength(item.source), inputs: {}, imports: [], exports: [] };
  }
  for (const asset of assets) {
    const target = path.join(outdir, path.relative(staging, asset));
    outputs[keyOf(target)] = { ...pieces.get(asset)!, bytes: statSync(target).size };
  }
  // The file Lambda loads: the entry's chunk, re-exported from beside the fonts.
  const main = chunks.find((chunk) => chunk.isEntry)!;
  const facade = `export * from './${main.fileName}';\n`;
  writeFileSync(path.join(outdir, ENTRY_FILE), facade);
  const mainKey = keyOf(path.join(outdir, main.fileName));
  const { entryPoint, ...rest } = outputs[mainKey]!;
  outputs[mainKey] = rest;
  outputs[keyOf(path.join(outdir, ENTRY_FILE))] = {
    bytes: Buffer.byteLength(facade),
    inputs: {},
    imports: [{ path: mainKey, kind: 'import-statement' }],
    exports: main.exports,
    ...(entryPoint ? { entryPoint } : {}),
  };
  return { inputs: split.inputs, outputs };
}

/**
 * A font is found by the path esbuild wrote into the file that reads it, relative to that file
 * (`../DejaVuSans-….ttf` from a chunk). Rollup may move the code into a file elsewhere; if the path no
 * longer leads to the font, fail the build rather than ship a PDF function that cannot draw text.
 */
function keepAssetReferences(module: string, file: string, assets: readonly string[], staging: string, outdir: string): void {
  if (!assets.length) return;
  const code = readFileSync(module, 'utf8');
  for (const asset of assets) {
    const before = path.relative(path.dirname(module), asset);
    if (!code.includes(`"${before}"`)) continue;
    const after = path.relative(path.dirname(file), path.join(outdir, path.relative(staging, asset)));
    if (after !== before) {
      throw new Error(`${path.basename(asset)} is read as "${before}" from code that moved to ${path.relative(outdir, file)}, where it is "${after}"`);
    }
  }
}

/**
 * {@link buildFunction} for a caller that cannot wait on a promise (CDK's local bundling, the bundle tests):
 * the build runs in a child process on the project's Node (infra/function-build-cli.ts), and its metafile
 * comes back through a file.
 */
export function buildFunctionSync(entry: string, outdir: string): Metafile {
  const scratch = mkdtempSync(path.join(tmpdir(), 'function-metafile-'));
  try {
    const metafile = path.join(scratch, 'metafile.json');
    execFileSync(PROJECT_NODE, [require.resolve('tsx/cli'), path.join(__dirname, 'function-build-cli.ts'), entry, outdir, metafile], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return JSON.parse(readFileSync(metafile, 'utf8')) as Metafile;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

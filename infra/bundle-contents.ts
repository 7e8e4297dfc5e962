import path from 'node:path';
import type { Metafile } from 'esbuild';
import { ENTRY_FILE } from './constructs/bundling';

/** The npm package a bundled input belongs to (`@scope/name` or `name`), or undefined for the app's own source. */
export function packageOf(input: string): string | undefined {
  // The last node_modules segment wins: a package nested inside another is its own package.
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const [first, second] = input.slice(at + 'node_modules/'.length).split('/');
  if (!first) return undefined;
  return first.startsWith('@') && second ? `${first}/${second}` : first;
}

/** The code files of a build (its entry and chunks; no source maps or fonts), as the metafile names them. */
export function codeOutputs(metafile: Metafile): string[] {
  return Object.keys(metafile.outputs).filter((file) => file.endsWith('.mjs') || file.endsWith('.js'));
}

/**
 * Bytes each npm package contributes to the code files `outputs` of a build (all of them unless named),
 * largest first. Only bytes in the output count, so a package esbuild dropped entirely is absent; a package
 * counts as bundled if any file carries it, whether the function loads it at start or on first use.
 */
export function packageBytes(metafile: Metafile, outputs: Iterable<string> = codeOutputs(metafile)): Map<string, number> {
  const bytes = new Map<string, number>();
  for (const file of outputs) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[file]?.inputs ?? {})) {
      const name = packageOf(input);
      if (name === undefined || bytesInOutput === 0) continue;
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return new Map([...bytes].sort((a, b) => b[1] - a[1]));
}

/**
 * The output file Lambda loads ({@link ENTRY_FILE}), or with `entryPoint` (the source's path as the
 * metafile names it, relative to the build's working directory) the output built from that source: with
 * splitting, each `import()` target is an entry point of its own too.
 */
export function entryOutput(metafile: Metafile, entryPoint?: string): string {
  const files = Object.entries(metafile.outputs)
    .filter(([file, o]) => (entryPoint === undefined ? path.basename(file) === ENTRY_FILE : o.entryPoint === entryPoint))
    .map(([file]) => file);
  if (files.length !== 1) throw new Error(`expected one output for ${entryPoint ?? ENTRY_FILE}, found ${files.length}`);
  return files[0]!;
}

/**
 * The code files a function reads when it starts: the entry and every chunk it imports statically,
 * transitively, entry first. A chunk reached only through `import()` is read when that `import()` first runs.
 */
export function startClosure(metafile: Metafile, entryPoint?: string): string[] {
  const seen = new Set<string>();
  const pending = [entryOutput(metafile, entryPoint)];
  while (pending.length) {
    const file = pending.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
  }
  return [...seen];
}

/** The bytes of the code files `outputs`. */
export function outputBytes(metafile: Metafile, outputs: Iterable<string>): number {
  let total = 0;
  for (const file of outputs) total += metafile.outputs[file]?.bytes ?? 0;
  return total;
}

/** The npm packages a function evaluates when it is loaded: those in its {@link startClosure}. */
export function packagesLoadedAtStart(metafile: Metafile, entryPoint?: string): Set<string> {
  return new Set(packageBytes(metafile, startClosure(metafile, entryPoint)).keys());
}

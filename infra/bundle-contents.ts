import type { Metafile } from 'esbuild';

/** The npm package a bundled input belongs to (`@scope/name` or `name`), or undefined for the app's own source. */
export function packageOf(input: string): string | undefined {
  // The last node_modules segment wins: a package nested inside another is its own package.
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const [first, second] = input.slice(at + 'node_modules/'.length).split('/');
  if (!first) return undefined;
  return first.startsWith('@') && second ? `${first}/${second}` : first;
}

/**
 * Bytes each npm package contributes to an esbuild output (its only output with an entry point, the
 * bundle), largest first. Only bytes in the output count, so a package esbuild dropped entirely is absent.
 */
export function packageBytes(metafile: Metafile): Map<string, number> {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const name = packageOf(input);
    if (name === undefined || bytesInOutput === 0) continue;
    bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
  }
  return new Map([...bytes].sort((a, b) => b[1] - a[1]));
}

/**
 * The npm packages a bundle evaluates when it is loaded, from the metafile of a build with `splitting`
 * on: the entry's output and every chunk it imports statically, transitively. A package reached only
 * through `import()` lands in a chunk of its own there, and in the single-file bundle the stack deploys
 * esbuild evaluates it only when that `import()` runs, so it is absent here. `entryPoint` is the handler's
 * path as the metafile names it (relative to the build's working directory): with splitting, each
 * `import()` target is an entry point too.
 */
export function packagesLoadedAtStart(metafile: Metafile, entryPoint: string): Set<string> {
  const entry = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === entryPoint)?.[0];
  if (entry === undefined) throw new Error(`no output for ${entryPoint}`);
  const seen = new Set<string>();
  const pending = [entry];
  const names = new Set<string>();
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const output = metafile.outputs[file];
    for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
      const name = packageOf(input);
      if (name !== undefined && bytesInOutput > 0) names.add(name);
    }
    for (const imported of output?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
  }
  return names;
}

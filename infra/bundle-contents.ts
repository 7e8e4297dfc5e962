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

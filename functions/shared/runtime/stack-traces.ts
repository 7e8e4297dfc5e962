import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Stack traces that name the TypeScript file and line in the Lambda bundles, read when a trace is printed.
 *
 * Node's `--enable-source-maps` reads and parses the source map of every file as it loads it: in these
 * bundles a fifth of each cold start (7–11 ms of 35–60 ms on the bench's machine), for traces that only an
 * error prints. Instead, the bundles install {@link mapStackTrace} as V8's `Error.prepareStackTrace`, which
 * V8 calls when an error's `stack` is first read (the error logged, or returned to Lambda), and which reads
 * a file's map then, once per process. The build says it is a bundle (`MEETING_CYCLE_BUNDLE`, defined by
 * infra/constructs/bundling.ts); run from the sources, the test runner's and tsx's own mapping stay.
 */

const maps = new Map<string, SourceMap | undefined>();

/** The source map beside a bundle file (`<file>.map`), parsed on first use; undefined without one. */
function mapOf(file: string): SourceMap | undefined {
  if (maps.has(file)) return maps.get(file);
  let map: SourceMap | undefined;
  try {
    if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload);
  } catch {
    // An unreadable map leaves the bundle's own positions, as Node does.
  }
  maps.set(file, map);
  return map;
}

/** What V8 tells of a frame, with the enclosing function's start (V8 has it; Node's types do not say so). */
type Site = NodeJS.CallSite & { getEnclosingLineNumber?(): number | null; getEnclosingColumnNumber?(): number | null };

const pathOf = (fileOrUrl: string): string => (fileOrUrl.startsWith('file://') ? fileURLToPath(fileOrUrl) : fileOrUrl);

/** The source map entry for a 1-based position V8 gives in a bundle file, when the file has a map. */
function entryAt(
  file: string,
  line: number | null,
  column: number | null,
): { originalSource?: string; originalLine?: number; originalColumn?: number; name?: string } | undefined {
  if (line === null || column === null) return undefined;
  const entry = mapOf(file)?.findEntry(line - 1, column - 1);
  return entry && 'originalSource' in entry ? entry : undefined;
}

/**
 * The function's name in the sources: the map's name at the start of the enclosing function, or at the
 * call in the next frame of the same file (the minifier renamed it). As Node's own mapping does it.
 */
function originalName(sites: readonly Site[], i: number, file: string): string | undefined {
  const site = sites[i]!;
  const enclosing = entryAt(file, site.getEnclosingLineNumber?.() ?? null, site.getEnclosingColumnNumber?.() ?? null);
  if (enclosing?.name) return enclosing.name;
  const next = sites[i + 1];
  if (next && next.getFileName() === site.getFileName()) return entryAt(file, next.getLineNumber(), next.getColumnNumber())?.name || undefined;
  return undefined;
}

/** One frame as Node's `--enable-source-maps` writes it: the source's file, line and column, and the function's name. */
function frame(sites: readonly Site[], i: number): string {
  const site = sites[i]!;
  const fileName = site.getFileName();
  const file = fileName ? pathOf(fileName) : undefined;
  const entry = file ? entryAt(file, site.getLineNumber(), site.getColumnNumber()) : undefined;
  if (!file || !entry?.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return String(site);
  const typeName = site.getTypeName();
  const called = `${typeName !== null && typeName !== 'global' ? `${typeName}.` : ''}${site.getFunctionName() ?? site.getMethodName() ?? '<anonymous>'}`;
  const name = originalName(sites, i, file);
  const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
  const awaited = site.isAsync() ? 'async ' : '';
  return `${awaited}${name && name !== called ? name : called} (${source}:${entry.originalLine + 1}:${entry.originalColumn + 1})`;
}

/** V8's `Error.prepareStackTrace`: the trace V8 would write, each bundle frame mapped to the sources. */
export function mapStackTrace(error: Error, sites: NodeJS.CallSite[]): string {
  let header: string;
  try {
    header = Error.prototype.toString.call(error);
  } catch {
    header = 'Error';
  }
  return header + sites.map((_site, i) => `\n    at ${frame(sites as Site[], i)}`).join('');
}

/**
 * Maps stack traces in a bundle, unless Node already does (`--enable-source-maps`); outside a bundle, nothing.
 * Called as the observability module loads, before any handler runs.
 */
export function installStackTraces(): void {
  if (process.env.MEETING_CYCLE_BUNDLE !== 'esbuild' || process.sourceMapsEnabled) return;
  Error.prepareStackTrace = mapStackTrace;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, PluginBuild } from 'esbuild';

/**
 * The AWS SDK's shared code comes through barrels: `@smithy/core/protocols`, `@aws-sdk/core/protocols`,
 * `@smithy/core/serde` and the like, index files that only re-export. esbuild tree-shakes what no one uses,
 * but with code splitting it places each file it keeps by which entries reach it through imports, barrels
 * included: the DynamoDB client imports its JSON protocol from the barrel that also re-exports the XML and
 * query protocols, so when a chunk (S3, SES) uses those, they are placed where the DynamoDB client is, in
 * the code every function loads at start.
 *
 * This plugin gives each importer of a barrel a barrel of its own that re-exports just the names it
 * imports, each straight from the file that defines it. What a function loads at start then reaches only
 * the files it uses. A few barrels also define names of their own (`v4`, `Uint8ArrayBlobAdapter`): those
 * come from the barrel's code without its re-exports (`<barrel>?locals`), which the real barrel re-exports
 * too, so each is defined once. An importer the plugin cannot read (a namespace import) keeps the real
 * barrel, which is correct, only not smaller.
 */
export const BARREL = /^@(?:aws-sdk|smithy)\/core(?:\/[a-z-]+)?$/;

const SKIP = Symbol('flat-barrels: resolve the real barrel');

interface Source {
  /** The specifier to import from, as written in the barrel (relative to it, or a package). */
  from: string;
  /** The name the defining module exports. */
  name: string;
}

const EXPORT_FROM = /export\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g;
const IMPORT_FROM = /import\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g;
const EXPORT_LOCAL = /export\s*\{([^}]*)\}\s*;/g;

/** `a, b as c` → [[a, a], [b, c]]: each (name in the module, name it is bound to). */
function specifiers(list: string): [string, string][] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [name, alias] = s.split(/\s+as\s+/);
      return [name!.trim(), (alias ?? name)!.trim()];
    });
}

/** The names a barrel re-exports and where each comes from: its `export { … } from` lines and the imports it re-exports. */
export function barrelExports(code: string): Map<string, Source> {
  const sources = new Map<string, Source>();
  for (const [, list, from] of code.matchAll(EXPORT_FROM)) for (const [name, as] of specifiers(list!)) sources.set(as, { from: from!, name });
  const imported = new Map<string, Source>();
  for (const [, list, from] of code.matchAll(IMPORT_FROM)) for (const [name, as] of specifiers(list!)) imported.set(as, { from: from!, name });
  for (const [, list] of code.matchAll(EXPORT_LOCAL)) {
    for (const [local, as] of specifiers(list!)) {
      const source = imported.get(local);
      if (source) sources.set(as, source);
    }
  }
  return sources;
}

/**
 * The names `code` imports (or re-exports) from `specifier`, or undefined when it takes more than named
 * bindings (a namespace, a default) or the statement is not found.
 */
export function importedNames(code: string, specifier: string): string[] | undefined {
  const quoted = `["']${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}["']`;
  const named = new RegExp(`(?:import|export)\\s*\\{([^}]*)\\}\\s*from\\s*${quoted}`, 'g');
  const any = new RegExp(`(?:import|export)\\s[^;'"]*?from\\s*${quoted}|import\\s*${quoted}`, 'g');
  const names = [...code.matchAll(named)].flatMap(([, list]) => specifiers(list!).map(([name]) => name));
  const statements = [...code.matchAll(any)].length;
  if (!names.length || statements !== [...code.matchAll(named)].length) return undefined;
  return [...new Set(names)].sort();
}

const read = (file: string): string => readFileSync(file, 'utf8');

/** A barrel's code without its `export { … } from` lines: the names it defines itself, and what they use. */
export const withoutReExports = (code: string): string => code.replace(EXPORT_FROM, '');

/** The barrel files themselves, once resolved: what the real barrel and `?locals` load. */
const BARREL_FILE = /[\\/]node_modules[\\/]@(?:aws-sdk|smithy)[\\/]core[\\/]dist-es[\\/](?:submodules[\\/][a-z-]+[\\/])?index\.js$/;
const LOCALS = '?locals';

/**
 * Follows `name` through barrels to the module that defines it: [absolute path, its export name], or
 * undefined. A name a barrel defines itself comes from `<barrel>?locals`.
 */
async function trace(build: PluginBuild, barrel: string, name: string, seen = new Set<string>()): Promise<[string, string] | undefined> {
  if (seen.has(barrel)) return undefined;
  seen.add(barrel);
  const source = barrelExports(read(barrel)).get(name);
  if (!source)
    return new RegExp(`export\\s+(?:const|let|var|class|function\\*?|async\\s+function\\*?)\\s+${name}\\b`).test(read(barrel))
      ? [barrel + LOCALS, name]
      : undefined;
  const resolved = await build.resolve(source.from, { kind: 'import-statement', resolveDir: path.dirname(barrel), pluginData: SKIP });
  if (resolved.errors.length || !resolved.path) return undefined;
  if (BARREL.test(source.from)) return trace(build, resolved.path, source.name, seen);
  return [resolved.path, source.name];
}

export const flatBarrels: Plugin = {
  name: 'flat-barrels',
  setup(build) {
    build.onResolve({ filter: BARREL }, async (args) => {
      if (args.pluginData === SKIP || args.kind !== 'import-statement' || !args.importer || args.namespace !== 'file') return undefined;
      const names = importedNames(read(args.importer), args.path);
      if (!names) return undefined;
      const real = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: SKIP });
      if (real.errors.length || !real.path) return undefined;
      return { path: `${real.path}?${names.join(',')}`, namespace: 'flat-barrel', pluginData: { real: real.path, names }, sideEffects: false };
    });
    // A barrel's own definitions, apart: `<barrel>?locals` (named by trace()).
    build.onResolve({ filter: /\?locals$/ }, (args) => ({ path: args.path, namespace: 'flat-barrel-locals', sideEffects: false }));
    build.onLoad({ filter: /.*/, namespace: 'flat-barrel-locals' }, (args) => {
      const barrel = args.path.slice(0, -LOCALS.length);
      return { contents: withoutReExports(read(barrel)), resolveDir: path.dirname(barrel), loader: 'js' };
    });
    // The real barrel (for importers the plugin cannot read) takes its own definitions from there too.
    build.onLoad({ filter: BARREL_FILE }, (args) => {
      const code = read(args.path);
      const own = withoutReExports(code);
      if (!/^export\s+(?:const|let|var|class|function|async)/m.test(own)) return undefined;
      return {
        contents: `${[...code.matchAll(EXPORT_FROM)].map(([statement]) => statement).join(';\n')};\nexport * from ${JSON.stringify(args.path + LOCALS)};`,
        loader: 'js',
      };
    });
    build.onLoad({ filter: /.*/, namespace: 'flat-barrel' }, async (args) => {
      const { real, names } = args.pluginData as { real: string; names: string[] };
      const lines = await Promise.all(
        names.map(async (name) => {
          const [file, as] = (await trace(build, real, name)) ?? [real, name];
          return `export { ${as === name ? name : `${as} as ${name}`} } from ${JSON.stringify(file)};`;
        }),
      );
      return { contents: lines.join('\n'), resolveDir: path.dirname(real), loader: 'js' };
    });
  },
};

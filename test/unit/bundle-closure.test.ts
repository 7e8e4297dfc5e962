import type { Metafile } from 'esbuild';
import { codeOutputs, entryOutput, outputBytes, packageBytes, packagesLoadedAtStart, startClosure } from '../../infra/bundle-contents';

/**
 * A split build as esbuild's metafile describes it: the entry imports a shared chunk statically and a
 * document chunk through `import()`, which imports the same shared chunk.
 */
const output = (bytes: number, inputs: Record<string, number>, imports: { path: string; kind: string; external?: boolean }[] = [], entryPoint?: string) => ({
  bytes,
  inputs: Object.fromEntries(Object.entries(inputs).map(([input, bytesInOutput]) => [input, { bytesInOutput }])),
  imports,
  exports: [],
  ...(entryPoint ? { entryPoint } : {}),
});
const metafile = {
  inputs: {},
  outputs: {
    'out/index.mjs': output(
      100,
      { 'functions/x/handler.ts': 10, 'node_modules/@aws-sdk/client-dynamodb/a.js': 60 },
      [
        { path: 'out/chunks/chunk-A.mjs', kind: 'import-statement' },
        { path: 'out/chunks/pdf-B.mjs', kind: 'dynamic-import' },
        { path: 'node:fs', kind: 'import-statement', external: true },
      ],
      'functions/x/handler.ts',
    ),
    'out/index.mjs.map': output(500, {}),
    'out/chunks/chunk-A.mjs': output(40, { 'node_modules/@smithy/core/b.js': 35 }),
    'out/chunks/pdf-B.mjs': output(
      900,
      { 'node_modules/@cantoo/pdf-lib/c.js': 850 },
      [
        { path: 'out/chunks/chunk-A.mjs', kind: 'import-statement' },
        { path: 'out/Font-X.ttf', kind: 'file-loader' },
      ],
      'functions/shared/documents/pdf.ts',
    ),
    'out/Font-X.ttf': output(700_000, {}),
  },
} as unknown as Metafile;

describe('a split build', () => {
  it('starts with the entry and the chunks it imports statically, not those behind an import()', () => {
    expect(entryOutput(metafile)).toBe('out/index.mjs');
    expect(entryOutput(metafile, 'functions/shared/documents/pdf.ts')).toBe('out/chunks/pdf-B.mjs');
    expect(startClosure(metafile)).toEqual(['out/index.mjs', 'out/chunks/chunk-A.mjs']);
    expect(outputBytes(metafile, startClosure(metafile))).toBe(140);
    expect([...packagesLoadedAtStart(metafile)]).toEqual(['@aws-sdk/client-dynamodb', '@smithy/core']);
  });

  it('counts a package as bundled if any code file carries it, and leaves maps and fonts out', () => {
    expect(codeOutputs(metafile)).toEqual(['out/index.mjs', 'out/chunks/chunk-A.mjs', 'out/chunks/pdf-B.mjs']);
    expect([...packageBytes(metafile).keys()]).toEqual(['@cantoo/pdf-lib', '@aws-sdk/client-dynamodb', '@smithy/core']);
  });
});

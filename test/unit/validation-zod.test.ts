import { build } from 'esbuild';
import path from 'node:path';
import * as z from '../../functions/shared/validation/zod';

const MODULE = path.resolve(__dirname, '../../functions/shared/validation/zod.ts');

/** What of zod a bundle keeps when its code builds one small schema through the shared module, by file. */
async function zodInBundle(): Promise<Map<string, number>> {
  const result = await build({
    stdin: {
      contents: `import * as z from ${JSON.stringify(MODULE)};\nexport const form = z.object({ title: z.string().check(z.trim(), z.minLength(3)) });`,
      resolveDir: __dirname,
      loader: 'ts',
    },
    // What decides tree-shaking in the stack's options (infra/constructs/bundling.ts).
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const files = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const file = /node_modules\/zod\/(.+)$/.exec(input)?.[1];
      if (file && bytesInOutput > 0) files.set(file, (files.get(file) ?? 0) + bytesInOutput);
    }
  }
  return files;
}

describe('the shared zod module', () => {
  it("refuses in classic zod's English, the words the pages, the CLI and the tests quote", () => {
    const result = z.safeParse(z.object({ title: z.string().check(z.minLength(3)) }), { title: 5 });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['Invalid input: expected string, received number']);
    expect(z.safeParse(z.string().check(z.minLength(3)), 'ab').error?.issues[0]?.message).toBe('Too small: expected string to have >=3 characters');
  });

  it('keeps preprocess as classic had it: the rewritten value is parsed, and the field stays optional', () => {
    const blankIsNone = z.object({ venue: z.preprocess((v) => (v === '' ? undefined : v), z.optional(z.string())) });
    expect(z.parse(blankIsNone, { venue: '' })).toEqual({ venue: undefined });
    expect(z.parse(blankIsNone, {})).toEqual({});
    const typed: z.input<typeof blankIsNone> = {};
    expect(typed).toEqual({});
  });

  it('bundles as zod/mini with the English locale only: no classic zod, no other language', async () => {
    const files = await zodInBundle();
    const names = [...files.keys()];
    expect(names).toContain('v4/locales/en.js');
    expect(names.filter((f) => f.includes('/classic/') || (f.includes('/locales/') && !/\/locales\/(en|index)\.js$/.test(f)))).toEqual([]);
    // Classic zod was ~460 KB; mini with one locale is ~20 KB.
    expect([...files.values()].reduce((a, b) => a + b, 0)).toBeLessThan(40 * 1024);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HTTP_FUNCTION, INBOUND_FUNCTION, TASK_FUNCTIONS } from '../../functions/catalog';
import { MAIL_EVENTS_FUNCTION } from '../../infra/constructs/bounces';
import { CONSOLE_FUNCTION } from '../../infra/constructs/console';
import { startClosure } from '../../infra/bundle-contents';
import { bundleWithMetafile } from './bundle';

jest.setTimeout(120_000);
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-bundles-'));

afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

/**
 * The stack tests skip bundling; this bundles every function as `cdk deploy` does (ESM split at each
 * `import()`, minified, the same main fields and require banner) and loads each in a plain Node process,
 * so a dependency that only breaks once bundled (a dynamic require, a missing file) fails here rather
 * than in Lambda. Every chunk is loaded after the entry too, as the `import()`s that read them would: each
 * has the banner's `require`, and none may clash with it or fail to link.
 */
describe('the Lambda bundles', () => {
  it.each([...TASK_FUNCTIONS, HTTP_FUNCTION, INBOUND_FUNCTION, CONSOLE_FUNCTION, MAIL_EVENTS_FUNCTION].map((spec) => [spec.id, spec] as const))(
    '%s bundles and loads, and so does each of its chunks',
    (_id, spec) => {
      const { outdir, outfile } = bundleWithMetafile(spec, OUT);
      const chunks = fs
        .readdirSync(path.join(outdir, 'chunks'))
        .filter((f) => f.endsWith('.mjs'))
        .map((f) => path.join(outdir, 'chunks', f));
      const script = `const m = await import(${JSON.stringify(outfile)});
        for (const chunk of ${JSON.stringify(chunks)}) await import(chunk);
        console.log(typeof m.handler, ${chunks.length});`;
      // A process of its own and a clean environment: loading must not need any setting or the repository.
      const loaded = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: OUT,
        env: { PATH: process.env.PATH ?? '' },
        encoding: 'utf8',
      });
      expect(loaded.trim().split('\n').at(-1)).toBe(`function ${chunks.length}`);
    },
  );
});

/**
 * Lambda reports a thrown error's `name`, and the state machine's Retry and Catch match it exactly. The
 * bundles are minified with names kept, then Rollup merges esbuild's files and renames what clashes: the
 * error classes, in the link pages' bundle where they are shared with its chunks, must still answer to
 * their own names.
 */
describe('the error names in a bundle', () => {
  it('are the classes’ own, after minifying and merging', () => {
    const entry = path.join(OUT, 'errors-entry.ts');
    const source = (file: string) => JSON.stringify(path.join(__dirname, '..', '..', 'functions', file));
    fs.writeFileSync(entry, [`export { handler } from ${source('http/handler')};`, `export * as errors from ${source('shared/domain/errors')};`].join('\n'));
    const { outfile, metafile } = bundleWithMetafile({ dir: 'errors-entry' }, OUT, entry);
    // The errors module is shared with the pages' chunks, so it came from one of esbuild's shared files.
    const atStart = startClosure(metafile).flatMap((file) => Object.keys(metafile.outputs[file]!.inputs));
    expect(atStart).toContain('functions/shared/domain/errors.ts');
    const script = `const { errors } = await import(${JSON.stringify(outfile)});
      const wrong = Object.entries(errors).filter(([, C]) => typeof C === 'function' && C.prototype instanceof Error)
        .map(([name, C]) => [name, new C('x').name]).filter(([name, got]) => name !== got);
      console.log(JSON.stringify({ classes: Object.keys(errors).length, wrong }));`;
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: OUT,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    const { classes, wrong } = JSON.parse(printed.trim().split('\n').at(-1)!) as { classes: number; wrong: string[][] };
    expect(classes).toBeGreaterThan(15);
    expect(wrong).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWithMetafile } from './bundle';

jest.setTimeout(120_000);
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-stack-'));
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

const ROOT = path.join(__dirname, '..', '..');
const VALIDATE = path.join(ROOT, 'functions/shared/domain/validate.ts');

/**
 * The functions run without `--enable-source-maps` (it parses every file's map at each cold start), yet a
 * stack trace still names the TypeScript file and line: the bundle maps it when it is printed
 * (functions/shared/runtime/stack-traces.ts). Checked on a bundle with a handler's observability stack and
 * a throw from a known line, in a bare Node process, against Node's own mapping.
 */
describe('stack traces in the Lambda bundles', () => {
  const entry = path.join(OUT, 'throws.ts');
  fs.writeFileSync(
    entry,
    [
      `import { observed } from ${JSON.stringify(path.join(ROOT, 'functions/shared/runtime/observability'))};`,
      `import { parseOrThrow, cycleRef } from ${JSON.stringify(VALIDATE.replace(/\.ts$/, ''))};`,
      `export const handler = observed(async (event: unknown) => parseOrThrow(cycleRef, event, 'cycle'));`,
      `export const later = () => import(${JSON.stringify(path.join(ROOT, 'functions/shared/domain/errors'))});`,
    ].join('\n'),
  );
  const SCRIPT = (outfile: string) => `
    const { handler } = await import(${JSON.stringify(outfile)});
    try { await handler({ boardId: 'NOT VALID' }, { awsRequestId: 'r', functionName: 'f' }); } catch (err) { console.log(JSON.stringify(err.stack)); }`;
  const stackOf = (outfile: string, nodeOptions: string): string =>
    JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT(outfile)], {
        cwd: OUT,
        env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: nodeOptions, POWERTOOLS_LOG_LEVEL: 'CRITICAL' },
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .at(-1)!,
    ) as string;
  // The line of parseOrThrow's throw in the source.
  const throwLine =
    fs
      .readFileSync(VALIDATE, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes('throw new ValidationError')) + 1;

  it('names the TypeScript file and line of the throw, as Node’s own mapping does, without reading maps at start', () => {
    const { outfile } = bundleWithMetafile({ dir: 'throws' }, OUT, entry);
    const ours = stackOf(outfile, '');
    expect(ours.split('\n')[0]).toMatch(/^ValidationError: Invalid cycle: /);
    expect(ours).toContain(`${VALIDATE}:${throwLine}:`);
    expect(ours).not.toContain('index-');
    // Node's own mapping (--enable-source-maps) writes the very same trace.
    expect(ours).toBe(stackOf(outfile, '--enable-source-maps'));
  });
});

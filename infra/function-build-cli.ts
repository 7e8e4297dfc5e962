import { writeFileSync } from 'node:fs';
import { buildFunction } from './function-build';

/**
 * `tsx infra/function-build-cli.ts <entry> <outdir> <metafile>`: builds one function (infra/function-build.ts)
 * and writes the metafile describing its output to `<metafile>`. buildFunctionSync's child process.
 */
async function main(): Promise<void> {
  const [entry, outdir, metafile] = process.argv.slice(2);
  if (!entry || !outdir || !metafile) throw new Error('usage: function-build-cli.ts <entry> <outdir> <metafile>');
  writeFileSync(metafile, JSON.stringify(await buildFunction(entry, outdir)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

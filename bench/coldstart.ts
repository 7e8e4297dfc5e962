/**
 * Cold-start benchmark: how long does a fresh Node process take to load each function, against the floor?
 *
 * Builds every function of the catalog exactly as the stack does (infra/constructs/bundling.ts, the options
 * NodejsFunction is given), and in the same run a baseline handler that uses only the DynamoDB client
 * (bench/coldstart-baseline.ts) with the same options. Then, five rounds, each loading every bundle once in
 * turn (interleaved, so a busy moment on the machine hits all alike): a fresh process on the Lambda runtime's
 * Node major, with the functions' NODE_OPTIONS and no other setting, imports the bundle, which runs its
 * module-scope initialisation, and reports how long the import took (Node's own start-up excluded: it is the
 * same for every function). Each function's figure is its median; the ratio is against the baseline's median.
 * `rss` is the process's peak RSS once the bundle is loaded: the floor of the function's memory.
 *
 * Usage: npm run bench:coldstart [-- --keep]   (--keep leaves the bundles in place)
 * The last line is the summary, e.g.
 * `coldstart: baseline=60ms worst=Http worst-ratio=1.40 median-ratio=1.20 largest-bundle=900KB`.
 * Targets (reported, never failed on): every function ≤ 1.5× the baseline, the link-page function ≤ 1.2×.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { ALL_FUNCTIONS, HTTP_FUNCTION } from '../functions/catalog';
import { packageBytes } from '../infra/bundle-contents';
import { esbuildOptions, FUNCTION_NODE_OPTIONS, handlerEntry, REPO_ROOT } from '../infra/constructs/bundling';

const RUNS = 5;
const TARGET = 1.5;
const LINK_PAGE_TARGET = 1.2;
const BASELINE = 'Baseline';

interface Built {
  id: string;
  outfile: string;
  bytes: number;
  /** The three largest packages in the bundle, for the per-function line. */
  heaviest: string;
}

/** The Lambda runtime's Node (the `node` package pinned in package.json) if installed, else this one. */
const NODE = ((): string => {
  const pinned = path.join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node');
  return existsSync(pinned) ? pinned : process.execPath;
})();

const CHILD = `const t = performance.now(); const m = await import(process.argv[1]); const ms = performance.now() - t;
if (typeof m.handler !== 'function') throw new Error('no handler');
console.log(ms.toFixed(2), Math.round(process.resourceUsage().maxRSS / 1024));`;

async function bundle(id: string, entry: string, outDir: string): Promise<Built> {
  const outfile = path.join(outDir, id, 'index.mjs');
  const { metafile } = await build(esbuildOptions(entry, outfile));
  const heaviest = [...packageBytes(metafile)]
    .slice(0, 3)
    .map(([name, bytes]) => `${name}=${kb(bytes)}KB`)
    .join(' ');
  return { id, outfile, bytes: statSync(outfile).size, heaviest };
}

/** Milliseconds a fresh process takes to import `outfile`, and its peak RSS in MB once loaded. */
function loadOnce(outfile: string): { ms: number; rssMB: number } {
  const out = execFileSync(NODE, ['--input-type=module', '-e', CHILD, outfile], {
    cwd: path.dirname(outfile),
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: FUNCTION_NODE_OPTIONS },
    encoding: 'utf8',
  });
  const [ms, rssMB] = out.trim().split(' ').map(Number);
  return { ms: ms!, rssMB: rssMB! };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kb = (bytes: number): number => Math.round(bytes / 1024);

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const outDir = mkdtempSync(path.join(tmpdir(), 'bench-coldstart-'));
  try {
    const built = await Promise.all([
      bundle(BASELINE, path.join(__dirname, 'coldstart-baseline.ts'), outDir),
      ...ALL_FUNCTIONS.map((spec) => bundle(spec.id, handlerEntry(spec.dir), outDir)),
    ]);
    const times = new Map<string, number[]>(built.map((b) => [b.id, []]));
    const rss = new Map<string, number>();
    // One throw-away load of each first: the disk cache is warm for every round alike.
    for (const b of built) loadOnce(b.outfile);
    for (let run = 0; run < RUNS; run += 1) {
      for (const b of built) {
        const { ms, rssMB } = loadOnce(b.outfile);
        times.get(b.id)!.push(ms);
        rss.set(b.id, Math.max(rss.get(b.id) ?? 0, rssMB));
      }
    }

    const baseline = median(times.get(BASELINE)!);
    const rows = built.map((b) => ({ ...b, ms: median(times.get(b.id)!), ratio: median(times.get(b.id)!) / baseline }));
    for (const r of rows) {
      const target = r.id === BASELINE ? '' : r.id === HTTP_FUNCTION.id ? ` target=${LINK_PAGE_TARGET}` : ` target=${TARGET}`;
      console.log(
        `${r.id.padEnd(30)} ${r.ms.toFixed(0).padStart(4)}ms ratio=${r.ratio.toFixed(2)}${target} bundle=${kb(r.bytes)}KB rss=${rss.get(r.id)}MB  ${r.heaviest}`,
      );
    }
    const functions = rows.filter((r) => r.id !== BASELINE);
    const worst = functions.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    const largest = Math.max(...functions.map((r) => r.bytes));
    console.log(
      `coldstart: baseline=${baseline.toFixed(0)}ms worst=${worst.id} worst-ratio=${worst.ratio.toFixed(2)} ` +
        `median-ratio=${median(functions.map((r) => r.ratio)).toFixed(2)} largest-bundle=${kb(largest)}KB`,
    );
    if (keep) console.log(`bundles kept in ${outDir}`);
  } finally {
    if (!keep) rmSync(outDir, { recursive: true, force: true });
  }
}

void main();

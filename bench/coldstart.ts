/**
 * Cold-start benchmark: how long does a fresh Node process take to load each function, against the floor?
 *
 * Builds every function of the catalog exactly as the stack does (infra/constructs/bundling.ts: the options
 * task-function.ts builds with, split at each `import()`) into a folder of its own, and in the same run a
 * baseline handler that uses only the DynamoDB client (bench/coldstart-baseline.ts) the same way. Then,
 * five rounds, each loading every function once in turn (interleaved, so a busy moment on the machine hits
 * all alike): a fresh process on the Lambda runtime's Node major, with the functions' NODE_OPTIONS and no
 * other setting, imports the entry `index.mjs`, which reads the chunks it imports statically and runs its
 * module-scope initialisation, and reports how long the import took (Node's own start-up excluded: it is
 * the same for every function). Each function's figure is its median; the ratio is against the baseline's
 * median. `start` is the size of what that import reads (the entry's static import closure), `later` the
 * size of the chunks only an `import()` reads, when it first runs (not timed here), and the packages named
 * are the heaviest at start. `rss` is the process's peak RSS once the entry is loaded: the floor of the
 * function's memory.
 * For the functions a person waits for (the link pages, the console) a second line, `<Function>+request`,
 * times the import and one representative request answered without the table (REQUESTS), so that work
 * put off to the first request (chunks it imports among it) is counted where that request needs it; its
 * ratio is against the same baseline figure. The summary line is of the imports alone.
 *
 * Usage: npm run bench:coldstart [-- --keep] [-- --only=Http,Console]
 * (--keep leaves the builds in place; --only measures those functions, and the baseline, alone)
 * The last line is the summary, e.g.
 * `coldstart: baseline=60ms worst=Http worst-ratio=1.40 median-ratio=1.20 largest-bundle=900KB`,
 * where largest-bundle is the largest `start` (static import closure) of the functions measured.
 * Targets (reported, never failed on): every function ≤ 1.5× the baseline, the link-page function ≤ 1.2×.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { ALL_FUNCTIONS, HTTP_FUNCTION } from '../functions/catalog';
import { codeOutputs, outputBytes, packageBytes, startClosure } from '../infra/bundle-contents';
import { ENTRY_FILE, esbuildOptions, FUNCTION_NODE_OPTIONS, handlerEntry, REPO_ROOT } from '../infra/constructs/bundling';

const RUNS = 5;
const TARGET = 1.5;
const LINK_PAGE_TARGET = 1.2;
const BASELINE = 'Baseline';

interface Built {
  id: string;
  /** The entry, `<outDir>/<id>/index.mjs`. */
  outfile: string;
  /** Bytes of the code read at start: the entry and the chunks it imports statically, transitively. */
  startBytes: number;
  /** Bytes of the other chunks: read only when an `import()` first asks for them. */
  laterBytes: number;
  /** The three largest packages read at start, for the per-function line. */
  heaviest: string;
}

/** The Lambda runtime's Node (the `node` package pinned in package.json) if installed, else this one. */
const NODE = ((): string => {
  const pinned = path.join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node');
  return existsSync(pinned) ? pinned : process.execPath;
})();

// With an event (argv[2]), the figure is the import and then one invocation with that event: the first
// request's own start-up work (what is loaded on first use) counts too. The result is the last line: the
// function's own log lines come before it.
const CHILD = `const t = performance.now(); const m = await import(process.argv[1]);
if (typeof m.handler !== 'function') throw new Error('no handler');
let status = '';
if (process.argv[2]) status = ' ' + (await m.handler(JSON.parse(process.argv[2]), { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 30000 })).statusCode;
const ms = performance.now() - t;
console.log('\\n' + ms.toFixed(2), Math.round(process.resourceUsage().maxRSS / 1024) + status);`;

/** A GET of `rawPath` as API Gateway (HTTP API, payload v2) delivers it. */
const get = (rawPath: string) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath,
  rawQueryString: '',
  headers: { host: 'bench.example.org' },
  isBase64Encoded: false,
  requestContext: { requestId: 'bench', http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'bench' } },
});

/**
 * One representative request per function a person waits for, answered without the table (so that the
 * figure is start-up, not a network round trip): a link whose token is not one of ours (the router, the
 * refusal's count and log line, the page), and the console's sign-in page.
 */
const REQUESTS: Record<string, { label: string; event: unknown }> = {
  Http: { label: 'GET /l/<unknown token>', event: get('/l/not-a-token') },
  Console: { label: 'GET /console/sign-in', event: get('/console/sign-in') },
};
/** The settings those requests read (the stack sets them in AWS). */
const REQUEST_ENV = { APP_URL: 'https://bench.example.org', TABLE_NAME: 'bench', AWS_REGION: 'eu-west-2', POWERTOOLS_LOG_LEVEL: 'WARN' };

async function bundle(id: string, entry: string, outDir: string): Promise<Built> {
  const { metafile } = await build(esbuildOptions(entry, path.join(outDir, id)));
  const atStart = startClosure(metafile);
  const startBytes = outputBytes(metafile, atStart);
  const heaviest = [...packageBytes(metafile, atStart)]
    .slice(0, 3)
    .map(([name, bytes]) => `${name}=${kb(bytes)}KB`)
    .join(' ');
  return { id, outfile: path.join(outDir, id, ENTRY_FILE), startBytes, laterBytes: outputBytes(metafile, codeOutputs(metafile)) - startBytes, heaviest };
}

/** Milliseconds a fresh process takes to import the entry `outfile`, and its peak RSS in MB once loaded. */
function loadOnce(outfile: string, event?: unknown): { ms: number; rssMB: number; status?: string } {
  const out = execFileSync(NODE, ['--input-type=module', '-e', CHILD, outfile, ...(event ? [JSON.stringify(event)] : [])], {
    cwd: path.dirname(outfile),
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: FUNCTION_NODE_OPTIONS, ...(event ? REQUEST_ENV : {}) },
    encoding: 'utf8',
  });
  const [ms, rssMB, status] = out.trim().split('\n').at(-1)!.split(' ');
  return { ms: Number(ms), rssMB: Number(rssMB), ...(status ? { status } : {}) };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kb = (bytes: number): number => Math.round(bytes / 1024);

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const functions = only ? ALL_FUNCTIONS.filter((spec) => only.includes(spec.id)) : ALL_FUNCTIONS;
  const outDir = mkdtempSync(path.join(tmpdir(), 'bench-coldstart-'));
  try {
    const built = await Promise.all([
      bundle(BASELINE, path.join(__dirname, 'coldstart-baseline.ts'), outDir),
      ...functions.map((spec) => bundle(spec.id, handlerEntry(spec.dir), outDir)),
    ]);
    const times = new Map<string, number[]>(built.map((b) => [b.id, []]));
    const rss = new Map<string, number>();
    const withRequest = built.filter((b) => REQUESTS[b.id]);
    const requestTimes = new Map<string, number[]>(withRequest.map((b) => [b.id, []]));
    const statuses = new Map<string, string>();
    // One throw-away load of each first: the disk cache is warm for every round alike.
    for (const b of built) loadOnce(b.outfile);
    for (let run = 0; run < RUNS; run += 1) {
      for (const b of built) {
        const { ms, rssMB } = loadOnce(b.outfile);
        times.get(b.id)!.push(ms);
        rss.set(b.id, Math.max(rss.get(b.id) ?? 0, rssMB));
      }
      for (const b of withRequest) {
        const { ms, status } = loadOnce(b.outfile, REQUESTS[b.id]!.event);
        requestTimes.get(b.id)!.push(ms);
        statuses.set(b.id, status ?? '?');
      }
    }

    const baseline = median(times.get(BASELINE)!);
    const rows = built.map((b) => ({ ...b, ms: median(times.get(b.id)!), ratio: median(times.get(b.id)!) / baseline }));
    for (const r of rows) {
      const target = r.id === BASELINE ? '' : r.id === HTTP_FUNCTION.id ? ` target=${LINK_PAGE_TARGET}` : ` target=${TARGET}`;
      console.log(
        `${r.id.padEnd(30)} ${r.ms.toFixed(0).padStart(4)}ms ratio=${r.ratio.toFixed(2)}${target} start=${kb(r.startBytes)}KB later=${kb(r.laterBytes)}KB rss=${rss.get(r.id)}MB  ${r.heaviest}`,
      );
    }
    // The same start and the first request's own work, against the same baseline (its import alone).
    for (const b of withRequest) {
      const ms = median(requestTimes.get(b.id)!);
      console.log(
        `${(b.id + '+request').padEnd(30)} ${ms.toFixed(0).padStart(4)}ms ratio=${(ms / baseline).toFixed(2)}  ${REQUESTS[b.id]!.label} → ${statuses.get(b.id)}`,
      );
    }
    const measured = rows.filter((r) => r.id !== BASELINE);
    const worst = measured.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    // The largest start closure: what the slowest-to-read function reads before its handler exists.
    const largest = Math.max(...measured.map((r) => r.startBytes));
    console.log(
      `coldstart: baseline=${baseline.toFixed(0)}ms worst=${worst.id} worst-ratio=${worst.ratio.toFixed(2)} ` +
        `median-ratio=${median(measured.map((r) => r.ratio)).toFixed(2)} largest-bundle=${kb(largest)}KB`,
    );
    if (keep) console.log(`builds kept in ${outDir}`);
  } finally {
    if (!keep) rmSync(outDir, { recursive: true, force: true });
  }
}

void main();

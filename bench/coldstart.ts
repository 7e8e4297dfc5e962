/**
 * Cold-start benchmark: how long does a fresh Node process take to load each function, against the floor?
 *
 * Builds every function of the catalog exactly as the stack does (infra/function-build.ts: esbuild split at
 * each `import()`, then Rollup's re-chunking) into a folder of its own, and in the same run a
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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median } from './median';
import { ALL_FUNCTIONS, HTTP_FUNCTION } from '../functions/catalog';
import { codeOutputs, outputBytes, packageBytes, startClosure } from '../infra/bundle-contents';
import { ENTRY_FILE, FUNCTION_NODE_OPTIONS, handlerEntry, PROJECT_NODE, REPO_ROOT } from '../infra/constructs/bundling';
import { buildFunction } from '../infra/function-build';

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
  /** The chunk each `import()` target became: its source module (relative to the repository) → file. */
  chunks: ReadonlyMap<string, string>;
}

// With an event (argv[2]), the figure is the import and then one invocation with that event: the first
// request's own start-up work (what is loaded on first use) counts too. With chunks (argv[3], a JSON list of
// files), the figure is the import and then the import of each: what an ordinary invocation loads on first use.
// The result is the last line: the function's own log lines come before it.
const CHILD = `const t = performance.now(); const m = await import(process.argv[1]);
if (typeof m.handler !== 'function') throw new Error('no handler');
let status = '';
if (process.argv[2]) status = ' ' + (await m.handler(JSON.parse(process.argv[2]), { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 30000 })).statusCode;
for (const chunk of JSON.parse(process.argv[3] ?? '[]')) await import(chunk);
const ms = performance.now() - t;
// Peak RSS from /proc (VmHWM, reset by exec): getrusage's maxRSS keeps the parent's peak across fork and exec.
let peakKB = process.resourceUsage().maxRSS;
try { peakKB = Number(/VmHWM:\\s+(\\d+)/.exec(process.getBuiltinModule('node:fs').readFileSync('/proc/self/status', 'utf8'))[1]); } catch {}
console.log('\\n' + ms.toFixed(2), Math.round(peakKB / 1024) + status);`;

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

/**
 * What an ordinary invocation of a task loads on first use, whatever its input: a library put off with
 * `import()` that the task needs every time (or nearly) moves its cost from the start to the first
 * invocation, not away. `<Function>+first-use` times the import and then those chunks, named by the source
 * module each `import()` loads, against the same baseline, so that the figure the README quotes for such
 * a task is its whole cold start, not the start alone.
 */
const FIRST_USE: Record<string, { label: string; modules: readonly string[] }> = {
  BuildBoardPack: { label: 'the pack builder (pdf-lib, fontkit)', modules: ['functions/shared/documents/board-pack/index.ts'] },
  PublishMinutes: {
    label: 'the minutes PDF, the follow-up calendar (GB), S3, SES, the MIME composer',
    modules: [
      'functions/shared/documents/minutes-pdf.ts',
      'node_modules/date-holidays-parser/src/index.js',
      'functions/shared/services/holiday-data.ts',
      'holiday-data:GB',
      'functions/shared/runtime/on-demand/s3.ts',
      'functions/shared/runtime/on-demand/ses.ts',
      'node_modules/nodemailer/dist/esm/mail-composer/index.js',
    ],
  },
  SendActionReminders: {
    label: 'the working calendar (GB), SES, the MIME composer',
    modules: [
      'node_modules/date-holidays-parser/src/index.js',
      'functions/shared/services/holiday-data.ts',
      'holiday-data:GB',
      'functions/shared/runtime/on-demand/ses.ts',
      'node_modules/nodemailer/dist/esm/mail-composer/index.js',
    ],
  },
  SendAgendaCall: {
    label: 'SES, the MIME composer, the invitation (ics)',
    modules: ['functions/shared/runtime/on-demand/ses.ts', 'node_modules/nodemailer/dist/esm/mail-composer/index.js', 'node_modules/ics/dist/index.js'],
  },
};

async function bundle(id: string, entry: string, outDir: string): Promise<Built> {
  const metafile = await buildFunction(entry, path.join(outDir, id));
  const atStart = startClosure(metafile);
  const startBytes = outputBytes(metafile, atStart);
  const heaviest = [...packageBytes(metafile, atStart)]
    .slice(0, 3)
    .map(([name, bytes]) => `${name}=${kb(bytes)}KB`)
    .join(' ');
  const chunks = new Map<string, string>();
  for (const [file, output] of Object.entries(metafile.outputs)) if (output.entryPoint) chunks.set(output.entryPoint, path.resolve(REPO_ROOT, file));
  return {
    id,
    outfile: path.join(outDir, id, ENTRY_FILE),
    startBytes,
    laterBytes: outputBytes(metafile, codeOutputs(metafile)) - startBytes,
    heaviest,
    chunks,
  };
}

/** Milliseconds a fresh process takes to import the entry `outfile`, and its peak RSS in MB once loaded. */
function loadOnce(outfile: string, event?: unknown, chunks: readonly string[] = []): { ms: number; rssMB: number; status?: string } {
  const args = [outfile, event ? JSON.stringify(event) : '', ...(chunks.length ? [JSON.stringify(chunks)] : [])];
  const out = execFileSync(PROJECT_NODE, ['--input-type=module', '-e', CHILD, ...args], {
    cwd: path.dirname(outfile),
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: FUNCTION_NODE_OPTIONS.join(' '), ...(event ? REQUEST_ENV : {}) },
    encoding: 'utf8',
  });
  const [ms, rssMB, status] = out.trim().split('\n').at(-1)!.split(' ');
  return { ms: Number(ms), rssMB: Number(rssMB), ...(status ? { status } : {}) };
}

/** The chunk files of {@link FIRST_USE}'s modules in `b`'s build; a module with no chunk is a stale table entry. */
function firstUseChunks(b: Built): string[] {
  return FIRST_USE[b.id]!.modules.map((module) => {
    const file = b.chunks.get(module);
    if (!file) throw new Error(`${b.id}: no chunk is loaded from ${module}; update FIRST_USE in bench/coldstart.ts`);
    return file;
  });
}

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
    // One build at a time: each holds its whole output in memory while Rollup re-chunks it.
    const sources = [
      { id: BASELINE, entry: path.join(__dirname, 'coldstart-baseline.ts') },
      ...functions.map((spec) => ({ id: spec.id, entry: handlerEntry(spec.dir) })),
    ];
    const built: Built[] = [];
    for (const [i, { id, entry }] of sources.entries()) {
      process.stderr.write(`building ${id} (${i + 1} of ${sources.length})\n`);
      built.push(await bundle(id, entry, outDir));
    }
    const times = new Map<string, number[]>(built.map((b) => [b.id, []]));
    const rss = new Map<string, number>();
    const withRequest = built.filter((b) => REQUESTS[b.id]);
    const requestTimes = new Map<string, number[]>(withRequest.map((b) => [b.id, []]));
    const statuses = new Map<string, string>();
    const withFirstUse = built.filter((b) => FIRST_USE[b.id]).map((b) => [b, firstUseChunks(b)] as const);
    const firstUseTimes = new Map<string, number[]>(withFirstUse.map(([b]) => [b.id, []]));
    const firstUseRss = new Map<string, number>();
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
      for (const [b, chunks] of withFirstUse) {
        const { ms, rssMB } = loadOnce(b.outfile, undefined, chunks);
        firstUseTimes.get(b.id)!.push(ms);
        firstUseRss.set(b.id, Math.max(firstUseRss.get(b.id) ?? 0, rssMB));
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
    for (const [b] of withFirstUse) {
      const ms = median(firstUseTimes.get(b.id)!);
      console.log(
        `${(b.id + '+first-use').padEnd(30)} ${ms.toFixed(0).padStart(4)}ms ratio=${(ms / baseline).toFixed(2)} rss=${firstUseRss.get(b.id)}MB  ${FIRST_USE[b.id]!.label}`,
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

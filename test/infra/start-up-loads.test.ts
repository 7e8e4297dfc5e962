import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_FUNCTIONS, CONSOLE_FUNCTION, HTTP_FUNCTION, INBOUND_FUNCTION, TASK_FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { outputBytes, packageBytes, packageOf, packagesLoadedAtStart, startClosure } from '../../infra/bundle-contents';
import { REPO_ROOT } from '../../infra/constructs/bundling';
import { bundleWithMetafile, COUNTS_WORKING_DAYS } from './bundle';

jest.setTimeout(180_000);
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-start-'));
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

/**
 * What a function evaluates when it starts: the packages in its entry's static import closure, in the
 * build the stack deploys (split at each `import()`, so what is loaded on first use sits in chunks that
 * are read only when their `import()` runs).
 */
function loadedAtStart(spec: FunctionSpec): Set<string> {
  return packagesLoadedAtStart(bundleWithMetafile(spec, OUT).metafile);
}

const SENDER = TASK_FUNCTIONS.find((s) => s.id === 'SendAgendaCall')!;

describe('what a function loads when it starts', () => {
  // The X-Ray SDK (through Powertools' tracer) only where it traces, on the first invocation in Lambda;
  // nodemailer's MIME composer with the first email; pdf-lib, docx and mammoth with the first file.
  const LATER = ['aws-xray-sdk-core', '@aws-lambda-powertools/tracer', 'nodemailer', '@cantoo/pdf-lib', 'docx', 'mammoth'];

  it.each([HTTP_FUNCTION, CONSOLE_FUNCTION])('$id loads no tracer, mail composer or document library at start', (spec) => {
    const loaded = loadedAtStart(spec);
    expect(loaded.has('@aws-lambda-powertools/logger')).toBe(true);
    expect(LATER.filter((name) => loaded.has(name))).toEqual([]);
  });

  it('a task that sends loads its tracer and mail composer on first use too', () => {
    const loaded = loadedAtStart(SENDER);
    expect(loaded.has('@aws-sdk/client-dynamodb')).toBe(true);
    expect(['aws-xray-sdk-core', '@aws-lambda-powertools/tracer', 'nodemailer', '@aws-sdk/client-sesv2'].filter((name) => loaded.has(name))).toEqual([]);
  });
});

/** The source files and packages a function's handler evaluates when it starts, in the deployed split build. */
function modulesLoadedAtStart(spec: FunctionSpec): { files: string[]; packages: Set<string> } {
  const { metafile } = bundleWithMetafile(spec, OUT);
  const files = new Set<string>();
  for (const file of startClosure(metafile)) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[file]?.inputs ?? {})) if (bytesInOutput > 0) files.add(input);
  }
  const packages = new Set([...files].map(packageOf).filter((name) => name !== undefined));
  return { files: [...files].filter((file) => file.startsWith('functions/')), packages };
}

describe('what the link pages and the console load before they know the request', () => {
  // Used by one purpose or page, or only when a file is stored, an email sent, a wait resumed, a meeting scheduled.
  const ON_FIRST_CALL = ['@aws-sdk/client-s3', '@aws-sdk/s3-presigned-post', '@aws-sdk/client-sesv2', '@aws-sdk/client-sfn', '@aws-sdk/client-scheduler'];

  it.each([HTTP_FUNCTION, CONSOLE_FUNCTION])('$id loads no SDK other than DynamoDB, and no page, at start', (spec) => {
    const { files, packages } = modulesLoadedAtStart(spec);
    expect(files).toContain(`functions/${spec.dir}/app.ts`);
    expect(packages.has('@aws-sdk/client-dynamodb')).toBe(true);
    expect(ON_FIRST_CALL.filter((name) => packages.has(name))).toEqual([]);
    const pages = files.filter((file) => /^functions\/http\/links\/[^/]+\/(page|core)\.ts$/.test(file) || /^functions\/http\/public-/.test(file));
    expect(pages).toEqual([]);
  });

  it('Console loads no page of its own at start, only the route table, the router and the session check', () => {
    const { files } = modulesLoadedAtStart(CONSOLE_FUNCTION);
    const console = files.filter((file) => file.startsWith('functions/console/'));
    expect(console).toContain('functions/console/auth/session.ts');
    expect(
      console.filter(
        (file) =>
          !/^functions\/console\/([a-z-]+\/routes|routes|app|handler|request|layout|types|on-first-use|auth\/(session|policy|principal))\.ts$/.test(file),
      ),
    ).toEqual([]);
  });
});

describe('the DynamoDB adapters and services the link pages and the console use only sometimes', () => {
  // Each is loaded by the first call of its port (runtime/on-first-use.ts) or by the page that uses it.
  const SOMETIMES = [
    'functions/shared/adapters/dynamodb/dynamo-action-repository.ts',
    'functions/shared/adapters/dynamodb/dynamo-wait-repository.ts',
    'functions/shared/adapters/dynamodb/dynamo-outbox.ts',
    'functions/shared/adapters/dynamodb/dynamo-send-rate-limiter.ts',
    'functions/shared/adapters/dynamodb/dynamo-sign-in-repository.ts',
    'functions/shared/adapters/dynamodb/dynamo-security-log.ts',
    'functions/shared/adapters/dynamodb/dynamo-interest-repository.ts',
    'functions/shared/services/send-once.ts',
    'functions/shared/services/send-rate.ts',
    'functions/shared/services/callbacks.ts',
    'functions/shared/validation/zod.ts',
  ];

  it.each([
    [HTTP_FUNCTION.id, HTTP_FUNCTION, ['functions/shared/adapters/dynamodb/dynamo-session-repository.ts']],
    [CONSOLE_FUNCTION.id, CONSOLE_FUNCTION, ['functions/shared/adapters/dynamodb/dynamo-link-repository.ts']],
  ])('%s loads none of them at start, nor zod', (_id, spec, alsoLater) => {
    const { files, packages } = modulesLoadedAtStart(spec);
    expect([...SOMETIMES, ...alsoLater].filter((file) => files.includes(file))).toEqual([]);
    expect(packages.has('zod')).toBe(false);
  });

  it.each([
    [HTTP_FUNCTION.id, HTTP_FUNCTION, 'dynamo-link-repository.ts'],
    [CONSOLE_FUNCTION.id, CONSOLE_FUNCTION, 'dynamo-session-repository.ts'],
  ])('%s loads at start the adapter it reads on every request', (_id, spec, adapter) => {
    expect(modulesLoadedAtStart(spec).files).toContain(`functions/shared/adapters/dynamodb/${adapter}`);
  });
});

/**
 * How much more than the DynamoDB-only baseline (bench/coldstart-baseline.ts, built the same way) a function
 * reads at start, in KB. The link pages' allowance holds the document client (lib-dynamodb, util-dynamodb,
 * ~14 KB), Powertools' logger and metrics with middy (~38 KB, used by every request), the DynamoDB commands the
 * baseline does not send (~5 KB), and the router with the link, board and cycle adapters, the link rules, the
 * refusal pages and the date formats (~51 KB), with ~15 KB to spare: zod (~21 KB), the other DynamoDB adapters
 * with send-once (~23 KB), or the SDK's XML and query protocols placed at start again (~18 KB) would exceed it.
 * The console's adds its route table, session check and layout.
 */
const ALLOWANCE_KB: [string, FunctionSpec, number][] = [
  [HTTP_FUNCTION.id, HTTP_FUNCTION, 130],
  [CONSOLE_FUNCTION.id, CONSOLE_FUNCTION, 140],
];

describe('how much a request-serving function reads at start', () => {
  const startBytes = (spec: Pick<FunctionSpec, 'dir'>, entry?: string): number => {
    const { metafile } = bundleWithMetafile(spec, OUT, entry);
    return outputBytes(metafile, startClosure(metafile));
  };

  it.each(ALLOWANCE_KB)('%s reads at most its allowance (KB) more than the DynamoDB-only baseline', (_id, spec, allowanceKb) => {
    const baseline = startBytes({ dir: 'coldstart-baseline' }, path.join(REPO_ROOT, 'bench/coldstart-baseline.ts'));
    expect(baseline).toBeGreaterThan(100 * 1024);
    expect(Math.round((startBytes(spec) - baseline) / 1024)).toBeLessThanOrEqual(allowanceKb);
  });
});

describe('how many files a function reads at start', () => {
  // Node pays for each module file it loads (resolve, read, source map, compile, link), whatever its size:
  // esbuild alone left the link pages' start spread over 34 files. Rollup's pass (infra/function-build.ts)
  // gathers it into the entry's chunk, which `index.mjs` re-exports.
  it.each(ALL_FUNCTIONS.map((spec) => [spec.id, spec] as const))('%s reads two: index.mjs and the chunk it re-exports', (_id, spec) => {
    const { metafile } = bundleWithMetafile(spec, OUT);
    const [entry, ...rest] = startClosure(metafile);
    expect(path.basename(entry!)).toBe('index.mjs');
    expect(rest.map((file) => path.basename(path.dirname(file)))).toEqual(['chunks']);
    expect(metafile.outputs[entry!]!.bytes).toBeLessThan(100);
  });
});

describe('the SDK code only the S3 and SES chunks use', () => {
  // The XML and query protocols (S3, SES) and S3's checksum streams reach the DynamoDB client's files only
  // through the SDK's barrels; infra/constructs/flat-barrels.ts keeps them with the chunks that use them.
  const ONLY_IN_CHUNKS = /node_modules\/@(?:aws-sdk|smithy)\/core\/dist-es\/submodules\/(?:protocols\/(?:xml|query)|serde\/util-stream\/checksum)\//;
  const USING_S3_OR_SES = ALL_FUNCTIONS.filter((s) => ['Http', 'Console', 'InboundMail', 'PublishMinutes'].includes(s.id));

  it.each(USING_S3_OR_SES.map((spec) => [spec.id, spec] as const))('%s carries it in a chunk, not at start', (_id, spec) => {
    const { metafile } = bundleWithMetafile(spec, OUT);
    const inputsOf = (files: string[]) => files.flatMap((file) => Object.keys(metafile.outputs[file]?.inputs ?? {}));
    const start = startClosure(metafile);
    const later = Object.keys(metafile.outputs).filter((file) => file.endsWith('.mjs') && !start.includes(file));
    expect(inputsOf(later).filter((input) => ONLY_IN_CHUNKS.test(input)).length).toBeGreaterThan(0);
    expect(inputsOf(start).filter((input) => ONLY_IN_CHUNKS.test(input))).toEqual([]);
    expect(packagesLoadedAtStart(metafile).has('@aws-sdk/xml-builder')).toBe(false);
  });
});

describe('a task that needs a document or mail library only sometimes', () => {
  // pdf-lib (with fontkit, pako, html-entities), docx, mammoth, mailparser (with iconv-lite, libmime) and ics (with
  // yup): loaded when a pack or PDF is made, a message read or an invitation built, not when the function starts.
  const DOCUMENT_LIBRARIES = [
    '@cantoo/pdf-lib',
    '@pdf-lib/fontkit',
    'pako',
    'html-entities',
    'docx',
    'mammoth',
    'mailparser',
    'iconv-lite',
    'libmime',
    'ics',
    'yup',
  ];
  const TASKS = ['BuildBoardPack', 'PublishMinutes', 'WaitForChairApproval', 'SendSupplementaryCirculation', 'CirculatePapers'];

  it.each([...TASKS.map((id) => TASK_FUNCTIONS.find((s) => s.id === id)!), INBOUND_FUNCTION])('$id loads none of them at start', (spec) => {
    const loaded = loadedAtStart(spec);
    expect(loaded.has('@aws-lambda-powertools/logger')).toBe(true);
    expect(DOCUMENT_LIBRARIES.filter((name) => loaded.has(name))).toEqual([]);
  });
});

describe('what a task that sends loads of the email templates', () => {
  it('SendAgendaCall carries its own template, not every kind of email in the registry', () => {
    const templates = modulesLoadedAtStart(SENDER).files.filter((file) => file.startsWith('functions/emails/'));
    expect(templates).toContain('functions/emails/agenda-call.ts');
    expect(templates).not.toContain('functions/emails/quorum-warning.ts');
    expect(templates).not.toContain('functions/emails/minutes-published.ts');
  });
});

describe('the working calendar', () => {
  /** date-holidays' parser and what only it pulls in: about 1.1 MB of a bundle (the rules come a country at a time). */
  const CALENDAR_LIBRARIES = ['date-holidays-parser', 'moment-timezone', 'astronomia'];
  const COUNTING = ALL_FUNCTIONS.filter((s) => COUNTS_WORKING_DAYS.includes(s.id));

  it.each(COUNTING.map((spec) => [spec.id, spec] as const))('is in %s’s bundle, in a chunk read on first use, not at start', (_id, spec) => {
    const { metafile } = bundleWithMetafile(spec, OUT);
    const bundled = new Set(packageBytes(metafile).keys());
    expect(CALENDAR_LIBRARIES.filter((name) => bundled.has(name))).toEqual(CALENDAR_LIBRARIES);
    const atStart = packagesLoadedAtStart(metafile);
    expect(CALENDAR_LIBRARIES.filter((name) => atStart.has(name))).toEqual([]);
  });
});

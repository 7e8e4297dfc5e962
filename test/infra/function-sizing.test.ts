import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { ALL_FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { packageBytes } from '../../infra/bundle-contents';
import { CONTEXT_KEYS, createApp } from '../../infra/create-app';
import { bundleWithMetafile, COUNTS_WORKING_DAYS } from './bundle';

jest.setTimeout(180_000);
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-sizing-'));
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

// Bundling skipped for the template (memory is a property of the function, not of its code); an inbound
// domain so that every function of the catalog is deployed.
const CONTEXT = {
  'aws:cdk:bundling-stacks': [],
  [CONTEXT_KEYS.senderEmail]: 'secretariat@example.org',
  [CONTEXT_KEYS.inboundDomain]: 'replies.example.org',
};

describe('each function’s memory', () => {
  it('is the catalog’s choice, for every function the stack deploys', () => {
    const built = createApp({ context: CONTEXT });
    const assembly = built.app.synth();
    const template = Template.fromJSON(assembly.getStackArtifact(built.stack.artifactId).template as Record<string, unknown>);
    const deployed = Object.values(template.findResources('AWS::Lambda::Function'))
      .map((r) => r.Properties as { Description?: string; MemorySize?: number })
      .filter((p) => p.Description?.startsWith('meeting-cycle '));
    const memoryOf = Object.fromEntries(deployed.map((p) => [p.Description!.slice('meeting-cycle '.length), p.MemorySize]));
    expect(memoryOf).toEqual(Object.fromEntries(ALL_FUNCTIONS.map((spec) => [spec.id, spec.memoryMB])));
  });
});

/**
 * The libraries only some functions use, and which functions those are. A library in a bundle it is not
 * allowed in means an import reaches it that the function never needs (a shared module, a port's adapter
 * wired in for everyone). A library counts as bundled if any file of the function's build carries it, the
 * entry or a chunk loaded on first use: a chunk nothing should ever load is still an import to remove.
 */
const OWN_LIBRARIES: readonly { library: string; in: (spec: FunctionSpec) => boolean }[] = [
  // The board pack and minutes PDFs; the link pages and console check uploads and make minutes files on demand.
  {
    library: '@cantoo/pdf-lib',
    in: (s) => ['BuildBoardPack', 'SendSupplementaryCirculation', 'WaitForChairApproval', 'PublishMinutes', 'Http', 'Console'].includes(s.id),
  },
  { library: 'docx', in: (s) => ['Http', 'Console'].includes(s.id) },
  { library: 'mammoth', in: (s) => ['Http', 'Console'].includes(s.id) },
  { library: 'mailparser', in: (s) => s.id === 'InboundMail' },
  // Working days (COUNTS_WORKING_DAYS says which functions count them).
  { library: 'date-holidays-parser', in: (s) => COUNTS_WORKING_DAYS.includes(s.id) },
  // date-holidays itself is every country's rules in one module: the bundles take them a country at a time
  // (infra/constructs/holiday-data.ts), and give them to the parser.
  { library: 'date-holidays', in: () => false },
  // Each port's SDK client only where the function has the grant that port needs.
  { library: '@aws-sdk/client-s3', in: (s) => s.needs.documents !== undefined || s.id === 'Console' },
  { library: '@aws-sdk/client-sesv2', in: (s) => s.needs.mail === true },
  { library: '@aws-sdk/client-scheduler', in: (s) => s.needs.scheduler === true },
];

describe('each function’s bundle', () => {
  it.each(ALL_FUNCTIONS.map((spec) => [spec.id, spec] as const))('%s carries no library it does not use', (_id, spec) => {
    const carried = new Set(packageBytes(bundleWithMetafile(spec, OUT).metafile).keys());
    const unexpected = OWN_LIBRARIES.filter((l) => !l.in(spec) && carried.has(l.library)).map((l) => l.library);
    expect(unexpected).toEqual([]);
    // Every function reads and writes the table, so the floor is there in each.
    expect(carried.has('@aws-sdk/client-dynamodb')).toBe(true);
  });
});

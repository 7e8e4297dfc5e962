import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONSOLE_FUNCTION, HTTP_FUNCTION, TASK_FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { INBOUND_FUNCTION } from '../../functions/catalog';
import { packagesLoadedAtStart } from '../../infra/bundle-contents';
import { bundleWithMetafile } from './bundle';

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
    expect(loaded.has('@aws-sdk/client-sesv2')).toBe(true);
    expect(['aws-xray-sdk-core', '@aws-lambda-powertools/tracer', 'nodemailer'].filter((name) => loaded.has(name))).toEqual([]);
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

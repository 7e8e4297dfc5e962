import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TASK_FUNCTIONS } from '../../functions/catalog';
import { extractLines } from '../support/pdf-parse';
import { codeOutputs } from '../../infra/bundle-contents';
import { REPO_ROOT } from '../../infra/constructs/bundling';
import { bundleFunction, bundleWithMetafile } from './bundle';

jest.setTimeout(120_000);
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-bundle-font-'));
const ROOT = path.join(__dirname, '..', '..');

afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

const fontsBeside = (outfile: string): string[] => fs.readdirSync(path.dirname(outfile)).filter((f) => f.endsWith('.ttf'));

/**
 * The font the PDFs draw names with must reach the Lambda: esbuild copies it beside the bundle's entry,
 * and the bundled code must find it there, with no node_modules and no repository around it, from the
 * chunk it is in (`import()`ed, as a function that draws only sometimes loads it) as well as from the entry.
 */
describe('the PDF font in the Lambda bundles', () => {
  it('draws "Ольга" from a bundle that has only its own files beside it, from a chunk', async () => {
    const entry = path.join(OUT, 'entry.ts');
    const source = (name: string) => JSON.stringify(path.join(ROOT, 'functions/shared/documents', name));
    fs.writeFileSync(
      entry,
      [
        `export const minutesPdf = async (...a) => (await import(${source('minutes-pdf')})).minutesPdf(...a);`,
        `export const buildBoardPack = async (...a) => (await import(${source('board-pack')})).buildBoardPack(...a);`,
      ].join('\n'),
    );
    const { outfile, metafile } = bundleWithMetafile({ dir: 'pdf-entry' }, OUT, entry);
    expect(fontsBeside(outfile).length).toBeGreaterThanOrEqual(2);
    // What reads the font is in a chunk (chunks/), so it finds the copy one folder up, not beside itself.
    const readers = Object.entries(metafile.outputs).filter(([, o]) => Object.keys(o.inputs).some((i) => i.endsWith('documents/pdf-fonts.ts')));
    expect(readers.map(([file]) => path.basename(path.dirname(file)))).toEqual(['chunks']);
    // The bundle names the font files; their bytes (raw or base64) stay out of the code every cold start parses.
    const probe = fs.readFileSync(path.join(ROOT, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')).subarray(99_999, 99_999 + 48);
    for (const file of codeOutputs(metafile)) {
      const code = fs.readFileSync(path.resolve(REPO_ROOT, file));
      expect(code.includes(probe)).toBe(false);
      expect(code.includes(Buffer.from(probe.toString('base64')))).toBe(false);
    }

    const script = `
      const m = await import(${JSON.stringify(outfile)});
      const minutes = await m.minutesPdf({ title: 'Ольга', text: 'Ольга Смирнова', approvalStatement: 'Approved.' });
      const pack = await m.buildBoardPack({ boardName: 'Łukasz', meetingWhen: 'Nguyễn', venue: 'Γεώργιος', items: [], audience: 'members' });
      console.log(JSON.stringify([Buffer.from(minutes).toString('base64'), Buffer.from(pack.pdf).toString('base64')]));`;
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: OUT,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const [minutes, pack] = (JSON.parse(printed.trim().split('\n').pop()!) as string[]).map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));
    expect(await extractLines(minutes!)).toContain('Ольга Смирнова');
    expect(await extractLines(pack!)).toEqual(expect.arrayContaining(['Łukasz', 'Nguyễn', 'Γεώργιος']));
  });

  it('copies the font beside the functions that draw PDFs only', () => {
    const dirs = ['build-board-pack', 'publish-minutes', 'send-agenda-call'];
    const copied = Object.fromEntries(
      TASK_FUNCTIONS.filter((spec) => dirs.includes(spec.dir)).map((spec) => [spec.dir, fontsBeside(bundleFunction(spec, OUT)).length > 0]),
    );
    expect(copied).toEqual({ 'build-board-pack': true, 'publish-minutes': true, 'send-agenda-call': false });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import { ALL_FUNCTIONS } from '../../functions/catalog';
import { packageOf, packagesLoadedAtStart } from '../../infra/bundle-contents';
import { esbuildOptions, handlerEntry, REPO_ROOT } from '../../infra/constructs/bundling';

jest.setTimeout(300_000);
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-calendar-'));
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

/** date-holidays and what only it pulls in: about 1.5 MB of a bundle. */
const CALENDAR_LIBRARIES = ['date-holidays', 'date-holidays-parser', 'moment-timezone', 'astronomia'];

/** The functions that count working days (function-sizing.test.ts lists the same as carrying date-holidays). */
const COUNTING = ALL_FUNCTIONS.filter((s) => ['SendActionReminders', 'PublishMinutes', 'Http', 'Console', 'InboundMail'].includes(s.id));

describe('the working calendar', () => {
  it.each(COUNTING.map((spec) => [spec.id, spec] as const))('is in %s’s bundle, in a chunk read on first use, not at start', (_id, spec) => {
    const entry = handlerEntry(spec.dir);
    const { outfile: _outfile, ...options } = esbuildOptions(entry, path.join(OUT, spec.dir, 'index.mjs'));
    const { metafile }: { metafile: Metafile } = buildSync({ ...options, outdir: path.join(OUT, spec.dir), splitting: true, write: false });
    const bundled = new Set(Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs).map(packageOf)));
    expect(CALENDAR_LIBRARIES.filter((name) => bundled.has(name))).toEqual(CALENDAR_LIBRARIES);
    const atStart = packagesLoadedAtStart(metafile, path.relative(REPO_ROOT, entry));
    expect(CALENDAR_LIBRARIES.filter((name) => atStart.has(name))).toEqual([]);
  });
});

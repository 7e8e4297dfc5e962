import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { ALL_FUNCTIONS } from '../../functions/catalog';
import type { HolidayRegion } from '../../functions/shared/domain/calendar';
import { loadWorkingCalendar } from '../../functions/shared/services/working-calendar';
import { bundleWithMetafile, COUNTS_WORKING_DAYS } from './bundle';

jest.setTimeout(180_000);
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-holiday-data-'));
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

const ROOT = path.join(__dirname, '..', '..');
const REGIONS: HolidayRegion[] = [{ country: 'GB' }, { country: 'GB', state: 'SCT' }, { country: 'DE', state: 'BY' }, { country: 'US' }, { country: 'FR' }];

/** Every holiday of 2026 and 2027 in a region, as the calendar names them: `[date, name]`. */
const HOLIDAYS_SCRIPT = (load: string, regions: HolidayRegion[]) => `
  const { loadWorkingCalendar } = await import(${JSON.stringify(load)});
  const out = {};
  for (const region of ${JSON.stringify(regions)}) {
    const calendar = await loadWorkingCalendar(region);
    const days = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 86400000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const name = calendar.holidayOn(date);
      if (name) days.push([date, name]);
    }
    out[region.country + '/' + (region.state ?? '')] = days;
  }
  console.log(JSON.stringify(out));`;

/** Runs the script in a bare Node process beside the bundle: no node_modules, no repository. */
const run = (script: string): Record<string, [string, string][]> =>
  JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: OUT, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1)!,
  );

/** The chunks of one country's rules (`holiday-data:GB`) in a build, by country. */
function countryChunks(metafile: Metafile): Map<string, { file: string; bytes: number }> {
  const chunks = new Map<string, { file: string; bytes: number }>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    const country = /^holiday-data:([A-Z]{2})$/.exec(output.entryPoint ?? '')?.[1];
    if (country) chunks.set(country, { file: path.resolve(ROOT, file), bytes: output.bytes });
  }
  return chunks;
}

/**
 * Holiday rules a country at a time (infra/constructs/holiday-data.ts): a bundle reads the rules of the
 * countries its boards are in, not every country's, and counts the same holidays as the sources do.
 */
describe('holiday rules in the Lambda bundles', () => {
  const entry = path.join(OUT, 'calendar-entry.ts');
  fs.writeFileSync(entry, `export { loadWorkingCalendar } from ${JSON.stringify(path.join(ROOT, 'functions/shared/services/working-calendar'))};`);

  it('gives the same holidays as the sources, for countries and their states', async () => {
    const { outfile } = bundleWithMetafile({ dir: 'calendar' }, OUT, entry);
    const expected: Record<string, [string, string][]> = {};
    for (const region of REGIONS) {
      const calendar = await loadWorkingCalendar(region);
      const days: [string, string][] = [];
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        const name = calendar.holidayOn(date);
        if (name) days.push([date, name]);
      }
      expected[`${region.country}/${region.state ?? ''}`] = days;
    }
    expect(expected['GB/']).toContainEqual(['2026-12-25', 'Christmas Day']);
    expect(run(HOLIDAYS_SCRIPT(outfile, REGIONS))).toEqual(expected);
  });

  it('reads only the rules of the country it counts for', () => {
    const { outdir, metafile } = bundleWithMetafile({ dir: 'calendar' }, OUT, entry);
    const chunks = countryChunks(metafile);
    expect(chunks.size).toBeGreaterThan(150);
    expect(chunks.get('GB')!.bytes).toBeLessThan(10 * 1024);
    expect(Object.keys(metafile.inputs).filter((input) => input.includes('node_modules/date-holidays/'))).toEqual([]);
    // A copy of the bundle with every other country's rules gone still counts Great Britain's holidays.
    const copy = path.join(OUT, 'gb-only');
    fs.cpSync(outdir, copy, { recursive: true });
    for (const [country, { file }] of chunks) if (country !== 'GB') fs.rmSync(path.join(copy, path.relative(outdir, file)));
    const gb = run(HOLIDAYS_SCRIPT(path.join(copy, 'index.mjs'), [{ country: 'GB' }]));
    expect(gb['GB/']).toContainEqual(['2027-12-25', 'Christmas Day']);
    expect(() => run(HOLIDAYS_SCRIPT(path.join(copy, 'index.mjs'), [{ country: 'FR' }]))).toThrow();
  });

  it('come a country at a time in every function that counts working days', () => {
    const counting = ALL_FUNCTIONS.filter((s) => COUNTS_WORKING_DAYS.includes(s.id));
    for (const spec of counting)
      expect({ id: spec.id, countries: countryChunks(bundleWithMetafile(spec, OUT).metafile).has('GB') }).toEqual({ id: spec.id, countries: true });
  });
});

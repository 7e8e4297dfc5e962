import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import type { HolidaysData } from 'date-holidays/data';

/**
 * Holiday rules per country in the Lambda bundles. date-holidays keeps every country's rules in one module
 * (~390 KB), which a function would read whole to count one board's working days. This plugin replaces
 * functions/shared/services/holiday-data.ts in a bundle with a table of `import()`s, one per country, each
 * a module of that country's rules (`holiday-data:GB`) that imports the holiday names they share
 * (`holiday-data:names`). Each becomes a chunk, so a function reads the names and its boards' countries
 * only. The rules are date-holidays' own, read when the bundle is built: they cannot drift from the package.
 */
export const HOLIDAY_DATA_MODULE = path.join('functions', 'shared', 'services', 'holiday-data.ts');

const NAMESPACE = 'holiday-data';
const NAMES = 'names';

/** date-holidays' rules, as the installed package has them. */
const rules = (): HolidaysData => (createRequire(__filename)('date-holidays/data') as { data: HolidaysData }).data;

/** The module replacing holiday-data.ts: its `countryHolidayData`, from one chunk per country. */
export function countryTable(countries: readonly string[]): string {
  const rows = countries.map((country) => `  ${JSON.stringify(country)}: () => import(${JSON.stringify(`${NAMESPACE}:${country}`)}),`);
  return [
    'const COUNTRIES = {',
    ...rows,
    '};',
    'export async function countryHolidayData(country) {',
    '  if (!Object.hasOwn(COUNTRIES, country)) throw new Error(`date-holidays has no rules for ${country}`);',
    '  return (await COUNTRIES[country]()).default;',
    '}',
  ].join('\n');
}

/** A country's module: what holiday-data.ts gives for it from the sources, the names imported from their own chunk. */
export function countryModule(data: HolidaysData, country: string): string {
  const { version, license } = data;
  return [
    `import names from ${JSON.stringify(`${NAMESPACE}:${NAMES}`)};`,
    `export default { version: ${JSON.stringify(version)}, license: ${JSON.stringify(license)}, names, holidays: { ${JSON.stringify(country)}: ${JSON.stringify(data.holidays[country])} } };`,
  ].join('\n');
}

export const holidayData: Plugin = {
  name: 'holiday-data',
  setup(build) {
    const root = build.initialOptions.absWorkingDir ?? process.cwd();
    const replaced = path.join(root, HOLIDAY_DATA_MODULE);
    let data: HolidaysData | undefined;
    const load = (): HolidaysData => (data ??= rules());
    build.onLoad({ filter: /[\\/]holiday-data\.ts$/ }, (args) =>
      args.path === replaced ? { contents: countryTable(Object.keys(load().holidays)), loader: 'js', resolveDir: path.dirname(args.path) } : undefined,
    );
    build.onResolve({ filter: new RegExp(`^${NAMESPACE}:`) }, (args) => ({ path: args.path.slice(NAMESPACE.length + 1), namespace: NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: args.path === NAMES ? `export default ${JSON.stringify(load().names)};` : countryModule(load(), args.path),
      loader: 'js',
    }));
  },
};

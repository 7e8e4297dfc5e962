import fs from 'node:fs';
import path from 'node:path';

/** Test data kept in the repository (test/fixtures/), each folder with a SOURCES.md naming where it came from. */
export const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

export function fixturePath(relative: string): string {
  const full = path.join(FIXTURES, relative);
  if (!fs.existsSync(full)) throw new Error(`Fixture ${relative} is missing (looked in ${FIXTURES}).`);
  return full;
}

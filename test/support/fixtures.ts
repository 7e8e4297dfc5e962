import fs from 'node:fs';
import path from 'node:path';

/** The product side's shared fixtures, next to the repository; fails clearly if they are absent. */
export const SHARED_FIXTURES = path.resolve(__dirname, '..', '..', '..', 'shared', 'fixtures');

export function fixturePath(relative: string): string {
  const full = path.join(SHARED_FIXTURES, relative);
  if (!fs.existsSync(full)) {
    throw new Error(`Fixture ${relative} is missing: these tests read ../shared/fixtures/ beside the repository (looked in ${SHARED_FIXTURES}).`);
  }
  return full;
}

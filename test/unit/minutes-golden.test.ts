/**
 * What everything that reads minutes text makes of each minutes fixture, compared byte for byte with a golden
 * file, so that a change to the parser which changes any output (a flag's wording, a key's order, a line number
 * of the outline) fails here even where the hand-written tests look at other parts.
 *
 * Golden files are test/fixtures/minutes-golden/<fixture>.<function>.json, `JSON.stringify(result, null, 2)`
 * with no trailing newline. They are never written during `npm test`. When a change of output is intended, rewrite
 * them on purpose and review the diff before committing it:
 *
 *   UPDATE_GOLDEN=1 npx jest test/unit/minutes-golden.test.ts --selectProjects unit
 */
import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../functions/shared/domain/errors';
import { extractActions } from '../../functions/shared/domain/minutes';
import { outlineMinutes, parseMinutes } from '../../functions/shared/minutes';
import { nextMeetingInMinutes } from '../../functions/shared/domain/next-meeting';
import { FIXTURES } from '../support/fixtures';

/** Every exported function that takes minutes text alone and returns what it read. */
const READERS: Record<string, (text: string) => unknown> = { parseMinutes, outlineMinutes, extractActions, nextMeetingInMinutes };

const GOLDEN = path.join(FIXTURES, 'minutes-golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
if (UPDATE) fs.mkdirSync(GOLDEN, { recursive: true });

const fixtures = ['minutes', 'minutes-other'].flatMap((dir) =>
  fs
    .readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f.replace(/\.txt$/, ''), text: fs.readFileSync(path.join(FIXTURES, dir, f), 'utf8') })),
);

/** The fixtures, and the LCRB ones as the other tests vary them: Windows line endings, and .docx text (a blank line after every line). */
const cases = [
  ...fixtures,
  ...fixtures
    .filter((f) => f.name.startsWith('lcrb-'))
    .flatMap((f) => [
      { name: `${f.name}.crlf`, text: f.text.replace(/\n/g, '\r\n') },
      { name: `${f.name}.doubled`, text: f.text.split('\n').join('\n\n') },
    ]),
];

/** A refusal is an output too: a ValidationError is recorded by its message. */
function outcome(read: (text: string) => unknown, text: string): unknown {
  try {
    return read(text);
  } catch (err) {
    if (err instanceof ValidationError) return { throws: 'ValidationError', message: err.message };
    throw err;
  }
}

const goldenName = (fixture: string, fn: string) => `${fixture}.${fn}.json`;

describe.each(cases)('$name', ({ name, text }) => {
  it.each(Object.keys(READERS))('%s gives its golden output', (fn) => {
    const actual = JSON.stringify(outcome(READERS[fn]!, text), null, 2);
    const file = path.join(GOLDEN, goldenName(name, fn));
    if (UPDATE) fs.writeFileSync(file, actual);
    if (!fs.existsSync(file)) throw new Error(`No golden file ${path.relative(process.cwd(), file)}: see the header of this test for how to write it.`);
    expect(actual).toBe(fs.readFileSync(file, 'utf8'));
  });
});

it('has no golden file without a case (a fixture renamed or removed)', () => {
  const expected = cases.flatMap(({ name }) => Object.keys(READERS).map((fn) => goldenName(name, fn)));
  const present = fs.readdirSync(GOLDEN).filter((f) => f.endsWith('.json'));
  expect(present.filter((f) => !expected.includes(f))).toEqual([]);
});

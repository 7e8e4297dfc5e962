/**
 * Whatever text arrives (a pasted or uploaded minutes file, a form body, a CSV, an email reply), what reads it
 * answers or refuses with one of the project's named errors, never a TypeError or RangeError, and takes time
 * that grows in proportion to the text: a reader that is quadratic on some run of characters lets one
 * request hold a Lambda past API Gateway's 29 seconds.
 */
import fc from 'fast-check';
import { checkMembersCsv } from '../../functions/admin/members';
import { parseMultipart } from '../../functions/console/boards/multipart';
import { readForm } from '../../functions/http/app';
import { MeetingCycleError } from '../../functions/shared/domain/errors';
import { parseMembersCsv } from '../../functions/shared/domain/members-csv';
import { extractActions } from '../../functions/shared/domain/minutes';
import { nextMeetingInMinutes } from '../../functions/shared/domain/next-meeting';
import { readActionReply, readMinutesReply, replyBody } from '../../functions/shared/domain/reply';
import { outlineMinutes, parseMinutes, readMinutesInFull } from '../../functions/shared/minutes';

jest.setTimeout(180_000);

/** Runs `read`; anything it throws must be one of the project's named errors. */
function onlyNamedErrors(read: () => unknown): void {
  try {
    read();
  } catch (err) {
    if (!(err instanceof MeetingCycleError)) throw err;
  }
}

/**
 * Milliseconds `read` takes, the best of `tries` (a loaded machine only ever makes a run slower); it stops
 * early at a run under `goodEnough`, or over `hopeless` (no load makes a run that much slower).
 */
function bestTime(read: () => void, tries: number, goodEnough = 0, hopeless = Number.POSITIVE_INFINITY): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < tries; i++) {
    const start = performance.now();
    read();
    best = Math.min(best, performance.now() - start);
    if (best < goodEnough || best > hopeless) break;
  }
  return best;
}

/** Below this a time is mostly the timer's noise; a faster small run is counted as this long. */
const NOISE_MS = 2;

/**
 * Asserts that `read` of `make(8n)` takes under 25 times as long as of `make(n)`: linear time gives about 8,
 * quadratic about 64. The small size is timed after a warm-up, best of five; the large one until a run is
 * under the bound, at most three times. A busy machine (another process, a collection) can slow one round
 * of the large size alone, so up to three rounds are measured afresh: quadratic time fails every one.
 */
function expectLinear(read: (text: string) => void, make: (size: number) => string, n: number): void {
  const small = make(n);
  const large = make(8 * n);
  const quietly = (text: string) => () => onlyNamedErrors(() => read(text));
  quietly(small)();
  quietly(small)();
  let sizes = '';
  for (let round = 0; round < 3; round++) {
    const tSmall = Math.max(bestTime(quietly(small), 5), NOISE_MS);
    const bound = 25 * tSmall;
    const tLarge = bestTime(quietly(large), 3, bound, 4 * bound);
    if (tLarge < bound) return;
    sizes = `${large.length} characters took ${Math.round(tLarge)} ms, ${small.length} took ${Math.round(tSmall)} ms`;
  }
  throw new Error(`Not linear: ${sizes} (starting ${JSON.stringify(small.slice(0, 60))}).`);
}

/** `unit` repeated to about `size` characters between `before` and `after`. */
const run = (before: string, unit: string, after: string) => (size: number) => `${before}${unit.repeat(Math.ceil(size / unit.length))}${after}`;

// Characters that mean something to a reader (blanks, breaks, brackets, list and heading marks, separators)
// and any unicode at all, including control characters and lone surrogates.
const meaningful = fc.constantFrom(
  ' ',
  '\t',
  '\n',
  '\r',
  '\u00a0',
  '\u2028',
  '.',
  ',',
  ';',
  ':',
  '-',
  '–',
  '*',
  '#',
  '_',
  '|',
  '(',
  ')',
  '"',
  '=',
  '>',
  '@',
  '%',
  '&',
);
const anyChar = fc.oneof(meaningful, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
const hostileText = fc.oneof(
  fc.string({ unit: anyChar, maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.tuple(fc.string({ maxLength: 20 }), anyChar, fc.integer({ min: 1, max: 5000 })).map(([text, ch, times]) => `${text}${ch.repeat(times)}x`),
);

/** Words that start the minutes parser's rules, to put hostile runs where its patterns look. */
const MINUTES_WORDS = [
  '',
  'Apologies',
  'Apologies were received from ',
  'Present: ',
  'ITEM 1. ',
  '## ',
  '1. ',
  'Action 1: ',
  'Action: A to ',
  'Owner: ',
  '| Action | Owner |\n| ',
  'RESOLVED that ',
  'The next meeting will be held on ',
  '**',
  '- ',
];
const minutesText = fc.oneof(
  hostileText,
  fc.array(fc.tuple(fc.constantFrom(...MINUTES_WORDS), hostileText), { maxLength: 8 }).map((lines) => lines.map(([word, text]) => word + text).join('\n')),
);

const MINUTES_READERS: [string, (text: string) => unknown][] = [
  ['parseMinutes', parseMinutes],
  ['outlineMinutes', outlineMinutes],
  ['extractActions', extractActions],
  ['nextMeetingInMinutes', nextMeetingInMinutes],
  ['readMinutesInFull', readMinutesInFull],
];

describe('the minutes parser', () => {
  it.each(MINUTES_READERS)('%s reads any text or refuses it with a named error', (_name, read) => {
    fc.assert(
      fc.property(minutesText, (text) => onlyNamedErrors(() => read(text))),
      { numRuns: 150 },
    );
  });

  it('reads an apologies line of 80,000 tabs in linear time (it was quadratic: 6 s)', () => {
    expectLinear(readMinutesInFull, run('Present: A\nApologies', '\t', 'x\nITEM 1. Welcome\n'), 10_000);
  });

  it('takes time linear in the size of minutes made of hostile lines', () => {
    const line = fc.tuple(fc.constantFrom(...MINUTES_WORDS), fc.string({ unit: meaningful, minLength: 1, maxLength: 4 }), fc.integer({ min: 200, max: 3000 }));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), (lines) => {
        const block = `${lines.map(([word, unit, length]) => `${word}${unit.repeat(Math.ceil(length / unit.length))}x`).join('\n')}\n`;
        expectLinear(readMinutesInFull, run('Present: A\nITEM 1. Welcome\n', block, ''), 20_000);
      }),
      { numRuns: 6 },
    );
  });
});

describe('the form readers', () => {
  const TOKEN = 'a'.repeat(43);
  const post = (body: string, contentType = 'application/x-www-form-urlencoded') => ({ method: 'POST', path: '/l/x', query: {}, body, contentType });
  const multipart = 'multipart/form-data; boundary=b0undary';

  it("reads any link page's form body as fields or a refusal page, never throwing", () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom('application/x-www-form-urlencoded', multipart, ''), (body, type) => {
        expect(readForm(post(body, type), TOKEN)).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  it('reads any console upload body or refuses it with a named error', () => {
    const bodies = fc.oneof(
      hostileText,
      hostileText.map((text) => `--b0undary\r\n${text}`),
      fc.tuple(hostileText, hostileText).map(([head, data]) => `--b0undary\r\nContent-Disposition: form-data; ${head}\r\n\r\n${data}\r\n--b0undary--`),
    );
    fc.assert(
      fc.property(bodies, fc.constantFrom(multipart, 'multipart/form-data; boundary="b0undary"', 'text/plain', ''), (body, type) =>
        onlyNamedErrors(() => parseMultipart(Buffer.from(body), type)),
      ),
      { numRuns: 300 },
    );
  });

  it('reads form bodies in linear time', () => {
    expectLinear((body) => readForm(post(body), TOKEN), run('', 'a=%E0%A4%A&', ''), 20_000);
    expectLinear((body) => readForm(post(body), TOKEN), run('a=', '%', ''), 20_000);
    for (const unit of ['\r\n', '-', '\r\n\r\n', 'a']) {
      expectLinear(
        (body) => parseMultipart(Buffer.from(body), multipart),
        run('--b0undary\r\nContent-Disposition: form-data; name="a"\r\n\r\n', unit, ''),
        20_000,
      );
    }
  });
});

describe('the members CSV import', () => {
  const HEADER = 'name,email,organisation,roles\n';
  const csvText = fc.oneof(
    hostileText,
    hostileText.map((text) => HEADER + text),
  );

  it('reads any text as members and errors by line, or refuses it with a named error', () => {
    fc.assert(
      fc.property(csvText, (text) => {
        onlyNamedErrors(() => parseMembersCsv('b', text));
        onlyNamedErrors(() => checkMembersCsv('b', text, []));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a CSV in linear time, whatever its lines hold', () => {
    for (const unit of ['"', ',', '\n', ' \n', 'a,b@c.d,e,member\n', ',,,\n', '"a""', '=\t']) {
      expectLinear((text) => checkMembersCsv('b', text, []), run(HEADER, unit, ''), 20_000);
    }
  });
});

describe('reading an email reply', () => {
  const READERS: [string, (text: string) => unknown][] = [
    ['replyBody', replyBody],
    ['readMinutesReply', readMinutesReply],
    ['readActionReply', readActionReply],
  ];

  it.each(READERS)('%s reads any text', (_name, read) => {
    const replies = fc.oneof(
      hostileText,
      fc.tuple(fc.constantFrom('Approved', 'Done', 'In progress: ', 'On Tue, ', '> ', '-- ', 'From: x\nSent: y'), hostileText).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(replies, (text) => onlyNamedErrors(() => read(text))),
      { numRuns: 300 },
    );
  });

  it('reads a reply in linear time, whatever its lines hold', () => {
    for (const [before, unit] of [
      ['Approved', ' '],
      ['Approved', '.'],
      ['Approved', ' !'],
      ['Done', ' '],
      ['On ', 'x wrote '],
      ['On ', ' '],
      ['', '> \n'],
      ['From: x', ' '],
    ] as const) {
      expectLinear((text) => readMinutesReply(text), run(before, unit, 'x\n'), 20_000);
      expectLinear((text) => readActionReply(text), run(before, unit, 'x\n'), 20_000);
    }
  });
});

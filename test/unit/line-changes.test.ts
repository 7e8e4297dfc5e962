import { compareLines, describeLineChanges } from '../../functions/shared/domain/line-changes';

describe('compareLines', () => {
  it('finds no change between equal texts, whatever their line endings', () => {
    expect(compareLines('a\nb\nc\n', 'a\r\nb\r\nc')).toEqual({ changed: 0, added: 0, removed: 0 });
  });

  it('counts a line changed in the middle', () => {
    expect(compareLines('a\nb\nc', 'a\nB\nc')).toEqual({ changed: 1, added: 0, removed: 0 });
  });

  it('counts lines added and removed at either end', () => {
    expect(compareLines('a\nb', 'z\na\nb\nc')).toEqual({ changed: 0, added: 2, removed: 0 });
    expect(compareLines('z\na\nb\nc', 'a\nb')).toEqual({ changed: 0, added: 0, removed: 2 });
  });

  it('pairs what is left on each side as changed, the surplus as added or removed', () => {
    expect(compareLines('h\n1\n2\nf', 'h\nx\ny\nz\nf')).toEqual({ changed: 2, added: 1, removed: 0 });
    expect(compareLines('h\n1\n2\n3\nf', 'h\nx\nf')).toEqual({ changed: 1, added: 0, removed: 2 });
  });

  it('does not count a line that only moved, nor repeated lines twice', () => {
    expect(compareLines('a\nb\nc\nd', 'a\nc\nb\nd')).toEqual({ changed: 0, added: 0, removed: 0 });
    expect(compareLines('x\nx\ny', 'x\ny\nx\nx')).toEqual({ changed: 0, added: 1, removed: 0 });
  });

  it('treats an empty text as no lines', () => {
    expect(compareLines('', 'a\nb')).toEqual({ changed: 0, added: 2, removed: 0 });
    expect(compareLines('a', '')).toEqual({ changed: 0, added: 0, removed: 1 });
  });

  it('compares long texts in linear time: 8 times the lines take far less than 64 times as long', () => {
    const texts = (n: number) => [
      Array.from({ length: n }, (_, i) => `line ${i % 7}`).join('\n'),
      Array.from({ length: n }, (_, i) => `line ${i % 11}`).join('\n'),
    ];
    // The best of three runs of each size, so a busy machine does not decide the ratio.
    const best = (n: number) => {
      const [before, after] = texts(n);
      let fastest = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = process.hrtime.bigint();
        compareLines(before!, after!);
        fastest = Math.min(fastest, Number(process.hrtime.bigint() - started));
      }
      return fastest;
    };
    best(5_000);
    expect(best(200_000) / best(25_000)).toBeLessThan(25);
    const [before, after] = texts(200_000);
    const result = compareLines(before!, after!);
    expect(result.changed + result.added).toBeLessThanOrEqual(200_000);
  });
});

describe('describeLineChanges', () => {
  it.each([
    [{ changed: 12, added: 3, removed: 0 }, '12 lines changed, 3 added'],
    [{ changed: 1, added: 0, removed: 1 }, '1 line changed, 1 removed'],
    [{ changed: 0, added: 1, removed: 2 }, '1 line added, 2 removed'],
    [{ changed: 0, added: 0, removed: 1500 }, '1,500 lines removed'],
    [{ changed: 0, added: 0, removed: 0 }, 'No line changed'],
  ])('says %j as %s', (changes, words) => {
    expect(describeLineChanges(changes)).toBe(words);
  });
});

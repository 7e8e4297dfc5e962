import {
  BIDI_CONTROLS,
  cleanText,
  CONTROL_CHARS,
  INVISIBLE_CHARS,
  LONE_SURROGATE,
  NOT_XML_CHARS,
  stripBidiControls,
  stripControlChars,
  stripNonXmlChars,
} from '../../functions/shared/domain/text';

const between = (c: number, from: number, to: number): boolean => c >= from && c <= to;

/** Each class spelt out by code point, independently of the regular expressions under test. */
const EXPECTED: Record<string, (c: number) => boolean> = {
  BIDI_CONTROLS: (c) => between(c, 0x202a, 0x202e) || between(c, 0x2066, 0x2069),
  CONTROL_CHARS: (c) => (c <= 0x1f && c !== 0x09 && c !== 0x0a && c !== 0x0d) || between(c, 0x7f, 0x9f),
  INVISIBLE_CHARS: (c) =>
    (c <= 0x1f && !between(c, 0x09, 0x0d)) ||
    between(c, 0x7f, 0x9f) ||
    [0xad, 0x61c, 0xfeff].includes(c) ||
    between(c, 0x200b, 0x200f) ||
    between(c, 0x202a, 0x202e) ||
    between(c, 0x2060, 0x2069),
  NOT_XML_CHARS: (c) => (c <= 0x1f && !between(c, 0x09, 0x0d)) || c === 0xfffe || c === 0xffff || between(c, 0xd800, 0xdfff),
  LONE_SURROGATE: (c) => between(c, 0xd800, 0xdfff),
};

const CLASSES: Record<string, RegExp> = { BIDI_CONTROLS, CONTROL_CHARS, INVISIBLE_CHARS, NOT_XML_CHARS, LONE_SURROGATE };

describe('character classes', () => {
  it.each(Object.keys(CLASSES))('%s holds exactly its code units, alone in a string', (name) => {
    const wrong: string[] = [];
    for (let c = 0; c <= 0xffff; c += 1) {
      if (CLASSES[name]!.test(String.fromCharCode(c)) !== EXPECTED[name]!(c)) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('is safe to use with test() repeatedly (no global flag carrying lastIndex over)', () => {
    for (const pattern of Object.values(CLASSES)) {
      expect(pattern.flags).not.toContain('g');
      expect(pattern.test('\ud800')).toBe(pattern.test('\ud800'));
    }
  });

  it('tells a lone surrogate from half of a pair', () => {
    for (const pattern of [LONE_SURROGATE, NOT_XML_CHARS]) {
      expect(pattern.test('a\ud83d\ude00b')).toBe(false);
      expect(pattern.test('a\ud83db')).toBe(true);
      expect(pattern.test('a\ude00b')).toBe(true);
      expect(pattern.test('\ude00\ud83d')).toBe(true);
    }
  });
});

describe('stripBidiControls', () => {
  it('removes embeddings, overrides and isolates, so "exe.fdp" cannot pose as "pdf.exe"', () => {
    expect(stripBidiControls('report\u202eexe.fdp')).toBe('reportexe.fdp');
    expect(stripBidiControls('\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069ok')).toBe('ok');
  });

  it('leaves everything else, including the LRM/RLM marks, zero-width characters and controls', () => {
    const rest = 'a\u200e\u200f\u200b\u0000\u0085\tb';
    expect(stripBidiControls(rest)).toBe(rest);
  });
});

describe('stripControlChars', () => {
  it('removes C0 controls (VT and FF included), DEL and C1', () => {
    expect(stripControlChars('a\u0000\u0007\u000b\u000c\u001b[31mb\u007f\u0085\u009fc')).toBe('a[31mbc');
  });

  it('keeps tab, LF and CR, bidi controls and zero-width characters for the caller to deal with', () => {
    expect(stripControlChars('a\tb\nc\r\nd\u202e\u200b')).toBe('a\tb\nc\r\nd\u202e\u200b');
  });
});

describe('stripNonXmlChars', () => {
  it('removes C0 controls, U+FFFE/U+FFFF and lone surrogates', () => {
    expect(stripNonXmlChars('a\u0000b\u0008c\u001fd\ufffee\uffff\ud800f\udc00g')).toBe('abcdefg');
  });

  it('keeps tab, line breaks, C1, surrogate pairs and bidi controls, all of which XML can carry', () => {
    const legal = 'a\tb\nc\rd\u0085e\ud83d\ude00f\u202e';
    expect(stripNonXmlChars(legal)).toBe(legal);
  });
});

describe('cleanText', () => {
  const clean = (value: unknown, maxChars = 100): string => cleanText(value, { maxChars });

  it('removes bidi overrides and isolates', () => {
    expect(clean('Budget \u202eFDP.exe\u202c and \u2066isolated\u2069')).toBe('Budget FDP.exe and isolated');
  });

  it('removes zero-width characters, marks, the soft hyphen and the BOM', () => {
    expect(clean('\ufeffin\u200bvis\u200c\u200dible\u00ad\u200e\u200f\u061c\u2060')).toBe('invisible');
  });

  it('removes C0 and C1 controls, and turns tabs and line breaks of every kind into single spaces', () => {
    expect(clean('a\u0000b\u001bc\u007fd\u0085e\u009ff')).toBe('abcdef');
    expect(clean(' one\ttwo\r\nthree\vfour\ffive\u2028six\u2029seven\u00a0eight  ')).toBe('one two three four five six seven eight');
  });

  it('removes lone surrogates and keeps surrogate pairs', () => {
    expect(clean('a\ud800b\udc00c\ud83d\ude00')).toBe('abc\ud83d\ude00');
    expect(LONE_SURROGATE.test(clean('\ud83d'.repeat(5) + 'x'))).toBe(false);
  });

  it('composes to NFC, so the same name is the same string however it was typed', () => {
    expect(clean('Rene\u0301e')).toBe('Ren\u00e9e');
    expect(clean('\u212b')).toBe('\u00c5');
  });

  it('cuts at maxChars code points, ending with "…"', () => {
    const word = 'x'.repeat(10_000);
    expect(clean(word, 300)).toBe(`${'x'.repeat(299)}\u2026`);
    expect(Array.from(clean('\ud83d\ude00'.repeat(10), 4))).toEqual(['\ud83d\ude00', '\ud83d\ude00', '\ud83d\ude00', '\u2026']);
  });

  it('leaves text of exactly maxChars alone and drops a trailing space before the "…"', () => {
    expect(clean('abcde', 5)).toBe('abcde');
    expect(clean('abc defgh', 5)).toBe('abc\u2026');
  });

  it('counts characters after cleaning, so invisible ones do not push text over the limit', () => {
    expect(clean(`${'\u200b'.repeat(50)}abc`, 3)).toBe('abc');
  });

  it('reads null and undefined as empty and anything else as its string', () => {
    expect(clean(undefined)).toBe('');
    expect(clean(null)).toBe('');
    expect(clean(42)).toBe('42');
    expect(clean('\u202e \u200b \u0000')).toBe('');
  });
});

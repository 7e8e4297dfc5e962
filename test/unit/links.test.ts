import { checkCsrf, csrfFor, hashToken, isWellFormedToken, LINK_TOKEN_LENGTH, linkUrl, newLinkToken } from '../../functions/shared/domain/links';

describe('link tokens', () => {
  it('makes 43-character base64url tokens from 32 random bytes', () => {
    const token = newLinkToken();
    expect(token).toHaveLength(LINK_TOKEN_LENGTH);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isWellFormedToken(token)).toBe(true);
  });

  it('never repeats a token and spreads bytes across the whole range', () => {
    const tokens = Array.from({ length: 2000 }, newLinkToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    const bytes = Buffer.concat(tokens.map((t) => Buffer.from(t, 'base64url')));
    // 64,000 random bytes: every value appears, and the mean sits near 127.5.
    expect(new Set(bytes).size).toBe(256);
    const mean = bytes.reduce((sum, b) => sum + b, 0) / bytes.length;
    expect(mean).toBeGreaterThan(125);
    expect(mean).toBeLessThan(130);
  });

  it('hashes a token to stable lower-case SHA-256 hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = newLinkToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toBe(hashToken(newLinkToken()));
  });

  it('accepts the CSRF value of the same token only', () => {
    const token = newLinkToken();
    const other = newLinkToken();
    expect(csrfFor(token)).toBe(csrfFor(token));
    expect(csrfFor(token)).not.toBe(token);
    expect(csrfFor(token)).not.toBe(hashToken(token));
    expect(checkCsrf(token, csrfFor(token))).toBe(true);
    expect(checkCsrf(token, csrfFor(other))).toBe(false);
    expect(checkCsrf(other, csrfFor(token))).toBe(false);
  });

  it('refuses a missing, short, long or non-string CSRF value without throwing', () => {
    const token = newLinkToken();
    const good = csrfFor(token);
    for (const value of [undefined, null, '', 42, ['x'], good.slice(1), `${good}x`, token]) {
      expect(checkCsrf(token, value)).toBe(false);
    }
  });

  it('builds the link under /l/, whatever trailing slashes the app URL has', () => {
    const token = newLinkToken();
    expect(linkUrl('https://app.example.org', token)).toBe(`https://app.example.org/l/${token}`);
    expect(linkUrl('https://app.example.org/', token)).toBe(`https://app.example.org/l/${token}`);
    expect(linkUrl('http://localhost:3000//', token)).toBe(`http://localhost:3000/l/${token}`);
  });

  it('rejects malformed tokens', () => {
    const token = newLinkToken();
    const malformed: unknown[] = [
      undefined,
      null,
      42,
      '',
      token.slice(1),
      `${token}A`,
      `${token.slice(0, 42)}=`,
      `${token.slice(0, 41)}+/`,
      `${token.slice(0, 42)}B`, // decodes to the same bytes, but not as newLinkToken spells it
      `${token}\n`,
      ` ${token.slice(1)}`,
      `${token.slice(0, 40)}%2F`,
      Buffer.from(token),
    ];
    for (const value of malformed) expect(isWellFormedToken(value)).toBe(false);
  });
});

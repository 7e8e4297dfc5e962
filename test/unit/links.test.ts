import { answerDue, isLinkPurpose, isSingleUse, LINK_PURPOSES, linkExpiry } from '../../functions/shared/domain/link-policy';
import { checkCsrf, csrfFor, hashToken, isWellFormedToken, LINK_TOKEN_LENGTH, linkUrl, newLinkToken } from '../../functions/shared/domain/links';
import type { Timeline } from '../../functions/shared/domain/types';

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

const DAY = 86_400_000;
const NOW = new Date('2027-01-04T09:00:00.000Z');
const TIMELINE: Timeline = {
  agendaCall: '2026-12-01T09:00:00.000Z',
  itemDeadline: '2026-12-08T17:00:00.000Z',
  paperReminder: '2026-12-29T09:00:00.000Z',
  paperDeadline: '2027-01-05T17:00:00.000Z',
  circulation: '2027-01-06T09:00:00.000Z',
  supplementary: '2027-01-12T09:00:00.000Z',
  meeting: '2027-01-20T14:00:00.000Z',
  minutesDraftDue: '2027-01-27T17:00:00.000Z',
  chairApprovalDue: '2027-02-03T17:00:00.000Z',
  followUp: '2027-02-04T09:00:00.000Z',
};
const basis = { now: NOW, timeline: TIMELINE };
const at = (iso: string, days = 0) => new Date(Date.parse(iso) + days * DAY);

describe('link lifetimes', () => {
  it('covers every purpose, and says which links work once', () => {
    expect([...LINK_PURPOSES].sort()).toEqual([
      'approve-minutes',
      'confirm-agenda',
      'confirm-interests',
      'confirm-next-cycle',
      'decide-delegation',
      'decide-due-date',
      'decide-late-item',
      'declare-interest',
      'deputy-papers',
      'propose-item',
      'record-attendance',
      'send-apologies',
      'submit-minutes',
      'update-action',
      'upload-paper',
      'view-papers',
    ]);
    expect(isLinkPurpose('reply-minutes') || isLinkPurpose('toString')).toBe(false);
    const once = LINK_PURPOSES.filter(isSingleUse);
    expect(once.sort()).toEqual([
      'approve-minutes',
      'confirm-agenda',
      'confirm-interests',
      'confirm-next-cycle',
      'decide-delegation',
      'decide-due-date',
      'decide-late-item',
      'declare-interest',
      'record-attendance',
      'submit-minutes',
    ]);
    expect(isSingleUse('reply-minutes') && isSingleUse('reply-action')).toBe(true);
  });

  it('ends links on the dates of the timeline they serve', () => {
    expect(linkExpiry('propose-item', basis)).toEqual(at(TIMELINE.itemDeadline));
    expect(linkExpiry('upload-paper', basis)).toEqual(at(TIMELINE.meeting));
    expect(linkExpiry('confirm-agenda', basis)).toEqual(at(TIMELINE.meeting, 1));
    expect(linkExpiry('view-papers', basis)).toEqual(at(TIMELINE.meeting, 90));
    expect(linkExpiry('send-apologies', basis)).toEqual(at(TIMELINE.meeting, 90));
    // A late item not decided when the meeting starts is not taken.
    expect(linkExpiry('decide-late-item', basis)).toEqual(at(TIMELINE.meeting));
    expect(linkExpiry('deputy-papers', basis)).toEqual(at(TIMELINE.meeting, 90));
  });

  it('counts the rest from now, and a reminder’s fresh link too', () => {
    expect(linkExpiry('update-action', { now: NOW })).toEqual(at(NOW.toISOString(), 90));
    expect(linkExpiry('reply-action', { now: NOW })).toEqual(at(NOW.toISOString(), 90));
    expect(linkExpiry('decide-due-date', { now: NOW })).toEqual(at(NOW.toISOString(), 30));
    expect(linkExpiry('decide-delegation', { now: NOW })).toEqual(at(NOW.toISOString(), 30));
    expect(linkExpiry('record-attendance', { now: NOW })).toEqual(at(NOW.toISOString(), 30));
    for (const purpose of ['confirm-agenda', 'submit-minutes', 'approve-minutes'] as const) {
      expect(linkExpiry(purpose, { now: NOW }, 'reminder')).toEqual(at(NOW.toISOString(), 14));
    }
    expect(() => linkExpiry('view-papers', { now: NOW }, 'reminder')).toThrow(/not sent again/);
  });

  it('gives an answer at least a few days, and its link two weeks more', () => {
    // Asked early: the timeline's date stands.
    expect(answerDue('submit-minutes', basis)).toEqual(at(TIMELINE.minutesDraftDue));
    expect(linkExpiry('submit-minutes', basis)).toEqual(at(TIMELINE.minutesDraftDue, 14));
    expect(linkExpiry('approve-minutes', basis)).toEqual(at(TIMELINE.chairApprovalDue, 14));
    expect(linkExpiry('reply-minutes', basis)).toEqual(linkExpiry('approve-minutes', basis));
    // Asked late: two days for the draft and three for the approval, from now.
    const late = { now: at(TIMELINE.chairApprovalDue, 1), timeline: TIMELINE };
    expect(answerDue('submit-minutes', late)).toEqual(at(late.now.toISOString(), 2));
    expect(answerDue('approve-minutes', late)).toEqual(at(late.now.toISOString(), 3));
    expect(linkExpiry('approve-minutes', late)).toEqual(at(late.now.toISOString(), 17));
  });

  it('keeps the next meeting’s link for two weeks, or until that meeting if later', () => {
    expect(linkExpiry('confirm-next-cycle', { now: NOW })).toEqual(at(NOW.toISOString(), 14));
    expect(linkExpiry('confirm-next-cycle', { now: NOW, proposedMeeting: at(NOW.toISOString(), 3) })).toEqual(at(NOW.toISOString(), 14));
    expect(linkExpiry('confirm-next-cycle', { now: NOW, proposedMeeting: at(NOW.toISOString(), 60) })).toEqual(at(NOW.toISOString(), 60));
  });

  it('refuses to guess a timeline date it was not given', () => {
    expect(() => linkExpiry('propose-item', { now: NOW })).toThrow(/timeline/);
  });
});

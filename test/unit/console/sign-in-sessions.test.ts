import { makeConsoleApp } from '../../../functions/console/app';
import { standingOf } from '../../../functions/console/auth/principal';
import { hashToken } from '../../../functions/shared/domain/links';
import { ConsoleBrowser, seedSignInBoards } from '../../support/console-browser';
import { CONSOLE_OPTIONS } from '../../support/console';
import { fakeDeps, type FakeDeps } from '../../support/fakes';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CLERK = 'secretariat@a.example.org';

let d: FakeDeps;
let app: ReturnType<typeof makeConsoleApp>;
beforeEach(async () => {
  d = fakeDeps();
  await seedSignInBoards(d);
  app = makeConsoleApp(d, CONSOLE_OPTIONS);
});

/** A browser signed in as `email` through the emailed link. */
async function signedIn(email = CLERK, ip?: string): Promise<ConsoleBrowser> {
  const browser = new ConsoleBrowser(app, ip);
  await browser.post('/console/sign-in', { email }, (await browser.get('/console/sign-in')).body);
  const mail = d.emails('console-sign-in').at(-1)?.text ?? '';
  const path = /https:\/\/app\.example\.org(\/console\/sign-in\/[A-Za-z0-9_-]+)/.exec(mail)?.[1] ?? '';
  const res = await browser.post(path, {}, (await browser.get(path)).body);
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
  return browser;
}

const isSignedIn = async (browser: ConsoleBrowser): Promise<boolean> => (await browser.get('/console/sign-in')).body.includes('You are signed in as');
const sessionOf = (browser: ConsoleBrowser) => d.sessions.sessions.get(hashToken(browser.cookies.get('__Host-mc-session') ?? ''));

describe('a console session', () => {
  it('ends after 8 hours unused, clearing the cookie and recording why', async () => {
    const browser = await signedIn();
    const page = (await browser.get('/console/sign-in')).body;
    d.clock.advance(8 * HOUR);
    const res = await browser.post('/console/sign-out', {}, page);
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Your session has ended.');
    expect(res.cookies).toContain('__Host-mc-session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax');
    expect(d.securityLog.events.at(-1)).toMatchObject({ event: 'session-refused', email: CLERK, reason: 'idle-expiry' });
    expect((await browser.get('/console/sign-out')).statusCode).toBe(405);
  });

  it('redirects a signed-out GET to sign-in, which says the session ended', async () => {
    const browser = await signedIn();
    d.clock.advance(9 * HOUR);
    const sent = { ...Object.fromEntries(browser.cookies) };
    const res = await app({
      method: 'GET',
      path: '/console/sign-in',
      query: {},
      body: Buffer.alloc(0),
      contentType: '',
      cookies: sent,
      sourceIp: '192.0.2.10',
      userAgent: 'jest',
    });
    expect(res.body).toContain('Your session has ended. Please sign in again.');
    expect(res.body).toContain('Email me a sign-in link');
  });

  it('moves the idle expiry on with use, writing at most once every 5 minutes', async () => {
    const browser = await signedIn();
    const touches = jest.spyOn(d.sessions, 'touchSession');
    for (let i = 0; i < 10; i++) {
      d.clock.advance(MINUTE);
      expect(await isSignedIn(browser)).toBe(true);
    }
    expect(touches).toHaveBeenCalledTimes(2);
    expect(sessionOf(browser)).toMatchObject({ lastSeenAt: '2027-01-04T09:10:00.000Z', idleExpiresAt: '2027-01-04T17:10:00.000Z' });
    d.clock.advance(7 * HOUR + 59 * MINUTE);
    expect(await isSignedIn(browser)).toBe(true);
  });

  it('ends 7 days after sign-in however much it is used', async () => {
    const browser = await signedIn();
    // Used every 7 hours, it never goes idle: 23 visits reach 161 hours, the 24th is at 168 (7 days).
    for (let visit = 1; visit <= 23; visit++) {
      d.clock.advance(7 * HOUR);
      expect(await isSignedIn(browser)).toBe(true);
    }
    d.clock.advance(7 * HOUR);
    expect(d.clock.now().toISOString()).toBe('2027-01-11T09:00:00.000Z');
    expect(await isSignedIn(browser)).toBe(false);
    expect(d.securityLog.events.filter((e) => e.event === 'session-refused').map((e) => e.reason)).toEqual(['absolute-expiry']);
  });

  it('ends at once when the person is no longer secretariat or chair of any board', async () => {
    const browser = await signedIn('chair@b.example.org');
    expect(await isSignedIn(browser)).toBe(true);
    await d.boards.removeMember('b', 'chair-b');
    expect(await isSignedIn(browser)).toBe(false);
    expect(d.sessions.sessions.size).toBe(0);
    expect(d.securityLog.events.at(-1)).toMatchObject({ event: 'session-refused', email: 'chair@b.example.org', reason: 'no-longer-allowed' });
  });

  it('refuses an unknown session cookie and records it without the cookie', async () => {
    const browser = new ConsoleBrowser(app);
    browser.cookies.set('__Host-mc-session', 'A'.repeat(42) + 'A');
    expect(await isSignedIn(browser)).toBe(false);
    expect(browser.cookies.has('__Host-mc-session')).toBe(false);
    expect(d.securityLog.events).toEqual([{ at: '2027-01-04T09:00:00.000Z', event: 'session-refused', ip: '192.0.2.10', reason: 'unknown-session' }]);
  });

  it('gets a new id at every sign-in, ending the session the browser had', async () => {
    const browser = await signedIn();
    const first = browser.cookies.get('__Host-mc-session');
    await browser.post('/console/sign-in', { email: CLERK }, (await browser.get('/console/sign-in')).body);
    const path = /https:\/\/app\.example\.org(\/console\/sign-in\/[A-Za-z0-9_-]+)/.exec(d.emails('console-sign-in').at(-1)?.text ?? '')?.[1] ?? '';
    await browser.post(path, {}, (await browser.get(path)).body);
    expect(browser.cookies.get('__Host-mc-session')).not.toBe(first);
    expect([...d.sessions.sessions.keys()]).toEqual([hashToken(browser.cookies.get('__Host-mc-session') ?? '')]);
  });
});

describe('signing out', () => {
  it('refuses a sign-out without the CSRF value of the session, keeping the session', async () => {
    const browser = await signedIn();
    const other = await signedIn('chair@a.example.org');
    const theirs = (await other.get('/console/sign-in')).body;
    expect((await browser.post('/console/sign-out', {})).statusCode).toBe(403);
    expect((await browser.post('/console/sign-out', {}, theirs)).statusCode).toBe(403);
    expect(await isSignedIn(browser)).toBe(true);
  });

  it('everywhere ends every session of that person and no one else’s', async () => {
    const laptop = await signedIn();
    const phone = await signedIn(CLERK, '198.51.100.7');
    const chair = await signedIn('chair@a.example.org');
    const page = (await laptop.get('/console/sign-in')).body;
    expect(page).toContain('Sign out everywhere');
    const res = await laptop.post('/console/sign-out', { everywhere: 'yes' }, page);
    expect(res.body).toContain('You have signed out everywhere: 2 sessions ended');
    expect([await isSignedIn(laptop), await isSignedIn(phone), await isSignedIn(chair)]).toEqual([false, false, true]);
    expect(d.securityLog.events.filter((e) => e.event === 'signed-out')).toEqual([
      expect.objectContaining({ email: CLERK, boardIds: ['a'], reason: 'everywhere' }),
    ]);
  });
});

describe('who a session is', () => {
  it('is secretariat or chair per board (secretariat wins), and admin by the deploy-time list in any case', async () => {
    await d.boards.addMembers([{ boardId: 'b', memberId: 'both', name: 'Sam a', email: 'SECRETARIAT@a.example.org', organisation: 'x', roles: ['chair'] }]);
    await d.boards.addMembers([{ boardId: 'a', memberId: 'dual', name: 'Dee', email: 'dee@example.org', organisation: 'x', roles: ['chair', 'secretariat'] }]);
    const options = { adminEmails: ['Dee@Example.org'] };
    expect((await standingOf(d, CLERK, options))?.principal).toEqual({
      email: CLERK,
      name: 'Sam a',
      admin: false,
      boards: new Map([
        ['a', 'secretariat'],
        ['b', 'chair'],
      ]),
    });
    expect((await standingOf(d, 'DEE@example.org', options))?.principal).toMatchObject({ admin: true, boards: new Map([['a', 'secretariat']]) });
    expect((await standingOf(d, 'admin@example.org', { adminEmails: ['admin@example.org'] }))?.principal).toEqual({
      email: 'admin@example.org',
      name: 'admin@example.org',
      admin: true,
      boards: new Map(),
    });
    expect(await standingOf(d, 'member@a.example.org', options)).toBeUndefined();
  });
});

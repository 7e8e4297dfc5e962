import { makeConsoleApp } from '../../../functions/console/app';
import { localNext } from '../../../functions/console/auth/policy';
import { hashToken, newLinkToken } from '../../../functions/shared/domain/links';
import { ConsoleBrowser, csrfOf, seedSignInBoards } from '../../support/console-browser';
import { CONSOLE_OPTIONS } from '../../support/console';
import { fakeDeps, type FakeDeps } from '../../support/fakes';

const MINUTE = 60_000;
const CLERK = 'secretariat@a.example.org';

let d: FakeDeps;
let app: ReturnType<typeof makeConsoleApp>;
beforeEach(async () => {
  d = fakeDeps();
  await seedSignInBoards(d);
  app = makeConsoleApp(d, CONSOLE_OPTIONS);
});

/** The path of the sign-in link in the last email to `to`. */
function linkPath(to: string): string {
  const email = d
    .emails('console-sign-in')
    .filter((m) => m.to.some((r) => r.email === to))
    .at(-1);
  const url = /https:\/\/app\.example\.org(\/console\/sign-in\/[A-Za-z0-9_-]+)/.exec(email?.text ?? '')?.[1];
  if (!url) throw new Error(`no sign-in link to ${to}`);
  return url;
}

/** Asks for a link from `browser` and returns its path. */
async function askForLink(browser: ConsoleBrowser, email = CLERK, extra: Record<string, string> = {}): Promise<string> {
  const page = (await browser.get('/console/sign-in')).body;
  await browser.post('/console/sign-in', { email, ...extra }, page);
  return linkPath(email.toLowerCase());
}

/** The page with its CSRF values blanked, to compare two answers. */
const withoutCsrf = (body: string): string => body.replace(/name="csrf" value="[^"]*"/g, 'name="csrf" value=""');

describe('asking for a sign-in link', () => {
  it('shows the form with its label and button', async () => {
    const res = await new ConsoleBrowser(app).get('/console/sign-in');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<label for="email">Email address</label>');
    expect(res.body).toContain('<button type="submit">Email me a sign-in link</button>');
    expect(res.cookies).toEqual([expect.stringMatching(/^__Host-mc-pre-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/)]);
  });

  it('emails a link to an address that may sign in, binding it to this browser', async () => {
    const browser = new ConsoleBrowser(app);
    const page = (await browser.get('/console/sign-in')).body;
    const res = await browser.post('/console/sign-in', { email: ' Secretariat@A.example.org ' }, page);

    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('If this address may sign in, a link is on its way');
    expect(res.cookies).toEqual([expect.stringMatching(/^__Host-mc-sign-in=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=900; HttpOnly; Secure; SameSite=Lax$/)]);
    const [email] = d.emails('console-sign-in');
    expect(email).toMatchObject({ to: [{ name: 'Sam a', email: CLERK }], subject: 'Your link to sign in to the meeting-cycle console' });
    expect(email?.html).toContain('href="https://app.example.org/console/sign-in/');
    const token = linkPath(CLERK).split('/').at(-1) ?? '';
    const binding = browser.cookies.get('__Host-mc-sign-in') ?? '';
    expect([...d.signIns.records.values()]).toEqual([
      {
        tokenHash: hashToken(token),
        email: CLERK,
        bindingHash: hashToken(binding),
        createdAt: '2027-01-04T09:00:00.000Z',
        expiresAt: '2027-01-04T09:15:00.000Z',
      },
    ]);
    expect(d.securityLog.events).toEqual([{ at: '2027-01-04T09:00:00.000Z', event: 'sign-in-link-sent', email: CLERK, boardIds: ['a'], ip: '192.0.2.10' }]);
  });

  it('answers an unknown address, or a plain member, with the same page and cookie, and emails nobody', async () => {
    const first = new ConsoleBrowser(app);
    const known = await first.post('/console/sign-in', { email: CLERK }, (await first.get('/console/sign-in')).body);
    expect(known.statusCode).toBe(200);
    for (const email of ['stranger@example.org', 'member@a.example.org']) {
      const browser = new ConsoleBrowser(app);
      const res = await browser.post('/console/sign-in', { email }, (await browser.get('/console/sign-in')).body);
      expect(res.statusCode).toBe(known.statusCode);
      expect(withoutCsrf(res.body)).toBe(withoutCsrf(known.body));
      expect(res.cookies?.map((c) => c.replace(/=[^;]+/, '=x'))).toEqual(known.cookies?.map((c) => c.replace(/=[^;]+/, '=x')));
    }
    expect(d.emails('console-sign-in')).toHaveLength(1);
    expect(d.securityLog.events.filter((e) => e.reason === 'unknown-address')).toEqual([
      expect.objectContaining({ event: 'sign-in-refused', email: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }),
      expect.objectContaining({ event: 'sign-in-refused', email: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }),
    ]);
    expect(JSON.stringify(d.securityLog.events)).not.toContain('stranger');
  });

  it('emails a chair, and an admin named at deploy time whatever the case of the address', async () => {
    app = makeConsoleApp(d, { ...CONSOLE_OPTIONS, adminEmails: ['Admin@Example.org'] });
    for (const email of ['chair@b.example.org', 'ADMIN@example.org']) await askForLink(new ConsoleBrowser(app), email);
    expect(d.emails('console-sign-in').flatMap((m) => m.to.map((t) => t.email))).toEqual(['chair@b.example.org', 'admin@example.org']);
  });

  it('asks again for an address that is not one, changing nothing', async () => {
    const browser = new ConsoleBrowser(app);
    const res = await browser.post('/console/sign-in', { email: '<b>not an address' }, (await browser.get('/console/sign-in')).body);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Please enter your email address, like name@example.org.');
    expect(res.body).toContain('value="&lt;b&gt;not an address"');
    expect(d.signIns.attempts.size + d.securityLog.events.length + d.emails().length).toBe(0);
  });

  it('refuses a form without the CSRF value of this browser, sending nothing', async () => {
    const browser = new ConsoleBrowser(app);
    await browser.get('/console/sign-in');
    const other = (await new ConsoleBrowser(app).get('/console/sign-in')).body;
    for (const form of [{ email: CLERK }, { email: CLERK, csrf: csrfOf(other) }] as Record<string, string>[]) {
      const res = await browser.post('/console/sign-in', form);
      expect(res.statusCode).toBe(403);
    }
    expect(d.emails()).toHaveLength(0);
  });

  it('limits requests per address and per client in a 15-minute window, answering refusals the same and recording them', async () => {
    const browser = new ConsoleBrowser(app);
    const page = (await browser.get('/console/sign-in')).body;
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await browser.post('/console/sign-in', { email: CLERK }, page));
    expect(d.emails('console-sign-in')).toHaveLength(5);
    expect(withoutCsrf(answers[5]?.body ?? '')).toBe(withoutCsrf(answers[0]?.body ?? ''));
    expect(d.securityLog.events.at(-1)).toMatchObject({ event: 'sign-in-refused', reason: 'rate-limited-address' });

    // The same client asking for other addresses: 20 requests in all, then refused whatever the address.
    for (let i = 0; i < 15; i++) await browser.post('/console/sign-in', { email: `x${i}@example.org` }, page);
    await browser.post('/console/sign-in', { email: 'chair@a.example.org' }, page);
    expect(d.emails('console-sign-in')).toHaveLength(5);
    expect(d.securityLog.events.at(-1)).toMatchObject({ event: 'sign-in-refused', reason: 'rate-limited-client' });

    d.clock.advance(15 * MINUTE);
    await browser.post('/console/sign-in', { email: 'chair@a.example.org' }, page);
    expect(d.emails('console-sign-in')).toHaveLength(6);
  });
});

describe('following a sign-in link', () => {
  it('shows only a button on GET, and signs in on POST with a new session cookie, storing only its hash', async () => {
    const browser = new ConsoleBrowser(app);
    const path = await askForLink(browser);
    const before = JSON.stringify([...d.signIns.records.values()]);

    const shown = await browser.get(path);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`<form method="post" action="${path}">`);
    expect(shown.body).toContain('<button type="submit">Sign in</button>');
    expect(JSON.stringify([...d.signIns.records.values()])).toBe(before);
    expect(d.sessions.sessions.size).toBe(0);

    const res = await browser.post(path, {}, shown.body);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console');
    const [sessionCookie, bindingCleared] = res.cookies ?? [];
    expect(sessionCookie).toMatch(/^__Host-mc-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(bindingCleared).toBe('__Host-mc-sign-in=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax');
    const id = browser.cookies.get('__Host-mc-session') ?? '';
    expect([...d.sessions.sessions.values()]).toEqual([
      {
        sessionHash: hashToken(id),
        email: CLERK,
        createdAt: '2027-01-04T09:00:00.000Z',
        lastSeenAt: '2027-01-04T09:00:00.000Z',
        idleExpiresAt: '2027-01-04T17:00:00.000Z',
        absoluteExpiresAt: '2027-01-11T09:00:00.000Z',
      },
    ]);

    const home = await browser.get('/console/sign-in');
    expect(home.body).toContain('You are signed in as Sam a (secretariat@a.example.org).');
    const out = await browser.post('/console/sign-out', {}, home.body);
    expect(out.statusCode).toBe(200);
    expect(out.body).toContain('You have signed out in this browser.');
    expect(out.cookies).toEqual(['__Host-mc-session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax']);
    expect(d.sessions.sessions.size).toBe(0);
    expect((await browser.post('/console/sign-out', {}, home.body)).statusCode).toBe(401);

    expect(d.securityLog.events.map((e) => [e.event, e.email, e.reason])).toEqual([
      ['sign-in-link-sent', CLERK, undefined],
      ['signed-in', CLERK, undefined],
      ['signed-out', CLERK, 'this-browser'],
    ]);
    const logged = JSON.stringify(d.securityLog.events);
    for (const secret of [id, hashToken(id), path.split('/').at(-1) ?? '']) expect(logged).not.toContain(secret);
  });

  it('uses plain cookie names without Secure when the app is served over plain http', async () => {
    app = makeConsoleApp(d, { ...CONSOLE_OPTIONS, secureCookies: false });
    const browser = new ConsoleBrowser(app);
    const path = await askForLink(browser);
    const res = await browser.post(path, {}, (await browser.get(path)).body);
    expect(res.cookies?.[0]).toMatch(/^mc-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect([...browser.cookies.keys()].sort()).toEqual(['mc-pre-session', 'mc-session']);
  });

  it('refuses an expired link (16 minutes later) and offers a new one', async () => {
    const browser = new ConsoleBrowser(app);
    const path = await askForLink(browser);
    const page = (await browser.get(path)).body;
    d.clock.advance(16 * MINUTE);
    for (const res of [await browser.get(path), await browser.post(path, {}, page)]) {
      expect(res.statusCode).toBe(410);
      expect(res.body).toContain('This sign-in link has expired. Links last 15 minutes.');
      expect(res.body).toContain('Email me a sign-in link');
    }
    expect(d.sessions.sessions.size).toBe(0);
    expect(d.securityLog.events.filter((e) => e.reason === 'expired-link')).toHaveLength(2);
  });

  it('signs in once when the button is pressed twice, and says the link was used', async () => {
    const browser = new ConsoleBrowser(app);
    const path = await askForLink(browser);
    const page = (await browser.get(path)).body;
    const answers = await Promise.all([browser.post(path, {}, page), browser.post(path, {}, page)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([303, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.body).toContain('This sign-in link has already been used');
    expect(answers.find((a) => a.statusCode === 409)?.body).toContain('Email me a sign-in link');
    expect(d.sessions.sessions.size).toBe(1);
    expect(d.securityLog.events.filter((e) => e.reason === 'used-link')).toHaveLength(1);
  });

  it('refuses a forged or mangled link', async () => {
    const browser = new ConsoleBrowser(app);
    await askForLink(browser);
    for (const token of [newLinkToken(), 'not-a-token']) {
      const res = await browser.get(`/console/sign-in/${token}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('This sign-in link does not work');
      expect(res.body).toContain('Email me a sign-in link');
    }
    expect(d.securityLog.events.filter((e) => e.reason === 'unknown-link')).toHaveLength(2);
  });

  it('refuses the link in another browser, on GET and POST, and asks to use the same browser', async () => {
    const path = await askForLink(new ConsoleBrowser(app));
    const phone = new ConsoleBrowser(app, '198.51.100.7');
    const shown = await phone.get(path);
    expect(shown.statusCode).toBe(403);
    expect(shown.body).toContain('a sign-in link works only in the browser where you asked for it');
    expect(shown.body).toContain('Email me a sign-in link');
    expect((await phone.post(path, {}, shown.body)).statusCode).toBe(403);
    expect(d.sessions.sessions.size).toBe(0);
    expect(d.securityLog.events.filter((e) => e.reason === 'wrong-browser')).toEqual([
      expect.objectContaining({ email: CLERK, ip: '198.51.100.7' }),
      expect.objectContaining({ email: CLERK, ip: '198.51.100.7' }),
    ]);
  });

  it('refuses a link whose person lost the role since it was sent', async () => {
    const browser = new ConsoleBrowser(app);
    const path = await askForLink(browser);
    const page = (await browser.get(path)).body;
    await d.boards.removeMember('a', 'secretariat-a');
    const res = await browser.post(path, {}, page);
    expect(res.statusCode).toBe(403);
    expect(d.sessions.sessions.size).toBe(0);
    expect(d.securityLog.events.at(-1)).toMatchObject({ event: 'sign-in-refused', reason: 'not-allowed' });
  });

  it('goes to a local `next` after sign-in, and never to another site', async () => {
    expect(localNext('/console/boards/a?tab=1')).toBe('/console/boards/a?tab=1');
    for (const bad of ['https://evil.example', '//evil.example', '/console//evil.example', '/console/../x', '/\\evil.example', '/consoleevil', '/console\n']) {
      expect(localNext(bad)).toBeUndefined();
    }
    const shown = await new ConsoleBrowser(app).get('/console/sign-in', { next: '//evil.example' });
    expect(shown.body).not.toContain('evil.example');

    for (const [next, location] of [
      ['/console/boards/a', '/console/boards/a'],
      ['https://evil.example/console', '/console'],
    ] as const) {
      const browser = new ConsoleBrowser(app);
      const path = await askForLink(browser, CLERK, { next });
      const res = await browser.post(path, {}, (await browser.get(path)).body);
      expect(res.headers.location).toBe(location);
    }
  });
});

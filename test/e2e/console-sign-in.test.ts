import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot } from '../support/browser';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(180_000);
const cloud = useLocalCloud();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const SECRETARIAT = 'secretariat@example.org';

/** Asks for a sign-in link from `page`'s browser and returns the link the mailbox received. */
async function askForLink(page: Page, email: string, opts: { here?: boolean } = {}): Promise<string> {
  const before = cloud().mail.emails().length;
  if (!opts.here) await page.goto(`${cloud().appUrl}/console/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.locator('main').textContent()).resolves.toContain('If this address may sign in, a link is on its way');
  const sent = cloud()
    .mail.emails()
    .slice(before)
    .filter((e) => e.kind === 'console-sign-in' && e.to.includes(email));
  expect(sent).toHaveLength(1);
  const link = /https?:\/\/\S+\/console\/sign-in\/[A-Za-z0-9_-]{43}/.exec(sent[0]?.text ?? '')?.[0];
  if (!link) throw new Error(`No sign-in link in: ${sent[0]?.text}`);
  return link;
}

const h1 = (page: Page) => page.locator('h1').textContent();

describe('signing in to the console by email, in a browser', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });

  it('sends a signed-out browser to the sign-in page, emails a link, and signs in only when the button is pressed', async () => {
    await page.goto(`${cloud().appUrl}/console/boards/demo-board`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await screenshot(page, 'sign-in');

    const link = await askForLink(page, SECRETARIAT, { here: true });
    await screenshot(page, 'sign-in-sent');
    await page.goto(link);
    await expect(h1(page)).resolves.toBe('Sign in');
    // Opening the link (as a mail scanner would) signed nobody in.
    expect((await context.cookies()).some((c) => c.name === 'mc-session')).toBe(false);
    await screenshot(page, 'sign-in-link');

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/console/boards/demo-board');
    await expect(page.locator('main').textContent()).resolves.toContain('Riverside Community Safety Board');
    const session = (await context.cookies()).find((c) => c.name === 'mc-session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('signs out, after which the console asks to sign in again', async () => {
    await page.goto(`${cloud().appUrl}/console`);
    await page.locator('header').getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${cloud().appUrl}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  });

  it('refuses a link used before, and one that has expired, each with a way to ask again', async () => {
    const link = await askForLink(page, SECRETARIAT);
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('header').getByRole('button', { name: 'Sign out' }).click();

    await page.goto(link);
    await expect(h1(page)).resolves.toBe('This sign-in link has already been used');
    await expect(page.getByRole('button', { name: 'Email me a sign-in link' }).count()).resolves.toBe(1);
    await screenshot(page, 'sign-in-used');

    const late = await askForLink(page, SECRETARIAT);
    await cloud().sfn.advanceTo(new Date(cloud().clock.now().getTime() + 16 * 60_000));
    await page.goto(late);
    await expect(h1(page)).resolves.toBe('This sign-in link has expired');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Email me a sign-in link' }).count()).resolves.toBe(1);
    expect((await context.cookies()).some((c) => c.name === 'mc-session')).toBe(false);
  });

  it('refuses a link opened in another browser than the one that asked for it', async () => {
    const link = await askForLink(page, SECRETARIAT);
    const other = await browser.newContext();
    const elsewhere = await other.newPage();
    await elsewhere.goto(link);
    await expect(h1(elsewhere)).resolves.toBe('Please use the browser where you asked for this link');
    await expect(elsewhere.getByRole('button', { name: 'Sign in', exact: true }).count()).resolves.toBe(0);
    await screenshot(elsewhere, 'sign-in-other-browser');
    expect((await other.cookies()).some((c) => c.name === 'mc-session')).toBe(false);
    await other.close();

    // The browser that asked still signs in with it.
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/console');
  });

  it('answers an unknown address exactly as a known one, and sends it nothing', async () => {
    const before = cloud().mail.emails().length;
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(`${cloud().appUrl}/console/sign-in`);
    await stranger.getByLabel('Email address').fill('stranger@example.net');
    await stranger.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(stranger.locator('main').textContent()).resolves.toContain('If this address may sign in, a link is on its way');
    expect(cloud().mail.emails().length).toBe(before);
  });
});

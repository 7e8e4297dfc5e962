import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { appLinks, follow, submit } from '../../local/people';
import { launchChromium } from '../support/browser';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
let browser: Browser;
let page: Page;
const SHOTS = path.join(__dirname, '..', '..', 'test-results');

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

describe('the console and mailbox in a browser', () => {
  it('starts a cycle, advances the clock, and lets a member propose an item from the mailbox', async () => {
    await page.goto(`${cloud().appUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await page.getByRole('button', { name: 'Sign in as Grace Lin' }).click();
    await page.getByRole('link', { name: 'Riverside Community Safety Board' }).first().click();
    await page.getByLabel('Meeting date').fill('2027-01-20');
    await page.getByRole('button', { name: 'Start a cycle' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Meeting on Wednesday 20 January 2027, 10:00');
    await cloud().sfn.settle();
    await page.reload();
    await expect(page.locator('main').textContent()).resolves.toContain('Waiting for the agenda call on');

    await page.goto(`${cloud().appUrl}/console`);
    await page.getByRole('button', { name: 'Advance the clock to it' }).click();
    await page.goto(`${cloud().appUrl}/console/boards/demo-board/cycles/demo-board-2027-01-20`);
    await expect(page.locator('main').textContent()).resolves.toContain('Collecting proposed agenda items until');
    await page.screenshot({ path: path.join(SHOTS, 'console.png'), fullPage: true });

    await page.click('header >> text=Mailbox');
    const rows = page.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(9);
    await page.click('a:has-text("Agenda items due") >> nth=0');
    await expect(page.locator('h3', { hasText: 'Plain-text part' }).count()).resolves.toBe(1);
    const propose = await page.locator('pre a[href*="/l/"]').first().getAttribute('href');
    expect(propose).toMatch(/\/l\/[A-Za-z0-9_-]{43}$/);

    await page.goto(propose ?? '');
    await expect(page.locator('h1').textContent()).resolves.toContain('Propose an item');
    await page.fill('input[name="title"]', 'Street lighting and safety at night');
    await page.click('text=Propose this item');
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you: your item is proposed');
    await page.screenshot({ path: path.join(SHOTS, 'proposed.png') });

    const proposals = await cloud().deps.cycles.listProposals('demo-board-2027-01-20');
    expect(proposals.map((p) => p.title)).toEqual(['Street lighting and safety at night']);
  });

  it("lets the chair approve the minutes by replying from the mailbox's Reply box", async () => {
    const d = cloud().deps;
    const cycle = (await d.cycles.getCycle('demo-board', 'demo-board-2027-01-20'))!;
    const latestLink = (kind: string) =>
      appLinks(
        cloud()
          .mail.emails()
          .filter((e) => e.kind === kind)
          .at(-1)?.text ?? '',
        cloud().appUrl,
      )[0] ?? '';
    await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.itemDeadline) + 60_000));
    await submit(await follow(latestLink('agenda-confirmation-request')), 'Confirm the agenda');
    await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.meeting) + 60_000));
    const draft = await follow(latestLink('minutes-draft-request'));
    await submit(await submit(draft, 'Check the actions', { text: draft.forms[0]?.fields.text ?? '' }), 'Save and send to the chair');
    await cloud().sfn.settle();

    await page.goto(`${cloud().appUrl}/mailbox`);
    await page.click('a:has-text("Approve the minutes")');
    await expect(page.locator('form h3', { hasText: 'Reply' }).count()).resolves.toBe(1);
    await page.fill('form textarea[name="text"]', 'Approved, thank you');
    await page.screenshot({ path: path.join(SHOTS, 'reply.png'), fullPage: true });
    await page.click('text=Send reply');
    await expect(page.locator('.card').first().textContent()).resolves.toContain(
      'Your reply was accepted: Version 1 of the minutes was approved by Alex Morgan by email reply',
    );
    expect(await d.cycles.getMinutes(cycle.cycleId, 1)).toMatchObject({ status: 'approved', approval: { via: 'reply' } });
  });
});

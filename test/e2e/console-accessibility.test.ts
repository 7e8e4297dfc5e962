import type { Browser, Page } from 'playwright-core';
import { driveCycle } from '../../local/drive-cycle';
import { appLinks, postingFormsWith, type FetchedPage } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { describeViolations, launchChromium, seriousViolations } from '../support/browser';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(300_000);
const cloud = useLocalCloud();
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  // The pages allow no script (CSP); axe is injected by the test, so the test's browser bypasses it.
  page = await (await browser.newContext({ bypassCSP: true })).newPage();
});

afterAll(async () => {
  await browser?.close();
});

/** Runs axe on the page now in the browser; returns what it found, by where it was. */
async function check(where: string): Promise<string[]> {
  return describeViolations(where, await seriousViolations(page));
}

describe('accessibility (axe-core, WCAG 2.1 A and AA): no serious or critical violation', () => {
  it('on every link page a member, presenter, owner, secretariat or chair sees in a whole cycle, before and after they answer', async () => {
    const seen = new Map<string, string[]>();
    const checkOnce = async (title: string, load: () => Promise<unknown>) => {
      if (seen.has(title)) return;
      await load();
      seen.set(title, await check(title));
    };
    const result = await postingFormsWith(
      async (form, post) => {
        // GET changes nothing (mail scanners open every link), so the browser may open the page first.
        await page.goto(form.page);
        const title = `${await page.title()} (${form.label})`;
        await checkOnce(title, async () => undefined);
        const answered: FetchedPage = await post();
        if (answered.html) await checkOnce(`answer: ${answered.title}`, () => page.setContent(answered.html));
        return answered;
      },
      () => driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', apologies: 1, changeRounds: 1 }),
    );
    expect(result.status).toBe('SUCCEEDED');
    // Then every link of every email as it stands after the cycle: the papers, used and expired links.
    const kinds = new Set<string>();
    for (const email of cloud().mail.emails()) {
      if (kinds.has(email.kind)) continue;
      kinds.add(email.kind);
      for (const url of appLinks(email.text, cloud().appUrl)) {
        // A paper or the pack is a file the browser saves, not a page.
        const opened = await page.goto(url).then(
          () => true,
          (err: Error) => (/Download is starting/.test(err.message) ? false : Promise.reject(err)),
        );
        if (opened) await checkOnce(`${email.kind} link, afterwards: ${await page.title()}`, async () => undefined);
      }
    }
    // Every kind of page the people of a cycle answer: proposals, agenda, papers, apologies, minutes, approval, actions.
    expect(seen.size).toBeGreaterThanOrEqual(10);
    expect([...seen.values()].flat()).toEqual([]);
  });
});

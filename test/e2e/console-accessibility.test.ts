import type { Browser, Page } from 'playwright-core';
import { driveCycle } from '../../local/drive-cycle';
import { appLinks, postingFormsWith, type FetchedPage } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { CONSOLE_ROUTES } from '../../functions/console/routes';
import { describeViolations, launchChromium, screenshot, seriousViolations } from '../support/browser';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(300_000);
const cloud = useLocalCloud();
let browser: Browser;
let page: Page;
let drivenCycleId = '';

beforeAll(async () => {
  browser = await launchChromium();
  // The pages allow no script (CSP); axe is injected by the test, so the test's browser bypasses it.
  page = await (await browser.newContext({ bypassCSP: true })).newPage();
});

afterAll(async () => {
  await browser?.close();
});

const PRIYA = 'priya.shah@example.org';

/**
 * Late items in each state on the driven cycle, and a register of interests for Priya Shah: what the
 * cycle page's late items section and her interests page show when they have something to show.
 */
async function withLateItemsAndInterests(cycleId: string): Promise<void> {
  const d = cloud().deps;
  const at = new Date().toISOString();
  const late = (title: string, decision?: 'approved' | 'refused') => ({
    lateItemId: `e2e-${title.length}`,
    title,
    purpose: 'decision' as const,
    confidential: false,
    reason: 'The contractor went into administration after the agenda went out.',
    addedBy: 'Grace Lin',
    addedAt: at,
    ...(decision
      ? {
          decision: {
            decision,
            by: 'alex-morgan',
            byName: 'Alex Morgan',
            at,
            reason: 'It cannot wait.',
            ...(decision === 'approved' ? { itemNumber: 9 } : {}),
          },
        }
      : {}),
  });
  await d.cycles.updateCycle(DEMO_BOARD_ID, cycleId, () => ({
    lateItems: [late('Replacement contractor', 'approved'), late('Car park charges', 'refused'), late('Twinning visit')],
  }));
  await d.interests.putRegister({
    boardId: DEMO_BOARD_ID,
    memberId: 'priya-shah',
    entries: [{ kind: 'other-registrable', description: 'Trustee of a local refuge', registeredAt: at }],
    confirmedAt: at,
  });
}

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
      () =>
        driveCycle(cloud(), {
          boardId: DEMO_BOARD_ID,
          meetingDate: '2027-01-20',
          apologies: 1,
          changeRounds: 1,
          // The declaration and attendance forms are posted too, so their answer pages are checked.
          declareInterest: { email: PRIYA, item: 'Domestic abuse', kind: 'non-registrable', description: 'Trustee of a local refuge', prejudicial: true },
          attendance: {},
        }),
    );
    expect(result.status).toBe('SUCCEEDED');
    drivenCycleId = result.cycle.cycleId;
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

  it('on every console page, as the secretariat, the chair and an admin see it (and saves a screenshot of each)', async () => {
    expect(drivenCycleId).not.toBe('');
    const d = cloud().deps;
    await withLateItemsAndInterests(drivenCycleId);
    const [action] = await d.actions.listActions(DEMO_BOARD_ID);
    const params: Record<string, string> = {
      board: DEMO_BOARD_ID,
      cycle: drivenCycleId,
      member: 'priya-shah',
      action: action?.actionId ?? '',
      version: '1',
    };
    const found: string[] = [];
    const shown = new Map<string, string>();
    const visit = async (path: string, name?: string) => {
      const res = await page.goto(`${cloud().appUrl}${path}`);
      expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
      found.push(...(await check(`console ${path}`)));
      shown.set(path, await page.locator('main').innerText());
      if (name) await screenshot(page, name);
    };
    const signInAs = async (who: string) => {
      await page.goto(`${cloud().appUrl}/console/sign-in`);
      const signOut = page.locator('header').getByRole('button', { name: 'Sign out' });
      if (await signOut.count()) {
        await signOut.click();
        await page.goto(`${cloud().appUrl}/console/sign-in`);
      }
      await page.getByRole('button', { name: `Sign in as ${who}` }).click();
    };

    // Signed out: the sign-in page, and a sign-in link's page.
    await visit('/console/sign-in', 'sign-in');
    const pages = CONSOLE_ROUTES.filter((r) => r.method === 'GET' && r.access !== 'public' && !/[.:]format|\.(csv|json)$/.test(r.path));
    expect(pages.length).toBeGreaterThanOrEqual(12);
    for (const who of ['Grace Lin', 'Alex Morgan', 'Console admin']) {
      await signInAs(who);
      for (const route of pages) {
        if (route.access === 'admin' && who !== 'Console admin') continue;
        const path = route.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
        // A screenshot of each page as the secretariat sees it (and the admin's own pages); the chair's and admin's views are checked only.
        const shot = who === 'Grace Lin' || route.access === 'admin';
        await visit(
          path,
          shot
            ? route.path
                .replace(/^\/console\/?/, '')
                .replace(/\/:/g, '-')
                .replace(/\//g, '-') || 'home'
            : undefined,
        );
      }
    }
    expect(found).toEqual([]);
    // The pages added with declarations, attendance, decisions and late items were checked with something on them.
    const board = `/console/boards/${DEMO_BOARD_ID}`;
    expect(shown.get(`${board}/cycles/${drivenCycleId}`)).toMatch(/Late items[\s\S]*Twinning visit/);
    expect(shown.get(`${board}/cycles/${drivenCycleId}`)).toContain('Trustee of a local refuge');
    expect(shown.get(`${board}/members/priya-shah/interests`)).toContain('Trustee of a local refuge');
    expect(shown.get(`${board}/cycles/${drivenCycleId}/attendance`)).toContain('Recorded by');
    expect(shown.get(`${board}/attendance`)).toContain('2027-01-20');
    expect(shown.get(`${board}/decisions`)).toContain('Decisions of');
  });
});

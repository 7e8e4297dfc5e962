import type { Browser, Page } from 'playwright-core';
import { makeConfirmNextCycle } from '../../functions/admin/next-cycle';
import type * as AgendaCallCore from '../../functions/send-agenda-call/send-agenda-call';
import { DEMO_BOARD_ID } from '../../local/seed';
import { launchChromium, screenshot } from '../support/browser';
import { useLocalCloud } from '../support/local-cloud';

/** The agenda call fails while `agendaCall.fails` is set: the step starts, then cannot succeed, so the cycle fails. */
const agendaCall = { fails: false };
jest.mock('../../functions/send-agenda-call/send-agenda-call', () => {
  const actual = jest.requireActual<typeof AgendaCallCore>('../../functions/send-agenda-call/send-agenda-call');
  return {
    ...actual,
    makeSendAgendaCall: (d: Parameters<typeof actual.makeSendAgendaCall>[0]) => {
      const send = actual.makeSendAgendaCall(d);
      return async (input: Parameters<typeof send>[0]) => {
        if (agendaCall.fails) throw new Error('The mail provider refused the agenda call (injected by the test).');
        return send(input);
      };
    },
  };
});

jest.setTimeout(240_000);
const cloud = useLocalCloud();
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
});

afterAll(async () => {
  await browser?.close();
});

const BOARD = 'audit-committee';
const main = () => page.locator('main').textContent();
const h1 = () => page.locator('h1').textContent();

async function signInAs(name: string): Promise<void> {
  await page.goto(`${cloud().appUrl}/console/sign-in`);
  const signOut = page.locator('header').getByRole('button', { name: 'Sign out' });
  if (await signOut.count()) {
    await signOut.click();
    await page.goto(`${cloud().appUrl}/console/sign-in`);
  }
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  expect(new URL(page.url()).pathname).toBe('/console');
}

const BAD_CSV = `name,email,organisation,roles
Ruth Adeyemi,ruth@example.org,Finance,member
=HYPERLINK("http://evil.example/x"),formula@example.org,Finance,member
Ruth Again,RUTH@example.org,Finance,member
`;
const GOOD_CSV = `name,email,organisation,roles
Ruth Adeyemi,ruth@example.org,Finance,chair;member
Kofi Mensah,kofi@example.org,Internal Audit,member
Mei Chen,mei@example.org,External Audit,member
Olu Bakare,clerk@example.org,Governance,secretariat
`;

describe('a board run from the console, in a browser', () => {
  it('lets an admin create a board', async () => {
    await signInAs('Console admin');
    await page.getByRole('link', { name: 'Create a board' }).click();
    await page.getByLabel('Board id').fill(BOARD);
    await page.getByLabel('Board name').fill('Audit Committee');
    await page.getByRole('button', { name: 'Create the board' }).click();
    await expect(main()).resolves.toContain('Audit Committee was created');
    expect((await cloud().deps.boards.getBoard(BOARD))?.name).toBe('Audit Committee');
  });

  it('imports members: a bad file first, refused line by line with nothing saved, then a good one', async () => {
    await page.goto(`${cloud().appUrl}/console/boards/${BOARD}/members`);
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    const refused = await main();
    expect(refused).toMatch(/line 3/i);
    expect(refused).toMatch(/line 4/i);
    await expect(page.getByRole('button', { name: 'Import these members' }).count()).resolves.toBe(0);
    await screenshot(page, 'members-import-refused');
    expect(await cloud().deps.boards.listMembers(BOARD)).toEqual([]);

    await page.goto(`${cloud().appUrl}/console/boards/${BOARD}/members`);
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await screenshot(page, 'members-import-preview');
    expect(await cloud().deps.boards.listMembers(BOARD)).toEqual([]);
    await page.getByRole('button', { name: 'Import these members' }).click();
    const members = await cloud().deps.boards.listMembers(BOARD);
    expect(members.map((m) => m.email).sort()).toEqual(['clerk@example.org', 'kofi@example.org', 'mei@example.org', 'ruth@example.org']);
    await page.goto(`${cloud().appUrl}/console/boards/${BOARD}/members`);
    await expect(main()).resolves.toContain('Kofi Mensah');
  });

  it('edits a rule, and says what changed and when it applies', async () => {
    await page.goto(`${cloud().appUrl}/console/boards/${BOARD}/settings`);
    await page.getByLabel('Quorum (members)').fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(main()).resolves.toMatch(/Quorum[^\n]*→ 5/);
    expect((await cloud().deps.boards.getBoard(BOARD))?.quorum).toBe(5);
  });

  it('starts a cycle and moves its meeting', async () => {
    await page.goto(`${cloud().appUrl}/console/boards/${BOARD}`);
    await page.getByLabel('Meeting date').fill('2027-01-20');
    await page.getByLabel('Time', { exact: true }).fill('14:00');
    await page.getByRole('button', { name: 'Start a cycle' }).click();
    await expect(main()).resolves.toContain('The cycle was started.');
    const [cycle] = await cloud().deps.cycles.listCycles(BOARD);
    expect(cycle?.meeting).toMatchObject({ date: '2027-01-20', time: '14:00' });
    await screenshot(page, 'cycle');

    const move = page.locator('form[action$="/move"]');
    await move.getByLabel('Meeting date').fill('2027-01-27');
    await move.getByRole('button', { name: 'Move the meeting' }).click();
    await expect(main()).resolves.toContain('The meeting was moved.');
    expect((await cloud().deps.cycles.getCycle(BOARD, cycle!.cycleId))?.meeting.date).toBe('2027-01-27');
  });

  it('cancels a next cycle waiting for its scheduled start', async () => {
    const [previous] = await cloud().deps.cycles.listCycles(BOARD);
    const { cycle: next } = await makeConfirmNextCycle(cloud().deps)({
      boardId: BOARD,
      meetingDate: '2027-04-21',
      meetingTime: '14:00',
      previousCycleId: previous!.cycleId,
      confirmedBy: 'Olu Bakare',
    });
    expect(next.status).toBe('scheduled');
    await page.goto(`${cloud().appUrl}/console/boards/${BOARD}/cycles/${next.cycleId}`);
    await screenshot(page, 'cycle-scheduled');
    const cancel = page.locator('form[action$="/cancel"]');
    await cancel.getByLabel('I understand that a cancelled cycle cannot be started again from this page').check();
    await cancel.getByRole('button', { name: 'Cancel this cycle' }).click();
    await expect(main()).resolves.toContain('The cycle was cancelled.');
    expect((await cloud().deps.cycles.getCycle(BOARD, next.cycleId))?.status).toBe('cancelled');
  });

  it('shows a failed cycle in plain words and resumes it', async () => {
    await signInAs('Grace Lin');
    await page.goto(`${cloud().appUrl}/console/boards/${DEMO_BOARD_ID}`);
    await page.getByLabel('Meeting date').fill('2027-02-10');
    await page.getByRole('button', { name: 'Start a cycle' }).click();
    await expect(main()).resolves.toContain('The cycle was started.');
    const cyclePage = page.url();
    // The execution plans the dates a moment after the start: the page says "Starting the cycle" until then.
    await cloud().sfn.settle();
    await page.reload();
    await expect(main()).resolves.toContain('Waiting for the agenda call on Wednesday 13 January');
    agendaCall.fails = true;
    // The clock's button, pressed until this cycle's agenda call has come (the other board's cycle comes first).
    const cycleId = new URL(cyclePage).pathname.split('/').pop()!;
    for (let guard = 0; guard < 20 && (await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, cycleId))?.status !== 'failed'; guard++) {
      await page.goto(`${cloud().appUrl}/console`);
      await page.getByRole('button', { name: 'Advance the clock to it' }).click();
      await cloud().sfn.settle();
    }
    await page.goto(cyclePage);
    const failed = await main();
    expect(failed).toContain('Stopped while sending the agenda call');
    expect(failed).not.toContain('SendAgendaCall');
    await screenshot(page, 'cycle-failed');

    agendaCall.fails = false;
    await page.getByRole('button', { name: 'Resume the cycle' }).click();
    await expect(main()).resolves.toContain('The cycle was resumed');
    await cloud().sfn.settle();
    expect((await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, cycleId))?.status).not.toBe('failed');
    expect(
      cloud()
        .mail.emails()
        .some((e) => e.kind === 'agenda-call' && e.subject.includes('10 February')),
    ).toBe(true);
  });

  it('shows the chair everything read-only, and refuses their changes', async () => {
    await signInAs('Alex Morgan');
    await page.goto(`${cloud().appUrl}/console/boards/${DEMO_BOARD_ID}`);
    await expect(page.getByRole('button', { name: 'Start a cycle' }).count()).resolves.toBe(0);
    await page.goto(`${cloud().appUrl}/console/boards/${BOARD}`);
    await expect(h1()).resolves.toBe('Not found');
  });
});

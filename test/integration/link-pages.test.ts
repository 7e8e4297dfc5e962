import { makeStartCycle } from '../../functions/admin/start-cycle';
import { csrfFor, newLinkToken } from '../../functions/shared/domain/links';
import type { Cycle } from '../../functions/shared/domain/types';
import { appLinks, follow, makePdf, submit, upload, type FetchedPage } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(60_000);
const MAX_BYTES = 8 * 1024;
const cloud = useLocalCloud({ env: { MAX_PAPER_BYTES: String(MAX_BYTES) } });
let cycle: Cycle;

const linkOf = (kind: string, to: string): string => {
  const email = cloud()
    .mail.emails()
    .filter((e) => e.kind === kind && e.to.includes(to))
    .at(-1);
  const link = email && appLinks(email.text, cloud().appUrl)[0];
  if (!link) throw new Error(`No ${kind} email with a link to ${to}`);
  return link;
};
const post = (url: string, body: Record<string, string>) =>
  fetch(url, { method: 'POST', body: new URLSearchParams(body), headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
const proposals = () => cloud().deps.cycles.listProposals(cycle.cycleId);

beforeAll(async () => {
  ({ cycle } = await makeStartCycle(cloud().deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' }));
  await cloud().sfn.advanceTo(new Date(cycle.timeline.agendaCall));
});

describe('links that are not what they claim', () => {
  it('refuses a forged token and a malformed one with a friendly page', async () => {
    for (const token of [newLinkToken(), 'not-a-token', `${newLinkToken()}x`]) {
      const page = await follow(`${cloud().appUrl}/l/${token}`);
      expect(page.status).toBe(404);
      expect(page.title).toBe('This link is not valid');
    }
  });

  it('serves link pages so that the token cannot leak (no referrer, no cache, no framing)', async () => {
    const res = await fetch(linkOf('agenda-call', 'priya.shah@example.org'));
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self';");
  });

  it('answers a link whose escapes do not decode with the unknown-link page', async () => {
    const page = await follow(`${cloud().appUrl}/l/%E0%A4%A`);
    expect(page.status).toBe(404);
    expect(page.title).toBe('This link is not valid');
  });
});

describe('proposing an item', () => {
  it('refuses a POST without the CSRF value bound to the link, and stores nothing', async () => {
    const res = await post(linkOf('agenda-call', 'priya.shah@example.org'), {
      title: 'Sneaky',
      purpose: 'decision',
      presenter: 'priya-shah',
      minutes: '10',
      nonce: 'abcdefghijkl',
    });
    expect(res.status).toBe(403);
    expect(await proposals()).toHaveLength(0);
  });

  it('refuses a 10,000-character title with the limit, and stores nothing', async () => {
    const page = await follow(linkOf('agenda-call', 'priya.shah@example.org'));
    const answer = await submit(page, 'Propose this item', { title: 'x'.repeat(10_000) });
    expect(answer.status).toBe(422);
    expect(answer.html).toContain('200 characters');
    expect(await proposals()).toHaveLength(0);
  });

  it('counts a double click as one proposal', async () => {
    const page = await follow(linkOf('agenda-call', 'tom.okafor@example.org'));
    const [a, b] = await Promise.all([
      submit(page, 'Propose this item', { title: 'Knife crime summit' }),
      submit(page, 'Propose this item', { title: 'Knife crime summit' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await proposals()).filter((p) => p.title === 'Knife crime summit')).toHaveLength(1);
    expect(
      cloud()
        .mail.emails()
        .filter((e) => e.kind === 'proposal-received' && e.to.includes('tom.okafor@example.org')),
    ).toHaveLength(1);
  });

  it('escapes hostile text in every page and email it reaches', async () => {
    const hostile = '<script>alert(1)</script> \u202Egnp.exe';
    const page = await follow(linkOf('agenda-call', 'helen.price@example.org'));
    expect((await submit(page, 'Propose this item', { title: hostile })).status).toBe(200);
    expect((await proposals()).some((p) => p.title === hostile)).toBe(true);
    const ack = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'proposal-received' && e.to.includes('helen.price@example.org'))
      .at(-1);
    expect(ack?.html).not.toContain('<script>');
    expect(ack?.html).toContain('&lt;script&gt;');
    expect(ack?.subject).not.toContain('\u202E');
  });
});

describe('after the item deadline', () => {
  let confirmPage: FetchedPage;
  beforeAll(async () => {
    await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.itemDeadline) + 60_000));
    confirmPage = await follow(linkOf('agenda-confirmation-request', 'secretariat@example.org'));
  });

  it('refuses a proposal after the item deadline politely, with the secretariat address', async () => {
    const page = await follow(linkOf('agenda-call', 'priya.shah@example.org'));
    expect(page.status).toBe(410);
    expect(page.title).toBe('Proposals have closed');
    expect(page.html).toContain('the secretariat at secretariat@example.org');
  });

  it('escapes the hostile title on the agenda confirmation page', () => {
    expect(confirmPage.html).not.toContain('<script>alert(1)');
    expect(confirmPage.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('lets the secretariat reorder, retitle and leave out proposals, telling their proposers', async () => {
    const items = await cloud().deps.cycles.listItems(cycle.cycleId);
    const hostile = items.find((i) => i.title.startsWith('<script>'));
    const summit = items.find((i) => i.title === 'Knife crime summit');
    expect(hostile && summit).toBeTruthy();
    const answer = await submit(confirmPage, 'Confirm the agenda', {
      [`keep_${hostile?.number}`]: null,
      [`order_${summit?.number}`]: '1',
      [`title_${summit?.number}`]: 'Knife crime: summit planning',
    });
    expect(answer.title).toBe('Agenda confirmed');
    expect(answer.html).toContain('One proposal was left out; the proposers have been told.');
    const confirmed = await cloud().deps.cycles.listItems(cycle.cycleId);
    expect(confirmed[0]?.title).toBe('Knife crime: summit planning');
    expect(confirmed.some((i) => i.title.startsWith('<script>'))).toBe(false);
    expect(confirmed.map((i) => i.number)).toEqual(confirmed.map((_, i) => i + 1));
    const declined = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'proposal-declined');
    expect(declined.map((e) => e.to)).toEqual([['helen.price@example.org']]);
    const accepted = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'proposal-accepted');
    expect(accepted.map((e) => e.to)).toEqual([['tom.okafor@example.org']]);
    expect(accepted[0]?.subject).toContain('item 1, Knife crime: summit planning');
  });

  it('confirms the agenda once: a second click says it is already done, and changes and resumes nothing', async () => {
    const before = await cloud().deps.cycles.listItems(cycle.cycleId);
    const second = await submit(confirmPage, 'Confirm the agenda');
    await cloud().sfn.settle();
    expect(await cloud().deps.cycles.listItems(cycle.cycleId)).toEqual(before);
    expect(second.status).toBe(200);
    expect(second.title).toBe('Already done');
    expect(second.html).toContain('was confirmed by Grace Lin');
    const execution = cloud().sfn.describe(cycle.executionArn ?? '');
    expect(execution?.events.filter((e) => e.type === 'StateEntered' && e.state === 'RequestPapers')).toHaveLength(1);
  });
});

describe('uploading a paper', () => {
  const presenter = 'tom.okafor@example.org';
  const papers = () => cloud().deps.cycles.listPapers(cycle.cycleId);

  it("lets the upload form post to the bucket's origin, and nowhere else", async () => {
    const res = await fetch(linkOf('paper-request', presenter));
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data">/.exec(await res.text())?.[1] ?? '';
    expect(res.headers.get('content-security-policy')).toContain(`form-action 'self' ${new URL(action).origin};`);
  });

  it('refuses a file that is not a PDF whatever its name, and records nothing', async () => {
    const page = await follow(linkOf('paper-request', presenter));
    const uploaded = await upload(page, { name: 'paper.pdf', type: 'application/pdf', content: Buffer.from('MZ this is really an executable') });
    const answer = await submit(uploaded, 'Submit this paper');
    expect(answer.status).toBe(415);
    expect(answer.html).toContain('not a PDF');
    expect(await papers()).toHaveLength(0);
  });

  it(`refuses a file over the limit (${MAX_BYTES / 1024} KB here) with its size and the limit`, async () => {
    const page = await follow(linkOf('paper-request', presenter));
    const big = Buffer.concat([makePdf('big'), Buffer.alloc(MAX_BYTES, 32)]);
    const answer = await submit(await upload(page, { name: 'big.pdf', type: 'application/pdf', content: big }), 'Submit this paper');
    expect(answer.status).toBe(413);
    expect(answer.html).toContain('the limit is 8 KB');
    expect(await papers()).toHaveLength(0);
  });

  it('refuses an upload that belongs to another item', async () => {
    const page = await follow(linkOf('paper-request', presenter));
    const token = page.url.split('/l/')[1] ?? '';
    const res = await post(page.url, { csrf: csrfFor(token), key: `papers/${cycle.cycleId}/item-99/x.pdf` });
    expect(res.status).toBe(415);
    expect(await papers()).toHaveLength(0);
  });

  it('keeps every upload as a new version, and a resubmitted upload only once', async () => {
    const page = await follow(linkOf('paper-request', presenter));
    const first = await upload(page, { name: 'v1.pdf', type: 'application/pdf', content: makePdf('version one') });
    expect((await submit(first, 'Submit this paper')).title).toBe('Paper received');
    expect((await submit(first, 'Submit this paper')).title).toBe('Paper received');
    const second = await upload(await follow(page.url), { name: 'v2.pdf', type: 'application/pdf', content: makePdf('version two') });
    await submit(second, 'Submit this paper');
    expect((await papers()).map((p) => p.version)).toEqual([1, 2]);
    expect(
      cloud()
        .mail.emails()
        .filter((e) => e.kind === 'paper-receipt'),
    ).toHaveLength(2);
  });
});

import { makeAllowPapers } from '../../../functions/admin/interests';
import { makeCirculatePapers } from '../../../functions/circulate-papers/circulate-papers';
import { makeHttpApp, type HttpRequest } from '../../../functions/http/app';
import { operator } from '../../../functions/shared/domain/audit';
import { linkExpiry } from '../../../functions/shared/domain/link-policy';
import { csrfFor } from '../../../functions/shared/domain/links';
import type { LinkPurpose } from '../../../functions/shared/domain/types';
import { makeIssueLink } from '../../../functions/shared/services/issue-link';
import { item } from '../../support/builders';
import type { FakeDeps } from '../../support/fakes';
import { appLinks, people, scenario, upload } from './scenario';

const AFTER_CIRCULATION = '2027-03-03T09:00:00.000Z';
const HOSTILE = '<script>alert(1)</script> & "Acme"';

const get = (url: string): HttpRequest => ({ method: 'GET', path: new URL(url).pathname, query: {}, body: '', contentType: '' });
const post = (url: string, fields: Record<string, string>): HttpRequest => {
  const token = new URL(url).pathname.slice('/l/'.length).split('/')[0] ?? '';
  return {
    method: 'POST',
    path: new URL(url).pathname,
    query: {},
    body: new URLSearchParams({ csrf: csrfFor(token), ...fields }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
};

/** Cycle "c" after circulation: a declarations item and a confidential item 3 with a paper. */
async function circulated(): Promise<{ d: FakeDeps; link: (purpose: LinkPurpose, memberId?: string) => Promise<string> }> {
  const { d, cycle } = await scenario({ now: AFTER_CIRCULATION });
  await d.cycles.putItems('c', [
    item(1, 'Apologies'),
    item(2, 'Declarations of interest'),
    item(3, 'Contract award', { confidential: true, paperExpected: true, source: 'proposal' }),
  ]);
  await upload(d, 3);
  const issue = makeIssueLink(d);
  const link = (purpose: LinkPurpose, memberId = 'ann') =>
    issue({ purpose, boardId: 'b', cycleId: 'c', memberId, expiresAt: linkExpiry(purpose, { now: d.clock.now(), timeline: cycle.timeline }) });
  return { d, link };
}

const DECLARE = { 'kind-3': 'non-registrable', 'description-3': HOSTILE, 'prejudicial-3': 'yes' };

describe('the declare-interest link', () => {
  it('shows a row per agenda item on GET and changes nothing', async () => {
    const { d, link } = await circulated();
    const res = await makeHttpApp(d)(get(await link('declare-interest')));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Item 3. Contract award (confidential)');
    expect(res.body).toContain('name="kind-2"');
    expect(await d.interests.listDeclarations('c')).toEqual([]);
  });

  it("records a declaration on POST, escaped on the page, and withholds that confidential item's papers from then on", async () => {
    const { d, link } = await circulated();
    const app = makeHttpApp(d);
    const papers = await link('view-papers');
    expect((await app(get(`${papers}/paper/3`))).statusCode).toBe(302);

    const res = await app(post(await link('declare-interest'), DECLARE));

    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('You declared a non-registrable interest in item 3 (&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Acme&quot;)');
    expect(res.body).not.toContain('<script>alert');
    expect(await d.interests.listDeclarations('c')).toEqual([
      expect.objectContaining({ memberId: 'ann', itemNumber: 3, description: HOSTILE, prejudicial: true, at: AFTER_CIRCULATION }),
    ]);
    expect((await app(get(`${papers}/paper/3`))).statusCode).toBe(403);
    expect((await app(get(papers))).body).not.toContain('/paper/3"');
    expect((await app(get(`${await link('view-papers', 'bob')}/paper/3`))).statusCode).toBe(302);

    await makeAllowPapers(d, operator('Sam'))({ boardId: 'b', cycleId: 'c', memberId: 'ann', itemNumber: 3, reason: 'Presents the finance', by: 'Sam' });
    expect((await app(get(`${papers}/paper/3`))).statusCode).toBe(302);
    expect((await d.audit.list('b')).map((e) => e.what.type)).toEqual(['interest-declared', 'papers-allowed']);
  });

  it('records one declaration for a double click, and answers a replay with what was done', async () => {
    const { d, link } = await circulated();
    const app = makeHttpApp(d);
    const url = await link('declare-interest');
    const [a, b] = await Promise.all([app(post(url, DECLARE)), app(post(url, DECLARE))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 200]);
    expect((await d.audit.list('b')).filter((e) => e.what.type === 'interest-declared')).toHaveLength(1);
    const replay = await app(post(url, { 'kind-3': 'pecuniary', 'description-3': 'Something else' }));
    expect(replay.body).toContain('Already done');
    expect(await d.interests.listDeclarations('c')).toEqual([expect.objectContaining({ kind: 'non-registrable' })]);
  });

  it('refuses an item that is not on the agenda, storing nothing and leaving the link usable', async () => {
    const { d, link } = await circulated();
    const app = makeHttpApp(d);
    const url = await link('declare-interest');
    const refused = await app(post(url, { ...DECLARE, 'kind-7': 'pecuniary', 'description-7': 'Shares in the bidder' }));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Item 7 is not on this meeting');
    expect(await d.interests.listDeclarations('c')).toEqual([]);
    const long = await app(post(url, { 'kind-3': 'pecuniary', 'description-3': 'x'.repeat(301) }));
    expect(long.statusCode).toBe(422);
    expect(await d.interests.listDeclarations('c')).toEqual([]);
    expect((await app(post(url, DECLARE))).statusCode).toBe(200);
  });

  it('expires when the meeting begins: declarations are then made at the meeting', async () => {
    const { d, link } = await circulated();
    const url = await link('declare-interest');
    d.clock.set('2027-03-10T16:00:00.000Z');
    const res = await makeHttpApp(d)(post(url, DECLARE));
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('declare your interest at the meeting');
    expect(await d.interests.listDeclarations('c')).toEqual([]);
  });
});

describe('the confirm-interests link', () => {
  it('shows the register on GET, confirms it on POST once, and the next circulation no longer asks', async () => {
    const { d, link } = await circulated();
    const app = makeHttpApp(d);
    const url = await link('confirm-interests');
    const shown = await app(get(url));
    expect(shown.body).toContain('Your register has no interests on it.');
    expect(await d.interests.getRegister('b', 'ann')).toBeUndefined();

    const res = await app(post(url, { 'new-kind-0': 'pecuniary', 'new-description-0': 'Shares in <Acme>' }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('confirmed on Wednesday 3 March 2027 with 1 interest');
    expect(await d.interests.getRegister('b', 'ann')).toMatchObject({
      entries: [{ kind: 'pecuniary', description: 'Shares in <Acme>' }],
      confirmedAt: AFTER_CIRCULATION,
      version: 1,
    });
    expect((await app(post(url, {}))).body).toContain('Already done');

    await makeCirculatePapers(d)({ boardId: 'b', cycleId: 'c' });
    const textTo = (id: string) => d.emails('circulation').find((e) => e.to[0]?.email === `${id}@example.org`)?.text ?? '';
    expect(textTo('ann')).not.toContain('Confirm your register of interests');
    expect(textTo('bob')).toContain('Confirm your register of interests');
    expect(textTo('ann')).toContain('Declare an interest');
    expect(appLinks(d.emails('circulation')[0]).length).toBeGreaterThan(2);
  });

  it("leaves a withheld item's paper out of that member's circulation email", async () => {
    const { d, link } = await circulated();
    await makeHttpApp(d)(post(await link('declare-interest'), DECLARE));
    await makeCirculatePapers(d)({ boardId: 'b', cycleId: 'c' });
    const textTo = (email: string) => d.emails('circulation').find((e) => e.to[0]?.email === email)?.text ?? '';
    expect(textTo(people.ann.email)).not.toContain('Paper for item 3');
    expect(textTo(people.ann.email)).toContain('Papers withheld: you declared an interest in this confidential item.');
    expect(textTo(people.bob.email)).toContain('Paper for item 3');
  });
});

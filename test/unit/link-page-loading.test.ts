import { makeHttpApp, type HttpRequest } from '../../functions/http/app';
import { PAGES, pageFor } from '../../functions/http/links/pages';
import { makeMemberLeaves } from '../../functions/admin/member-leaves';
import { LINK_PURPOSES } from '../../functions/shared/domain/link-policy';
import type { LinkPurpose } from '../../functions/shared/domain/types';
import { makeIssueLink } from '../../functions/shared/services/issue-link';
import { scenario } from './cores/scenario';

/*
 * Which purposes' page modules the app has loaded: each is wrapped so that requiring it (the `import()` in
 * pages.ts, which the test transform turns into a require) is recorded. Jest keeps this file's module
 * registry to itself, so what another test file loaded does not count here.
 */
const loaded: LinkPurpose[] = [];
for (const purpose of Object.keys(PAGES) as LinkPurpose[]) {
  jest.doMock(`../../functions/http/links/${purpose}/page`, () => {
    loaded.push(purpose);
    return jest.requireActual(`../../functions/http/links/${purpose}/page`);
  });
}
beforeEach(() => (loaded.length = 0));

const get = (url: string): HttpRequest => ({ method: 'GET', path: new URL(url).pathname, query: {}, body: '', contentType: '' });
const DAY = 86_400_000;

async function linked(purpose: LinkPurpose, options: Parameters<typeof scenario>[0] = {}, memberId = 'sam') {
  const { d } = await scenario(options);
  const expiresAt = new Date(d.clock.now().getTime() + 30 * DAY);
  const url = await makeIssueLink(d)({ purpose, boardId: 'b', cycleId: 'c', memberId, expiresAt });
  return { d, url, app: makeHttpApp(d) };
}

describe('which purpose a link loads', () => {
  it('loads only the page of the purpose followed', async () => {
    const { url, app } = await linked('view-papers');
    expect((await app(get(url))).statusCode).toBe(200);
    expect(loaded).toEqual(['view-papers']);
  });

  it('answers an unknown link, a used link, a cancelled meeting and a withdrawn holder without loading any page', async () => {
    const unknown = await linked('record-attendance');
    expect((await unknown.app(get(`${unknown.url}x`))).statusCode).toBe(404);

    const used = await linked('record-attendance');
    const link = used.d.links.forUrl(used.url)!;
    await used.d.links.markUsed(link.tokenHash, used.d.clock.now().toISOString(), 'Attendance recorded.');
    const usedPage = await used.app(get(used.url));
    expect([usedPage.statusCode, usedPage.body.includes('Attendance recorded.')]).toEqual([200, true]);

    const cancelled = await linked('decide-late-item', { cycle: { status: 'cancelled' } });
    expect((await cancelled.app(get(cancelled.url))).statusCode).toBe(410);

    const withdrawn = await linked('send-apologies', {}, 'bob');
    await makeMemberLeaves(withdrawn.d)({ boardId: 'b', member: 'bob' });
    expect((await withdrawn.app(get(withdrawn.url))).statusCode).toBe(403);

    expect(loaded).toEqual([]);
  });

  it("loads an expired link's page for its own expired page", async () => {
    const { d, url, app } = await linked('propose-item');
    d.clock.set(new Date(d.clock.now().getTime() + 31 * DAY));
    expect((await app(get(url))).statusCode).toBe(410);
    expect(loaded).toEqual(['propose-item']);
  });
});

// Last: it loads every page, and a page is loaded once per file.
describe('the link page registry', () => {
  it('has a page for every link purpose, registered under its own purpose', async () => {
    for (const purpose of LINK_PURPOSES) expect({ purpose, page: (await pageFor(purpose)).purpose }).toEqual({ purpose, page: purpose });
    expect(Object.keys(PAGES).sort()).toEqual([...LINK_PURPOSES].sort());
  });

  it('loads a page once, however many links of its purpose follow', async () => {
    const [a, b] = await Promise.all([pageFor('view-papers'), pageFor('view-papers')]);
    expect(a).toBe(b);
    expect(await pageFor('view-papers')).toBe(a);
  });
});

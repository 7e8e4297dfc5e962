import { makeConsoleApp } from '../../../functions/console/app';
import { onFirstUse } from '../../../functions/console/on-first-use';
import type { ConsoleResponse, RouteContext } from '../../../functions/console/types';
import { ConsoleBrowser, seedSignInBoards } from '../../support/console-browser';
import { CONSOLE_OPTIONS } from '../../support/console';
import { fakeDeps } from '../../support/fakes';

/*
 * Which page modules the console has loaded: each is wrapped so that requiring it (a route's `import()`,
 * which the test transform turns into a require) is recorded. Jest keeps this file's module registry to
 * itself, so what other test files loaded does not count.
 */
const WATCHED = ['auth/sign-in-page', 'auth/sign-in-link', 'boards/home', 'cycles/board-page', 'cycles/cycle-page'];
const loaded: string[] = [];
for (const page of WATCHED) {
  jest.doMock(`../../../functions/console/${page}`, () => {
    loaded.push(page);
    return jest.requireActual(`../../../functions/console/${page}`);
  });
}
beforeEach(() => (loaded.length = 0));

describe('onFirstUse', () => {
  const ctx = {} as RouteContext;
  const answer = (body: string): ConsoleResponse => ({ statusCode: 200, headers: {}, body });

  it('loads nothing until the route is first asked for, then its module once', async () => {
    let loads = 0;
    const handle = onFirstUse(async () => (loads++, { hello: async () => answer('hi') }), 'hello');
    expect(loads).toBe(0);
    expect(await Promise.all([handle(ctx), handle(ctx)])).toEqual([answer('hi'), answer('hi')]);
    await handle(ctx);
    expect(loads).toBe(1);
  });

  it('passes a failed load to the request, and loads again for the next', async () => {
    let loads = 0;
    const handle = onFirstUse(async () => {
      if (++loads === 1) throw new Error('chunk missing');
      return { hello: async () => answer('hi') };
    }, 'hello');
    await expect(handle(ctx)).rejects.toThrow('chunk missing');
    await expect(handle(ctx)).resolves.toEqual(answer('hi'));
    expect(loads).toBe(2);
  });

  it('names only an export of the module that handles a route', () => {
    // @ts-expect-error the module has no export `goodbye`: the route table would not compile.
    expect(typeof onFirstUse(async () => ({ hello: async () => answer('hi') }), 'goodbye')).toBe('function');
  });
});

describe('which pages a console request loads', () => {
  async function app() {
    const d = fakeDeps();
    await seedSignInBoards(d);
    return new ConsoleBrowser(makeConsoleApp(d, CONSOLE_OPTIONS));
  }

  it('answers an unknown address, a wrong method and a signed-out browser without loading any page', async () => {
    const browser = await app();
    expect((await browser.get('/console/nowhere')).statusCode).toBe(404);
    expect((await browser.post('/console')).statusCode).toBe(405);
    expect((await browser.get('/console/boards/a')).statusCode).toBe(302);
    expect((await browser.get('/console/boards/a/cycles/c')).statusCode).toBe(302);
    expect(loaded).toEqual([]);
  });

  it('loads only the page asked for', async () => {
    const browser = await app();
    expect((await browser.get('/console/sign-in')).statusCode).toBe(200);
    expect(loaded).toEqual(['auth/sign-in-page']);
  });
});

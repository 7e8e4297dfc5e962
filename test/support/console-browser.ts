import type { makeConsoleApp } from '../../functions/console/app';
import type { ConsoleResponse } from '../../functions/console/types';
import { DEFAULT_RULES } from '../../functions/shared/domain/board-defaults';
import type { Member, Role } from '../../functions/shared/domain/types';
import type { CoreDeps } from '../../functions/shared/ports';

/** The CSRF value of the first form on a page. */
export const csrfOf = (page: string): string => /name="csrf" value="([^"]*)"/.exec(page)?.[1] ?? '';

/**
 * A browser in front of the console app: keeps the cookies it is given (a `Max-Age=0` deletes one) and
 * sends them back, as a browser does, from one client address.
 */
export class ConsoleBrowser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: ReturnType<typeof makeConsoleApp>,
    readonly sourceIp = '192.0.2.10',
  ) {}

  get(path: string, query: Record<string, string> = {}): Promise<ConsoleResponse> {
    return this.send('GET', path, query, Buffer.alloc(0), '');
  }

  /** Posts a url-encoded form; `csrf` is added from `page` when given and the form has none. */
  post(path: string, form: Record<string, string> = {}, page?: string): Promise<ConsoleResponse> {
    const fields = page !== undefined && form.csrf === undefined ? { csrf: csrfOf(page), ...form } : form;
    return this.send('POST', path, {}, Buffer.from(new URLSearchParams(fields).toString()), 'application/x-www-form-urlencoded');
  }

  private async send(method: string, path: string, query: Record<string, string>, body: Buffer, contentType: string): Promise<ConsoleResponse> {
    const res = await this.app({
      method,
      path,
      query,
      body,
      contentType,
      cookies: Object.fromEntries(this.cookies),
      sourceIp: this.sourceIp,
      userAgent: 'jest',
    });
    for (const cookie of res.cookies ?? []) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      if (/;\s*Max-Age=0(;|$)/.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1));
    }
    return res;
  }
}

/** Boards "a" and "b", each with a secretariat member, a chair and a plain member (`<role>@<board>.example.org`). */
export async function seedSignInBoards(d: CoreDeps): Promise<void> {
  for (const boardId of ['a', 'b']) {
    await d.boards.putBoard({
      boardId,
      name: `Board ${boardId.toUpperCase()}`,
      timeZone: 'Europe/London',
      holidays: { country: 'GB', state: 'ENG' },
      rules: DEFAULT_RULES,
      quorum: 2,
      defaultVenue: 'Room 1',
      standingItems: [],
      version: 0,
    });
    const person = (role: Role, name: string): Member => ({
      boardId,
      memberId: `${role}-${boardId}`,
      name,
      email: `${role}@${boardId}.example.org`,
      organisation: 'Council',
      roles: [role],
    });
    await d.boards.addMembers([person('secretariat', `Sam ${boardId}`), person('chair', `Chris ${boardId}`), person('member', `Mo ${boardId}`)]);
  }
}

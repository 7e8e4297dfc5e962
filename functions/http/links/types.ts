import type { CycleContext } from '../../shared/services/cycle-context';
import type { LinkPurpose, LinkRecord, Member } from '../../shared/domain/types';
import type { CoreDeps } from '../../shared/ports';
import type { HttpResponse } from '../page';

/** Everything a link page needs: the link, who holds it, and the cycle it belongs to. */
export interface LinkContext {
  d: CoreDeps;
  link: LinkRecord;
  token: string;
  /** Relative URL of the link itself, for forms: /l/<token> */
  self: string;
  csrf: string;
  holder: Member;
  cycle: CycleContext;
  query: Record<string, string>;
  /** Sub-path after the token, e.g. "paper/3". */
  rest: string;
}

/** What POST did, in one sentence: stored on a single-use link and shown if it is followed again. */
export interface Performed {
  response: HttpResponse;
  outcome: string;
}

/** One purpose's page: registered in PAGES under its purpose, which it repeats so that a mix-up fails to compile. */
export interface LinkPage<P extends LinkPurpose = LinkPurpose> {
  purpose: P;
  show(c: LinkContext): Promise<HttpResponse>;
  perform(c: LinkContext, form: Record<string, string>): Promise<Performed>;
  /** What an expired link of this purpose says, when a general "expired" would not help. */
  expired?(c: Omit<LinkContext, 'holder'>, contact: string): HttpResponse | Promise<HttpResponse>;
  /**
   * A POST to an expired link from the expired page's button (a form with `refresh=yes` and a valid CSRF
   * value): sends the link's holder a fresh link, by email only and never to an address from the form.
   * Without it, or for any other POST, an expired link answers with its expired page and changes nothing.
   */
  refresh?(c: LinkContext): Promise<HttpResponse>;
}

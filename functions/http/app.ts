import { loadCycleContext } from '../shared/services/cycle-context';
import { LinkUsedError, MeetingCycleError } from '../shared/domain/errors';
import { html } from '../shared/domain/html';
import { checkCsrf, csrfFor, hashToken, isWellFormedToken } from '../shared/domain/links';
import { CLAIM_STALE_MS, isLinkPurpose, linkHolder, type HolderRefusal } from '../shared/domain/link-policy';
import { cancelledLinkRefusal } from '../shared/domain/cancellation';
import type { CoreDeps } from '../shared/ports';
import { appendLogKeys, log } from '../shared/runtime/observability';
import { errorStatus } from './error-status';
import { pageFor } from './links/pages';
import type { Performed } from './links/types';
import { json, notice, page, type HttpResponse } from './page';

export interface HttpRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The raw body, decoded from base64 if API Gateway encoded it. */
  body: string;
  contentType: string;
}

/** Largest form body accepted (minutes are the biggest), in bytes. */
export const MAX_FORM_BYTES = 512 * 1024;

/** Why a link no longer lets its holder act (functions/shared/domain/link-policy.ts, `linkHolder`). */
function whyRefused(refused: HolderRefusal | undefined, board: string): string {
  if (refused?.reason === 'role') return `It was sent to the ${refused.role} of ${board}, and its holder no longer is; nothing was changed.`;
  if (refused?.reason === 'revoked') return `It was withdrawn when its holder's membership of ${board} changed.`;
  return `Its holder is no longer a member of ${board}.`;
}

/**
 * The link pages: GET shows a confirmation page and never changes anything (mail scanners open every
 * link); the page's form POSTs, with a CSRF value bound to the token, and that performs the change.
 */
export const makeHttpApp =
  (d: CoreDeps) =>
  async (req: HttpRequest): Promise<HttpResponse> => {
    if (req.path === '/health') return json(200, { ok: true });
    // The public agenda pages are their own module, read with the first request for one.
    if (req.path.startsWith('/public/')) return (await import('./public-agenda')).handlePublicRequest(d, req);
    const match = /^\/l\/([^/]+)(?:\/(.*))?$/.exec(req.path);
    if (!match) return page(404, 'Not found', notice('There is nothing at this address.'));
    const rest = match[2] ?? '';
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') return page(405, 'Not allowed', notice('Use the link in your email.'));
    d.telemetry.count('LinkRequests');
    try {
      // A malformed escape ("%E0%A4%A") is no token of ours: the same page as any unknown link.
      const token = decodeToken(match[1] ?? '');
      const res = token === undefined ? unknownLink() : await handleLink(d, req, token, rest);
      if (REFUSALS.has(res.statusCode)) refused(d, token ?? '', res.statusCode);
      return res;
    } catch (err) {
      return errorPage(err);
    }
  };

/** The statuses of a link that does not let its holder act: unknown, no longer theirs, not from our page, expired. */
const REFUSALS = new Set([403, 404, 410]);

/** Counts a refusal and logs it by the link's hash prefix and purpose: never the token. */
function refused(d: Pick<CoreDeps, 'telemetry'>, token: string, status: number): void {
  d.telemetry.count('LinkRefusals');
  log().info('Link refused', { status, link: isWellFormedToken(token) ? hashToken(token).slice(0, 8) : 'malformed' });
}

/** The token in a link's path, or undefined when its percent-escapes do not decode. */
function decodeToken(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

const unknownLink = () =>
  page(404, 'This link is not valid', notice('Please check that you copied the whole link from the email, or ask the secretariat for a new one.'));

async function handleLink(d: CoreDeps, req: HttpRequest, token: string, rest: string): Promise<HttpResponse> {
  const unknown = unknownLink();
  if (!isWellFormedToken(token)) return unknown;
  const link = await d.links.getLink(hashToken(token));
  // A reply address's hash is never a link's: reply tokens are not shaped like link tokens.
  if (!link || !isLinkPurpose(link.purpose)) return unknown;
  // The purpose's page is loaded only once the link is known to be live, or expired (its expired page is the
  // purpose's own): an unknown, withdrawn, cancelled or used link is answered without loading any purpose.
  const purpose = link.purpose;
  appendLogKeys({ purpose: link.purpose, link: link.tokenHash.slice(0, 8), boardId: link.boardId, cycleId: link.cycleId });
  const cycle = await loadCycleContext(d, link.boardId, link.cycleId);
  const contact = cycle.secretariatEmail ? `the secretariat at ${cycle.secretariatEmail}` : 'the secretariat';
  const ctx = { d, link, token, self: `/l/${token}`, csrf: csrfFor(token), cycle, query: req.query, rest };
  const { holder, refused } = linkHolder(link, cycle.members);
  const noHolder = () => page(403, 'This link is no longer active', notice(`${whyRefused(refused, cycle.board.name)} Please contact ${contact}.`));
  const cancelled = cancelledLinkRefusal(cycle.cycle, link.purpose, cycle.when);
  if (cancelled) return page(410, 'This meeting was cancelled', html`${notice(cancelled)}<p>Questions: ${contact}.</p>`);
  if (Date.parse(link.expiresAt) <= d.clock.now().getTime()) {
    // The one thing a POST may do on an expired link: ask for a fresh one, which goes to the holder only.
    // Only the expired page's own button asks (refresh=yes); a form sent late saves nothing and gets the expired page.
    const handler = await pageFor(purpose);
    if (req.method === 'POST' && handler.refresh && !(link.singleUse && link.usedAt)) {
      if (!holder) return noHolder();
      const read = readForm(req, token);
      if ('refused' in read) return read.refused;
      if (read.form.refresh === 'yes') return handler.refresh({ ...ctx, holder });
    }
    if (handler.expired) return handler.expired(ctx, contact);
    return page(
      410,
      'This link has expired',
      html`${notice(`It expired on ${cycle.when(link.expiresAt)}.`)}<p>If you still need it, ask ${contact} for a fresh link.</p>`,
    );
  }
  if (link.singleUse && link.usedAt) {
    return alreadyDone(link.outcome, contact);
  }
  if (!holder) return noHolder();
  const handler = await pageFor(purpose);
  if (req.method !== 'POST') return handler.show({ ...ctx, holder });

  const read = readForm(req, token);
  if ('refused' in read) return read.refused;
  if (!link.singleUse) return (await handler.perform({ ...ctx, holder }, read.form)).response;
  // Claimed before anything is done, so of two POSTs (a double click, a retried request) one acts.
  const claimedAt = d.clock.now().toISOString();
  if (!(await d.links.claim(link.tokenHash, claimedAt, new Date(Date.parse(claimedAt) - CLAIM_STALE_MS).toISOString()))) {
    return firstOutcome(d, link.tokenHash, contact);
  }
  let done: Performed;
  try {
    done = await handler.perform({ ...ctx, holder }, read.form);
  } catch (err) {
    // Nothing was done, or what was is recorded where a retry finds it: the holder may try again.
    await d.links.release(link.tokenHash, claimedAt).catch(() => undefined);
    throw err;
  }
  if (!done.outcome) {
    await d.links.release(link.tokenHash, claimedAt);
    return done.response;
  }
  try {
    await d.links.markUsed(link.tokenHash, d.clock.now().toISOString(), done.outcome);
  } catch (err) {
    if (!(err instanceof LinkUsedError)) throw err;
  }
  return done.response;
}

/** How long a POST that lost the claim waits for the first one's outcome before saying it is under way. */
const FIRST_OUTCOME_WAIT_MS = 5_000;

/** The page for a POST that found its link claimed: what the first one did, once it is recorded. */
/** What a used single-use link shows: what was done with it, and whom to ask. */
function alreadyDone(outcome: string | undefined, contact: string): HttpResponse {
  return page(200, 'Already done', html`${notice(outcome ?? 'This link has already been used.')}<p>Nothing more is needed. Questions: ${contact}.</p>`);
}

async function firstOutcome(d: CoreDeps, tokenHash: string, contact: string): Promise<HttpResponse> {
  const giveUp = Date.now() + FIRST_OUTCOME_WAIT_MS;
  for (;;) {
    const link = await d.links.getLink(tokenHash);
    if (link?.usedAt) return alreadyDone(link.outcome, contact);
    if (Date.now() >= giveUp) {
      return page(409, 'This is being done', notice('Your earlier request is still being carried out. Refresh this page in a moment to see what was done.'));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The fields of a POST from one of our pages: a form of sensible size, carrying the CSRF value bound to the token.
 * Any body reads as fields or a refusal page; nothing in it throws.
 */
export function readForm(req: HttpRequest, token: string): { form: Record<string, string> } | { refused: HttpResponse } {
  if (Buffer.byteLength(req.body) > MAX_FORM_BYTES)
    return { refused: page(413, 'Too much text', notice(`A form may send at most ${MAX_FORM_BYTES / 1024} KB.`)) };
  if (!req.contentType.startsWith('application/x-www-form-urlencoded'))
    return { refused: page(415, 'Unexpected form', notice('Please use the form on the page.')) };
  const form = Object.fromEntries(new URLSearchParams(req.body));
  if (!checkCsrf(token, form.csrf)) {
    return { refused: page(403, 'Please use the form on the page', notice('This request did not come from the page behind your link.')) };
  }
  return { form };
}

function errorPage(err: unknown): HttpResponse {
  const known = errorStatus(err);
  if (known) return page(known.status, known.title, notice((err as Error).message));
  if (err instanceof MeetingCycleError) return page(400, 'That did not work', notice(err.message));
  log().error('Unhandled error in a link page', { error: err });
  return page(500, 'Something went wrong', notice('Nothing was changed. Please try again in a few minutes; if it keeps happening, tell the secretariat.'));
}

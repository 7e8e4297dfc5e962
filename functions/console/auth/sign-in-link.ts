import { html, type SafeHtml } from '../../shared/domain/html';
import { hashToken, isWellFormedToken } from '../../shared/domain/links';
import type { SignInRecord } from '../../shared/ports';
import { notice, redirect } from '../../http/page';
import type { ConsoleResponse, RouteContext } from '../types';
import { askForLinkForm } from './forms';
import { clearCookie, cookieNames, localNext, SIGN_IN_LINK_MINUTES } from './policy';
import { standingOf } from './principal';
import { logSecurityEvent, signIn } from './session';

type Refusal = 'unknown-link' | 'used-link' | 'expired-link' | 'wrong-browser' | 'not-allowed';

/** Each refusal's page: a status, a title, what happened in words, and always the form to ask again. */
const REFUSALS: Record<Refusal, { status: number; title: string; text: string }> = {
  'unknown-link': {
    status: 404,
    title: 'This sign-in link does not work',
    text: 'This link is not one we sent, or it was cut short when it was copied. Ask for a new one below.',
  },
  'used-link': {
    status: 409,
    title: 'This sign-in link has already been used',
    text: 'Each link signs in once. If you pressed the button twice, you are signed in already in the window where it worked. Otherwise, ask for a new link below.',
  },
  'expired-link': {
    status: 410,
    title: 'This sign-in link has expired',
    text: `This sign-in link has expired. Links last ${SIGN_IN_LINK_MINUTES} minutes. Ask for a new one below.`,
  },
  'wrong-browser': {
    status: 403,
    title: 'Please use the browser where you asked for this link',
    text: 'For your safety, a sign-in link works only in the browser where you asked for it. Open the link there, or ask for a new link from this browser below.',
  },
  'not-allowed': {
    status: 403,
    title: 'This address may no longer sign in',
    text: 'Since this link was sent, this address has lost the role that lets it sign in to the console. Ask your board’s secretariat if that is a mistake.',
  },
};

function refusalPage(ctx: RouteContext, refusal: Refusal, record?: SignInRecord): ConsoleResponse {
  const { status, title, text } = REFUSALS[refusal];
  const next = record?.next;
  const body: SafeHtml = html`${notice(text)}${refusal === 'not-allowed' ? '' : askForLinkForm({ csrf: ctx.csrf, ...(next ? { next } : {}) })}`;
  return ctx.page(status, title, body);
}

/** The link's record if it may sign in from this browser, or why not (recorded in the security log). */
async function checkLink(ctx: RouteContext): Promise<{ record: SignInRecord } | { refused: ConsoleResponse }> {
  const token = ctx.params.token;
  const record = isWellFormedToken(token) ? await ctx.d.signIns.getSignIn(hashToken(token)) : undefined;
  const binding = ctx.req.cookies[cookieNames(ctx.options).binding];
  const refusal: Refusal | undefined = !record
    ? 'unknown-link'
    : record.usedAt !== undefined
      ? 'used-link'
      : ctx.now.toISOString() >= record.expiresAt
        ? 'expired-link'
        : !isWellFormedToken(binding) || hashToken(binding) !== record.bindingHash
          ? 'wrong-browser'
          : undefined;
  if (refusal === undefined && record) return { record };
  await logSecurityEvent(ctx.d, ctx.req, { event: 'sign-in-refused', ...(record ? { email: record.email } : {}), reason: refusal ?? 'unknown-link' });
  return { refused: refusalPage(ctx, refusal ?? 'unknown-link', record) };
}

/** GET /console/sign-in/:token: only a button. Mail scanners open links; only the POST signs in. */
export async function showLink(ctx: RouteContext): Promise<ConsoleResponse> {
  const checked = await checkLink(ctx);
  if ('refused' in checked) return checked.refused;
  return ctx.page(
    200,
    'Sign in',
    html`<p>Press the button to sign in to the console as ${checked.record.email}.</p>
<form method="post" action="/console/sign-in/${ctx.params.token ?? ''}"><input type="hidden" name="csrf" value="${ctx.csrf}"><button type="submit">Sign in</button></form>`,
  );
}

/**
 * POST /console/sign-in/:token: claims the link (a conditional write, so a double click signs in once),
 * ends any session this browser had, and starts a new one with a new id.
 */
export async function useLink(ctx: RouteContext): Promise<ConsoleResponse> {
  const { d, req, options } = ctx;
  const checked = await checkLink(ctx);
  if ('refused' in checked) return checked.refused;
  const { record } = checked;
  const standing = await standingOf(d, record.email, options);
  if (!standing) {
    await logSecurityEvent(d, req, { event: 'sign-in-refused', email: record.email, reason: 'not-allowed' });
    return refusalPage(ctx, 'not-allowed', record);
  }
  const at = ctx.now.toISOString();
  if (!(await d.signIns.claimSignIn(record.tokenHash, at))) {
    await logSecurityEvent(d, req, { event: 'sign-in-refused', email: record.email, reason: 'used-link' });
    return refusalPage(ctx, 'used-link', record);
  }
  let cookie: string;
  try {
    cookie = await signIn(d, req, options, { email: record.email, boardIds: [...standing.principal.boards.keys()] });
  } catch (error) {
    await d.signIns.releaseSignIn(record.tokenHash, at);
    throw error;
  }
  return { ...redirect(localNext(record.next) ?? '/console', 303), cookies: [cookie, clearCookie(cookieNames(options).binding, options)] };
}

import * as z from '../../shared/validation/zod';
import { consoleSignInEmail } from '../../emails';
import { html, type SafeHtml } from '../../shared/domain/html';
import { hashToken, isWellFormedToken, newLinkToken } from '../../shared/domain/links';
import { notice } from '../../http/page';
import { log } from '../../shared/runtime/observability';
import type { ConsoleResponse, RouteContext } from '../types';
import { askForLinkForm, signOutForms } from './forms';
import { cookieNames, emailHash, localNext, setCookie, SIGN_IN_LIMITS, SIGN_IN_LINK_MINUTES, signInWindow } from './policy';
import { standingOf } from './principal';
import { logSecurityEvent } from './session';

const emailSchema = z.email().check(z.maxLength(254));

/** The neutral answer: the same page, status and cookies whether or not the address may sign in. */
const NEUTRAL_MESSAGE = 'If this address may sign in, a link is on its way.';

/** GET /console/sign-in: the form; for someone already signed in, who they are and how to sign out. */
export async function showSignIn(ctx: RouteContext): Promise<ConsoleResponse> {
  if (ctx.principal) {
    const who = ctx.principal.name === ctx.principal.email ? ctx.principal.email : `${ctx.principal.name} (${ctx.principal.email})`;
    return ctx.page(
      200,
      'Sign in',
      html`<p class="ok">You are signed in as ${who}.</p><p><a href="/console">Go to your boards</a></p>${signOutForms(ctx.csrf)}`,
    );
  }
  const next = localNext(ctx.req.query.next);
  const ended = ctx.req.cookies[cookieNames(ctx.options).session] ? notice('Your session has ended. Please sign in again.') : '';
  return ctx.page(
    200,
    'Sign in',
    html`${ended}<p>We will email you a link that signs you in. It works for ${SIGN_IN_LINK_MINUTES} minutes, once, in this browser.</p>
${askForLinkForm({ csrf: ctx.csrf, ...(next ? { next } : {}) })}${await signInAsForms(ctx)}`,
  );
}

/** The local cloud's shortcut: a button per seeded person, signing in without the mailbox. Never in AWS. */
async function signInAsForms(ctx: RouteContext): Promise<SafeHtml | string> {
  const people = (await ctx.options.local?.people()) ?? [];
  if (people.length === 0) return '';
  const buttons = people.map(
    (p) =>
      html`<form method="post" action="/console/local/sign-in-as"><input type="hidden" name="csrf" value="${ctx.csrf}"><input type="hidden" name="email" value="${p.email}"><button type="submit" class="secondary">Sign in as ${p.name}</button> <span class="muted">${p.email}, ${p.role}</span></form>`,
  );
  return html`<h2>Local cloud only: sign in as</h2><p>Without going through the mailbox. This shortcut does not exist in AWS.</p>${buttons}`;
}

/**
 * POST /console/sign-in: counts the request against the client's and the address's limits, and emails
 * a link to an address that may sign in. Always the same page, so the answer tells nobody which
 * addresses are known; the browser gets its binding cookie either way.
 */
export async function askForLink(ctx: RouteContext): Promise<ConsoleResponse> {
  const { d, req, options } = ctx;
  const next = localNext(ctx.form.next);
  const email = emailSchema.safeParse(
    String(ctx.form.email ?? '')
      .trim()
      .toLowerCase(),
  );
  if (!email.success) {
    const form = askForLinkForm({
      csrf: ctx.csrf,
      ...(next ? { next } : {}),
      email: String(ctx.form.email ?? '').slice(0, 254),
      error: 'Please enter your email address, like name@example.org.',
    });
    return ctx.page(422, 'Sign in', form);
  }
  const address = email.data;
  const names = cookieNames(options);
  const existing = req.cookies[names.binding];
  const binding = isWellFormedToken(existing) ? existing : newLinkToken();
  const neutral = ctx.page(
    200,
    'Check your email',
    html`${notice(NEUTRAL_MESSAGE)}<p>The link works for ${SIGN_IN_LINK_MINUTES} minutes, once, and only in this browser. Nothing arrived after a few minutes? Check your junk mail folder, then <a href="/console/sign-in">ask again</a>.</p>`,
    { cookies: [setCookie(names.binding, binding, options, SIGN_IN_LINK_MINUTES * 60)] },
  );

  const window = signInWindow(ctx.now);
  const clientOk = await d.signIns.countAttempt(`client#${req.sourceIp}`, window.start, SIGN_IN_LIMITS.perClient, window.end);
  const addressOk = clientOk && (await d.signIns.countAttempt(`address#${emailHash(address)}`, window.start, SIGN_IN_LIMITS.perAddress, window.end));
  if (!addressOk) {
    await logSecurityEvent(d, req, { event: 'sign-in-refused', email: emailHash(address), reason: clientOk ? 'rate-limited-address' : 'rate-limited-client' });
    return neutral;
  }
  const standing = await standingOf(d, address, options);
  if (!standing) {
    await logSecurityEvent(d, req, { event: 'sign-in-refused', email: emailHash(address), reason: 'unknown-address' });
    return neutral;
  }
  const token = newLinkToken();
  const tokenHash = hashToken(token);
  await d.signIns.putSignIn({
    tokenHash,
    email: address,
    bindingHash: hashToken(binding),
    ...(next ? { next } : {}),
    createdAt: ctx.now.toISOString(),
    expiresAt: new Date(ctx.now.getTime() + SIGN_IN_LINK_MINUTES * 60_000).toISOString(),
  });
  const boardIds = [...standing.principal.boards.keys()];
  const rendered = consoleSignInEmail({
    ...standing.contact,
    signInUrl: `${d.config.appUrl}/console/sign-in/${token}`,
    minutes: SIGN_IN_LINK_MINUTES,
  });
  try {
    await d.sendOnce(`console-sign-in#${tokenHash}`, { to: [{ name: standing.principal.name, email: address }], kind: 'console-sign-in', ...rendered });
  } catch (error) {
    // A failure page would tell a stranger that this address is known: the log says what happened.
    log().error('The sign-in email could not be sent', { error });
    await logSecurityEvent(d, req, { event: 'sign-in-refused', email: address, boardIds, reason: 'email-not-sent' });
    return neutral;
  }
  await logSecurityEvent(d, req, { event: 'sign-in-link-sent', email: address, boardIds });
  return neutral;
}

import { addMember, memberFingerprint, updateMember, type MemberFields } from '../../admin/members';
import { AlreadyExistsError, NotFoundError, StaleVersionError, ValidationError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import { ROLES, type Member, type Role } from '../../shared/domain/types';
import type { ConsoleResponse, RouteContext } from '../types';
import { rolesText } from './members-list';
import { boardOf, boardPath, canWrite, csrfField, errorSummary, fieldError, issuesByField, memberPath } from './view';

const ROLE_HINTS: Record<Role, string> = {
  chair: 'approves the minutes; sees the console read-only',
  secretariat: 'runs the board’s cycles in the console',
  member: 'gets the agenda call and the papers',
  officer: 'presents papers; not a voting member',
  'vice-chair': 'approves the minutes when the chair cannot (one member, not the chair)',
};

const FIELDS = ['name', 'email', 'organisation', 'roles'] as const;

interface FormState {
  name: string;
  email: string;
  organisation: string;
  roles: Role[];
}

const stateOf = (m: Pick<Member, 'name' | 'email' | 'organisation' | 'roles'>): FormState => ({
  name: m.name,
  email: m.email,
  organisation: m.organisation,
  roles: [...m.roles],
});

/**
 * The roles a posted form gives. A secretariat member sees the secretariat box disabled, and a browser
 * does not send a disabled box: for them the member keeps the secretariat role they have.
 */
function postedRoles(ctx: RouteContext, current?: Member): Role[] {
  const roles = ROLES.filter((r) => ctx.form[`role-${r}`]);
  if (!ctx.principal?.admin && current?.roles.includes('secretariat') && !roles.includes('secretariat')) roles.push('secretariat');
  return ROLES.filter((r) => roles.includes(r));
}

const posted = (ctx: RouteContext, current?: Member): FormState => ({
  name: ctx.form.name ?? '',
  email: ctx.form.email ?? '',
  organisation: ctx.form.organisation ?? '',
  roles: postedRoles(ctx, current),
});

function textInput(name: 'name' | 'email' | 'organisation', label: string, value: string, errors?: string[], hint?: string): SafeHtml {
  const id = `m-${name}`;
  const described = [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : html``}${errors?.length ? html` aria-invalid="true"` : html``}`;
  const hintText = hint ? html`<small id="${id}-hint">${hint}</small>` : html``;
  const type = name === 'email' ? 'email' : 'text';
  return html`<label for="${id}">${label}</label>${hintText}<input type="${type}" id="${id}" name="${name}" value="${value}"${aria}>${fieldError(id, errors)}`;
}

function memberForm(
  ctx: RouteContext,
  input: { action: string; state: FormState; submit: string; fingerprint?: string; errors?: Map<string, string[]>; emailHint?: string },
): SafeHtml {
  const admin = !!ctx.principal?.admin;
  const boxes = ROLES.map((role) => {
    const locked = role === 'secretariat' && !admin;
    const checked = input.state.roles.includes(role) ? html` checked` : html``;
    const disabled = locked ? html` disabled aria-describedby="role-secretariat-hint"` : html``;
    const hint = locked ? html`<small id="role-secretariat-hint">Only a console admin can give or take away the secretariat role.</small>` : html``;
    return html`<div><label class="inline" for="role-${role}"><input type="checkbox" id="role-${role}" name="role-${role}"${checked}${disabled}> ${role} <span class="muted">(${ROLE_HINTS[role]})</span></label>${hint}</div>`;
  });
  const fingerprint = input.fingerprint ? html`<input type="hidden" name="fingerprint" value="${input.fingerprint}">` : html``;
  const e = input.errors;
  return html`<form method="post" action="${input.action}" novalidate>${csrfField(ctx)}${fingerprint}
${textInput('name', 'Name', input.state.name, e?.get('name'))}
${textInput('email', 'Email address', input.state.email, e?.get('email'), input.emailHint)}
${textInput('organisation', 'Organisation', input.state.organisation, e?.get('organisation'), 'Optional.')}
<fieldset><legend>Roles</legend>${boxes}${fieldError('roles', e?.get('roles'))}</fieldset>
<button type="submit">${input.submit}</button></form>`;
}

/** A refusal's messages by field, and the list for the summary at the top. */
function refusal(error: ValidationError): { byField: Map<string, string[]>; summary: string[] } {
  const byField = issuesByField(error, FIELDS);
  const summary = [...byField].flatMap(([field, list]) =>
    list.map((m) => (field && field !== 'roles' ? `${field[0]?.toUpperCase()}${field.slice(1)} ${m}` : m)),
  );
  return { byField, summary };
}

const backLink = (boardId: string, name: string): SafeHtml => html`<p><a href="${boardPath(boardId, '/members')}">Members of ${name}</a></p>`;

/** GET /console/boards/:board/members/new: the form for one member. */
export async function newMemberPage(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  if (!canWrite(ctx))
    return ctx.page(200, 'Add a member', html`${backLink(board.boardId, board.name)}<p class="muted">Only the secretariat can add members.</p>`);
  const state: FormState = { name: '', email: '', organisation: '', roles: ['member'] };
  const form = memberForm(ctx, { action: boardPath(board.boardId, '/members/new'), state, submit: 'Add the member' });
  return ctx.page(200, 'Add a member', html`${backLink(board.boardId, board.name)}${form}`);
}

/** POST /console/boards/:board/members/new: adds the member, or shows the form again with what is wrong. */
export async function addMemberFromForm(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  const state = posted(ctx);
  const actor = { email: ctx.principal?.email ?? '', admin: !!ctx.principal?.admin };
  const again = (status: number, errors: Map<string, string[]>, summary: string[]) =>
    ctx.page(
      status,
      'Add a member',
      html`${backLink(board.boardId, board.name)}${errorSummary('Nothing was saved.', summary)}${memberForm(ctx, { action: boardPath(board.boardId, '/members/new'), state, submit: 'Add the member', errors })}`,
    );
  try {
    const member = await addMember(ctx.d, board.boardId, state satisfies MemberFields, actor);
    return ctx.page(
      201,
      'Member added',
      html`<p class="ok" role="status">${member.name} (${member.email}) is now a member of ${board.name}, as ${rolesText(member)}.</p>${backLink(board.boardId, board.name)}<p><a href="${boardPath(board.boardId, '/members/new')}">Add another member</a></p>`,
    );
  } catch (error) {
    if (error instanceof AlreadyExistsError) {
      const why = `${state.email.trim().toLowerCase()} is already a member of this board.`;
      return again(409, new Map([['email', [why]]]), [why]);
    }
    if (!(error instanceof ValidationError)) throw error;
    const { byField, summary } = refusal(error);
    return again(422, byField, summary);
  }
}

async function loadMember(ctx: RouteContext): Promise<Member> {
  const member = await ctx.d.boards.getMember(boardOf(ctx).boardId, ctx.params.member ?? '');
  if (!member) throw new NotFoundError('There is no such member on this board: they may have been removed.');
  return member;
}

function readOnlyMember(member: Member): SafeHtml {
  return html`<dl><dt>Name</dt><dd>${member.name}</dd><dt>Email</dt><dd>${member.email}</dd><dt>Organisation</dt><dd>${member.organisation || '—'}</dd><dt>Roles</dt><dd>${rolesText(member)}</dd><dt>Id</dt><dd><code>${member.memberId}</code></dd></dl>`;
}

const EMAIL_HINT = 'Changing it stops every link already sent to this member from working; new emails carry new links.';

/** GET /console/boards/:board/members/:member: the member's details, editable by the secretariat. */
export async function memberPage(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  const member = await loadMember(ctx);
  const body = canWrite(ctx)
    ? memberForm(ctx, {
        action: memberPath(board.boardId, member.memberId),
        state: stateOf(member),
        submit: 'Save the member',
        fingerprint: memberFingerprint(member),
        emailHint: EMAIL_HINT,
      })
    : readOnlyMember(member);
  return ctx.page(200, member.name, html`${backLink(board.boardId, board.name)}${body}`);
}

/**
 * POST /console/boards/:board/members/:member: saves the edit if the member is still as the form showed
 * them; otherwise (409) says so, with the details saved now next to what was entered, to reload.
 */
export async function saveMember(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  const current = await loadMember(ctx);
  const state = posted(ctx, current);
  const actor = { email: ctx.principal?.email ?? '', admin: !!ctx.principal?.admin };
  const action = memberPath(board.boardId, current.memberId);
  const head = backLink(board.boardId, board.name);
  try {
    const result = await updateMember(
      ctx.d,
      { boardId: board.boardId, memberId: current.memberId, fingerprint: ctx.form.fingerprint ?? '', fields: state },
      actor,
    );
    const changes = result.changes.map((c) => html`<li>${c.field}: ${c.from || '—'} → ${c.to || '—'}</li>`);
    const links = result.linksRevoked
      ? html`<p>The email address changed: links already sent to ${current.email} no longer work, and new emails go to ${result.member.email}.</p>`
      : html``;
    const done = result.changes.length
      ? html`<div class="ok" role="status"><p><strong>Saved.</strong></p><ul>${changes}</ul>${links}</div>`
      : html`<p class="notice" role="status">Nothing changed.</p>`;
    const form = memberForm(ctx, {
      action,
      state: stateOf(result.member),
      submit: 'Save the member',
      fingerprint: memberFingerprint(result.member),
      emailHint: EMAIL_HINT,
    });
    return ctx.page(200, result.member.name, html`${head}${done}${form}`);
  } catch (error) {
    if (error instanceof StaleVersionError) {
      const now = (await ctx.d.boards.getMember(board.boardId, current.memberId)) ?? current;
      const rows = FIELDS.map((f) => {
        const saved = f === 'roles' ? rolesText(now) : now[f];
        const yours = f === 'roles' ? state.roles.join(', ') : state[f];
        return html`<tr><th scope="row">${f}</th><td>${saved || '—'}</td><td>${yours || '—'}</td></tr>`;
      });
      const body = html`${head}<div class="error" role="alert"><p><strong>${error.message}</strong></p><p><a href="${action}">Reload the member</a></p></div>
<div class="table-wrap"><table><caption>Saved now and what you entered</caption><tr><th scope="col">Detail</th><th scope="col">Saved now</th><th scope="col">You entered</th></tr>${rows}</table></div>`;
      return ctx.page(409, now.name, body);
    }
    if (!(error instanceof ValidationError)) throw error;
    const { byField, summary } = refusal(error);
    const form = memberForm(ctx, { action, state, submit: 'Save the member', fingerprint: ctx.form.fingerprint ?? '', errors: byField, emailHint: EMAIL_HINT });
    return ctx.page(422, current.name, html`${head}${errorSummary('Nothing was saved.', summary)}${form}`);
  }
}

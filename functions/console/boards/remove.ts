import { makeMemberLeaves } from '../../admin/member-leaves';
import { consoleActor } from './audit-page';
import { isClosed } from '../../shared/domain/action-changes';
import { NotFoundError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import type { Action, Member } from '../../shared/domain/types';
import type { ConsoleResponse, RouteContext } from '../types';
import { rolesText } from './members-list';
import { boardOf, boardPath, canWrite, csrfField, memberPath } from './view';

/** What removing a member would do to the board's open actions, worked out as makeMemberLeaves does it. */
export interface RemovalPlan {
  /** Actions only they own: back to the secretariat to reassign. */
  toSecretariat: Action[];
  /** Actions shared with others: those owners keep them. */
  staying: Action[];
  /** Actions with a hand-over to or from them pending: withdrawn. */
  handOvers: Action[];
  /** Why they cannot be removed yet, if so: the board's only chair or secretariat member. */
  blocked?: string;
}

export async function removalPlan(ctx: RouteContext, member: Member): Promise<RemovalPlan> {
  const boardId = member.boardId;
  const [members, actions] = await Promise.all([ctx.d.boards.listMembers(boardId), ctx.d.actions.listActions(boardId)]);
  const open = actions.filter((a) => !isClosed(a));
  const owned = open.filter((a) => a.ownerMemberIds.includes(member.memberId));
  const plan: RemovalPlan = {
    toSecretariat: owned.filter((a) => a.ownerMemberIds.every((id) => id === member.memberId)),
    staying: owned.filter((a) => a.ownerMemberIds.some((id) => id !== member.memberId)),
    handOvers: open.filter((a) => a.pendingDelegation && (a.pendingDelegation.from === member.memberId || a.pendingDelegation.to === member.memberId)),
  };
  for (const role of ['chair', 'secretariat'] as const) {
    if (member.roles.includes(role) && members.filter((m) => m.roles.includes(role)).length === 1)
      plan.blocked = `${member.name} is the board's only ${role}: add their successor with the ${role} role first, then remove them.`;
  }
  return plan;
}

const actionList = (actions: readonly Action[], names: ReadonlyMap<string, string>, leaving?: string): SafeHtml =>
  html`<ul>${actions.map(
    (a) =>
      html`<li>Action ${a.number}: ${a.text}${
        leaving
          ? html` <span class="muted">(stays with ${a.ownerMemberIds
              .filter((id) => id !== leaving)
              .map((id) => names.get(id) ?? id)
              .join(', ')})</span>`
          : html``
      }</li>`,
  )}</ul>`;

/** GET /console/boards/:board/members/:member/remove: what removing them would do, before doing it. */
export async function removePage(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  const member = await ctx.d.boards.getMember(board.boardId, ctx.params.member ?? '');
  const back = html`<p><a href="${boardPath(board.boardId, '/members')}">Members of ${board.name}</a></p>`;
  if (!member) return ctx.page(404, 'Remove a member', html`${back}<p class="notice">This member is not on the board: they may have been removed already.</p>`);
  const plan = await removalPlan(ctx, member);
  const names = new Map((await ctx.d.boards.listMembers(board.boardId)).map((m) => [m.memberId, m.name]));
  const staying = plan.staying.filter((a) => !plan.toSecretariat.includes(a));
  const parts = html`<p>${member.name} (${member.email}, ${rolesText(member)}) will be taken off ${board.name}. Every link already sent to them stops working.</p>
${plan.toSecretariat.length ? html`<h2>Back to the secretariat to reassign</h2>${actionList(plan.toSecretariat, names)}` : html`<p>No action will be left without an owner.</p>`}
${staying.length ? html`<h2>Staying with their other owners</h2>${actionList(staying, names, member.memberId)}` : html``}
${plan.handOvers.length ? html`<h2>Hand-overs withdrawn</h2>${actionList(plan.handOvers, names)}` : html``}`;
  const form =
    plan.blocked || !canWrite(ctx)
      ? html`<p class="error">${plan.blocked ?? 'Only the secretariat can remove a member.'}</p>`
      : html`<form method="post" action="${memberPath(board.boardId, member.memberId, '/remove')}">${csrfField(ctx)}
<label for="reason">Reason</label><small id="reason-hint">Optional; recorded on each action they owned, such as "left the council".</small>
<input type="text" id="reason" name="reason" maxlength="500" aria-describedby="reason-hint">
<button type="submit" class="danger">Remove ${member.name}</button></form>`;
  return ctx.page(200, `Remove ${member.name}`, html`${back}${parts}${form}`);
}

/**
 * POST /console/boards/:board/members/:member/remove: removes them with the CLI's core (their actions
 * go back or stay, hand-overs are withdrawn, the secretariat is emailed) and says what was done. A
 * second POST (a double click) finds them gone and changes nothing.
 */
export async function removeMember(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  const back = html`<p><a href="${boardPath(board.boardId, '/members')}">Members of ${board.name}</a></p>`;
  const member = await ctx.d.boards.getMember(board.boardId, ctx.params.member ?? '');
  if (!member) {
    return ctx.page(
      200,
      'Already removed',
      html`<p class="notice" role="status">This member is no longer on the board: they were already removed. Nothing was changed.</p>${back}`,
    );
  }
  const reason = (ctx.form.reason ?? '').trim();
  let result: Awaited<ReturnType<ReturnType<typeof makeMemberLeaves>>>;
  try {
    result = await makeMemberLeaves(ctx.d, consoleActor(ctx))({ boardId: board.boardId, member: member.memberId, ...(reason ? { reason } : {}) });
  } catch (error) {
    // The other click of a double click removed them between this one's read and its removal.
    if (!(error instanceof NotFoundError)) throw error;
    return ctx.page(200, 'Already removed', html`<p class="notice" role="status">${member.name} was already removed. Nothing was changed.</p>${back}`);
  }
  const numbers = (list: number[]) => list.map((n) => `action ${n}`).join(', ');
  const body = html`<div class="ok" role="status"><p>${member.name} was removed from ${board.name}; links sent to them no longer work.</p>
${result.unassigned.length ? html`<p>Back with the secretariat to reassign: ${numbers(result.unassigned)}. The secretariat has been emailed the list.</p>` : html`<p>No action is left without an owner.</p>`}
${result.kept.length ? html`<p>Staying with their other owners: ${numbers(result.kept)}.</p>` : html``}</div>
${result.unassigned.length ? html`<p><a href="${boardPath(board.boardId, '/actions')}">Reassign them in the action register</a></p>` : html``}${back}`;
  return ctx.page(200, `${member.name} removed`, body);
}

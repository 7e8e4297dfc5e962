import { listDeclarations } from '../../admin/interests';
import { formatBoardDateTime } from '../../shared/domain/calendar';
import { NotFoundError } from '../../shared/domain/errors';
import { html } from '../../shared/domain/html';
import { INTEREST_KINDS, registerConfirmationDue } from '../../shared/domain/interests';
import { boardOf, boardPath } from '../boards/view';
import type { ConsoleResponse, RouteContext } from '../types';

/** GET /console/boards/:board/members/:member/interests: a member's register of interests and their declarations. */
export async function memberInterestsPage(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  const member = await ctx.d.boards.getMember(board.boardId, ctx.params.member ?? '');
  if (!member) throw new NotFoundError('There is no such member on this board.');
  const [register, declarations] = await Promise.all([
    ctx.d.interests.getRegister(board.boardId, member.memberId),
    listDeclarations(ctx.d, { boardId: board.boardId, memberId: member.memberId }),
  ]);
  const when = (iso: string) => formatBoardDateTime(iso, board.timeZone);
  const confirmed = register?.confirmedAt
    ? `Last confirmed ${when(register.confirmedAt)}.${registerConfirmationDue(register, ctx.now) ? ' Due again: the next circulation asks for it.' : ''}`
    : 'Never confirmed: the next circulation asks for it.';
  const entries = register?.entries.length
    ? html`<ul>${register.entries.map((e) => html`<li>${INTEREST_KINDS[e.kind]}: ${e.description} <small>(registered ${when(e.registeredAt)})</small></li>`)}</ul>`
    : html`<p>No interests are registered.</p>`;
  const declared = declarations.length
    ? html`<ul>${declarations.map((r) => html`<li>${r.meetingDate}: ${r.line}${r.papersWithheld ? ' Papers withheld.' : ''}</li>`)}</ul>`
    : html`<p>No declarations of interest in any meeting's items.</p>`;
  return ctx.page(
    200,
    `Interests of ${member.name}`,
    html`<p><a href="${boardPath(board.boardId, '/members')}">Members of ${board.name}</a></p>
<h2>Register of interests</h2><p>${confirmed}</p>${entries}<h2>Declarations in meetings</h2>${declared}`,
  );
}

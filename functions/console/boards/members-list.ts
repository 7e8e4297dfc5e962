import { html, type SafeHtml } from '../../shared/domain/html';
import type { Member } from '../../shared/domain/types';
import type { ConsoleResponse, RouteContext } from '../types';
import { boardOf, boardPath, canWrite, csrfField, memberPath } from './view';

/** Roles as a person reads them: "chair, member". */
export const rolesText = (member: Pick<Member, 'roles'>): string => member.roles.join(', ');

/** The CSV import's form: a file, or the CSV pasted, posted as multipart so a file can come with it. */
export function importForm(ctx: RouteContext, boardId: string): SafeHtml {
  return html`<section aria-labelledby="import"><h2 id="import">Import members from a CSV file</h2>
<p>The first line must be <code>name,email,organisation,roles</code>; separate several roles with a semicolon (<code>member;chair</code>). You will see every row before anything is saved, and a file is imported whole or not at all. At most 1 MB.</p>
<form method="post" action="${boardPath(boardId, '/members/import')}" enctype="multipart/form-data">${csrfField(ctx)}
<label for="csv-file">CSV file</label><input type="file" id="csv-file" name="file" accept=".csv,text/csv">
<label for="csv-text">Or paste the CSV</label><textarea id="csv-text" name="csvText" rows="6"></textarea>
<button type="submit">Check the file</button></form></section>`;
}

/** GET /console/boards/:board/members: who is on the board, and (for the secretariat) how to change that. */
export async function membersPage(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  const members = (await ctx.d.boards.listMembers(board.boardId)).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const write = canWrite(ctx);
  const rows = members.map(
    (m) =>
      html`<tr><td>${m.name} <small><a href="${memberPath(board.boardId, m.memberId, '/interests')}">Interests<span class="skip"> of ${m.name}</span></a></small></td><td>${m.email}</td><td>${m.organisation}</td><td>${rolesText(m)}</td><td><code>${m.memberId}</code></td>${
        write
          ? html`<td><a href="${memberPath(board.boardId, m.memberId)}">Edit<span class="skip"> ${m.name}</span></a> · <a href="${memberPath(board.boardId, m.memberId, '/remove')}">Remove<span class="skip"> ${m.name}</span></a></td>`
          : html``
      }</tr>`,
  );
  const head = html`<tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Organisation</th><th scope="col">Roles</th><th scope="col">Id</th>${write ? html`<th scope="col">Change</th>` : html``}</tr>`;
  const table = members.length
    ? html`<div class="table-wrap"><table><caption>${members.length} ${members.length === 1 ? 'member' : 'members'}</caption>${head}${rows}</table></div>`
    : html`<p class="notice">This board has no members yet.</p>`;
  const tools = write
    ? html`<p><a href="${boardPath(board.boardId, '/members/new')}">Add a member</a></p>${importForm(ctx, board.boardId)}`
    : html`<p class="muted">Only the secretariat can add, change or remove members.</p>`;
  return ctx.page(200, `Members of ${board.name}`, html`<p><a href="${boardPath(board.boardId)}">${board.name}</a></p>${table}${tools}`);
}

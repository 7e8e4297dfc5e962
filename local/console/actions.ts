import { loadActionRows } from '../../functions/admin/action-register';
import { actionsCsv } from '../../functions/shared/domain/actions-export';
import { NotFoundError } from '../../functions/shared/domain/errors';
import { html, type SafeHtml } from '../../functions/shared/domain/html';
import { ACTION_STATUSES, type ActionStatus } from '../../functions/shared/domain/types';
import type { CoreDeps } from '../../functions/shared/ports';

export type ActionsPage =
  { status: number; type: 'html'; title: string; body: SafeHtml } | { status: number; type: 'csv' | 'json'; body: string; fileName: string };

/**
 * The action register in the console: `/actions?board=<id>[&status=open]`, and the same as
 * `/actions.csv` or `/actions.json` (what `npx cycle actions export` writes).
 */
export async function actionsPage(d: Pick<CoreDeps, 'boards' | 'actions'>, path: string, query: URLSearchParams): Promise<ActionsPage | undefined> {
  const format = path === '/actions' ? 'html' : path === '/actions.csv' ? 'csv' : path === '/actions.json' ? 'json' : undefined;
  if (!format) return undefined;
  const boards = await d.boards.listBoards();
  const boardId = query.get('board') ?? boards[0]?.boardId ?? '';
  const statusParam = query.get('status') ?? '';
  const status = (ACTION_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as ActionStatus) : undefined;
  let rows;
  try {
    rows = await loadActionRows(d, boardId, status);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    return { status: 404, type: 'html', title: 'Actions', body: html`<p class="error">${err.message}</p>` };
  }
  const name = `${boardId}-actions${status ? `-${status}` : ''}`;
  if (format === 'csv') return { status: 200, type: 'csv', body: actionsCsv(rows), fileName: `${name}.csv` };
  if (format === 'json') return { status: 200, type: 'json', body: JSON.stringify(rows, null, 2), fileName: `${name}.json` };
  const qs = (extra: Record<string, string>) => new URLSearchParams({ board: boardId, ...(status ? { status } : {}), ...extra }).toString();
  const filters = ['', ...ACTION_STATUSES].map(
    (s) => html`<a href="/actions?${new URLSearchParams({ board: boardId, ...(s ? { status: s } : {}) }).toString()}">${s || 'all'}</a> `,
  );
  const table = rows.length
    ? html`<table><thead><tr><th>#</th><th>Status</th><th>Owners</th><th>Action</th><th>Due</th><th>Meeting</th><th>Latest update</th></tr></thead><tbody>${rows.map(
        (r) =>
          html`<tr><td>${r.number}</td><td>${r.status}</td><td>${r.owners}</td><td>${r.text}</td><td>${r.due}</td><td>${r.meeting}</td><td>${r.latestUpdate}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">No actions${status ? ` with status ${status}` : ''}.</p>`;
  return {
    status: 200,
    type: 'html',
    title: 'Actions',
    body: html`<h2>Action register: ${boards.find((b) => b.boardId === boardId)?.name ?? boardId} (${rows.length})</h2>
      <p>Show: ${filters} · Export: <a href="/actions.csv?${qs({})}">CSV</a> · <a href="/actions.json?${qs({})}">JSON</a> (as <code>npx cycle actions export --board ${boardId}</code>)</p>${table}`,
  };
}

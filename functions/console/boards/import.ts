import { checkMembersCsv, importMembers, readCsvText, type CheckedCsv } from '../../admin/members';
import { ValidationError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import type { Board } from '../../shared/domain/types';
import type { ConsoleResponse, RouteContext } from '../types';
import { importForm, rolesText } from './members-list';
import { parseMultipart, partNamed, type FormPart } from './multipart';
import { boardOf, boardPath, csrfField } from './view';

/** The largest CSV file (or pasted CSV) the console reads: thousands of members, far more than a board has. */
export const MAX_CSV_BYTES = 1024 * 1024;

/** The largest upload accepted before it is read: the CSV and the form's other fields. */
export const MAX_IMPORT_BODY_BYTES = MAX_CSV_BYTES + 16 * 1024;

const TITLE = 'Import members';

const back = (board: Board): SafeHtml => html`<p><a href="${boardPath(board.boardId, '/members')}">Members of ${board.name}</a></p>`;

type Read = { parts: FormPart[] } | { refused: ConsoleResponse };

/** The upload's parts, once its size, type and CSRF value are checked; or the refusal, having read nothing. */
function readUpload(ctx: RouteContext, board: Board): Read {
  const refuse = (status: number, message: string): Read => ({
    refused: ctx.page(status, TITLE, html`<p class="error" role="alert">${message} Nothing was imported.</p>${back(board)}`),
  });
  if (ctx.req.body.length > MAX_IMPORT_BODY_BYTES) {
    return refuse(413, `The file is too large: the console takes CSV files of at most ${MAX_CSV_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
  }
  let parts: FormPart[];
  try {
    parts = parseMultipart(ctx.req.body, ctx.req.contentType);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return refuse(400, error.message);
  }
  if (!ctx.checkCsrf(partNamed(parts, 'csrf')?.data.toString('utf8'))) {
    return refuse(403, 'This request did not come from a console page.');
  }
  return { parts };
}

/** The CSV an upload carries: the file if one was chosen, else the pasted text. */
function csvOf(parts: readonly FormPart[], names: readonly string[]): Buffer | undefined {
  for (const name of names) {
    const part = partNamed(parts, name);
    if (part && part.data.length > 0) return part.data;
  }
  return undefined;
}

function rowsTable(checked: CheckedCsv): SafeHtml {
  const rows = checked.rows.map(
    (r) => html`<tr><td>${r.line}</td><td>${r.member.name}</td><td>${r.member.email}</td><td>${r.member.organisation}</td><td>${rolesText(r.member)}</td></tr>`,
  );
  return html`<div class="table-wrap"><table><caption>${checked.rows.length} ${checked.rows.length === 1 ? 'member' : 'members'} to add</caption>
<tr><th scope="col">Line</th><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Organisation</th><th scope="col">Roles</th></tr>${rows}</table></div>`;
}

const errorList = (checked: CheckedCsv): SafeHtml =>
  html`<div class="error" role="alert"><p><strong>Fix these lines and check the file again.</strong> Nothing was imported.</p><ul>${checked.errors.map(
    (e) => html`<li>Line ${e.line}: ${e.message}</li>`,
  )}</ul></div>`;

/** Reads and checks the CSV of an upload, or says why it cannot be read. */
async function check(
  ctx: RouteContext,
  board: Board,
  bytes: Buffer | undefined,
): Promise<{ text: string; checked: CheckedCsv } | { refused: ConsoleResponse }> {
  const refuse = (status: number, message: string, form = true) => ({
    refused: ctx.page(
      status,
      TITLE,
      html`<p class="error" role="alert">${message} Nothing was imported.</p>${form ? importForm(ctx, board.boardId) : html``}${back(board)}`,
    ),
  });
  if (!bytes) return refuse(422, 'Choose a CSV file, or paste the CSV into the box.');
  if (bytes.length > MAX_CSV_BYTES) return refuse(413, `The file is too large: the console takes CSV files of at most ${MAX_CSV_BYTES / 1024 / 1024} MB.`);
  let text: string;
  try {
    text = readCsvText(bytes);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return refuse(422, error.message);
  }
  return { text, checked: checkMembersCsv(board.boardId, text, await ctx.d.boards.listMembers(board.boardId)) };
}

/**
 * POST /console/boards/:board/members/import (multipart): the preview. Nothing is saved: it lists the
 * members the file would add and every bad line with why; only a file without a bad line gets the
 * "Import these members" button, which sends the CSV back to be checked again and saved.
 */
export async function previewImport(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  const upload = readUpload(ctx, board);
  if ('refused' in upload) return upload.refused;
  const result = await check(ctx, board, csvOf(upload.parts, ['file', 'csvText']));
  if ('refused' in result) return result.refused;
  const { text, checked } = result;
  if (checked.errors.length) {
    return ctx.page(
      422,
      TITLE,
      html`${errorList(checked)}${checked.rows.length ? html`<h2>Lines without a problem</h2>${rowsTable(checked)}` : html``}${importForm(ctx, board.boardId)}${back(board)}`,
    );
  }
  if (checked.rows.length === 0) {
    return ctx.page(
      422,
      TITLE,
      html`<p class="error" role="alert">The file has its header line but no members. Nothing was imported.</p>${importForm(ctx, board.boardId)}${back(board)}`,
    );
  }
  const confirm = html`<form method="post" action="${boardPath(board.boardId, '/members/import/confirm')}" enctype="multipart/form-data">${csrfField(ctx)}<input type="hidden" name="csv" value="${text}">
<button type="submit">Import these members</button></form>`;
  return ctx.page(
    200,
    TITLE,
    html`<p class="notice">Nothing is saved yet. Check the list, then import it: every member, or none if something changed meanwhile.</p>${rowsTable(checked)}${confirm}${back(board)}`,
  );
}

/**
 * POST /console/boards/:board/members/import/confirm (multipart): checks the CSV again against the board
 * as it is now and adds every member, or none. A second click finds them all there and changes nothing.
 */
export async function confirmImport(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  const upload = readUpload(ctx, board);
  if ('refused' in upload) return upload.refused;
  const result = await check(ctx, board, csvOf(upload.parts, ['csv']));
  if ('refused' in result) return result.refused;
  const { text, checked } = result;
  if (checked.errors.length) {
    const members = await ctx.d.boards.listMembers(board.boardId);
    const emails = new Set(members.map((m) => m.email));
    const alone = checkMembersCsv(board.boardId, text, []);
    if (alone.errors.length === 0 && alone.rows.length > 0 && alone.rows.every((r) => emails.has(r.member.email))) {
      return ctx.page(
        200,
        TITLE,
        html`<p class="notice" role="status">These ${alone.rows.length} members are already on the board: the import was done already. Nothing was changed.</p>${back(board)}`,
      );
    }
    return ctx.page(422, TITLE, html`${errorList(checked)}${importForm(ctx, board.boardId)}${back(board)}`);
  }
  if (checked.rows.length === 0) return ctx.page(422, TITLE, html`<p class="error" role="alert">There are no members to import.</p>${back(board)}`);
  const who = { kind: 'secretariat', ...(ctx.principal?.email ? { email: ctx.principal.email } : {}) } as const;
  await importMembers(
    ctx.d,
    board.boardId,
    checked.rows.map((r) => r.member),
    who,
  );
  return ctx.page(
    200,
    TITLE,
    html`<p class="ok" role="status">Imported ${checked.rows.length} ${checked.rows.length === 1 ? 'member' : 'members'} into ${board.name}.</p>${rowsTable(checked)}${back(board)}`,
  );
}

import { changedSettings, SETTING_REACH, updateBoard, type BoardChange } from '../../admin/boards';
import { consoleActor } from './audit-page';
import { StaleVersionError, ValidationError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import type { Board } from '../../shared/domain/types';
import type { ConsoleResponse, RouteContext } from '../types';
import { formValues, patchFrom, postedValues, SETTING_FIELDS, settingLabel, settingsForm } from './settings-form';
import { boardOf, boardPath, canWrite, errorSummary, issuesByField } from './view';

const TITLE = 'Board settings';

/** Said before saving and after: a cycle's dates are its own once it starts. */
const WHERE_CHANGES_APPLY = html`<p class="notice">Changes apply to cycles started from now on; running cycles keep their dates. Some settings are also read by running cycles as they go: each group says where.</p>`;

/** A setting's value as a person reads it. */
export function showValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'not set';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length ? value.map(String).join('; ') : 'none';
  return String(value);
}

function formFor(ctx: RouteContext, board: Board, values: Record<string, string>, version: number, errors?: Map<string, string[]>): SafeHtml {
  if (!canWrite(ctx)) return html``;
  return settingsForm({ action: boardPath(board.boardId, '/settings'), csrf: ctx.csrf, version, values, ...(errors ? { errors } : {}) });
}

/** The settings as they are, for a chair who may read but not change them. */
function readOnly(board: Board): SafeHtml {
  const values = formValues(board);
  const rows = SETTING_FIELDS.map((f) => {
    const value = values[f.name] ?? '';
    const shown = f.kind === 'check' ? (value === 'on' ? 'yes' : 'no') : f.kind === 'lines' ? value.split('\n').join('; ') : value || 'not set';
    const option = f.options?.find((o) => o.value === value)?.label;
    return html`<tr><th scope="row">${f.label}</th><td>${option ?? shown}</td></tr>`;
  });
  return html`<p class="muted">Only the secretariat can change these settings.</p><div class="table-wrap"><table><caption>Settings of ${board.name}</caption>${rows}</table></div>`;
}

/** GET /console/boards/:board/settings: every setting in grouped fieldsets, or a read-only table for a chair. */
export async function settingsPage(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  const body = canWrite(ctx) ? html`${WHERE_CHANGES_APPLY}${formFor(ctx, board, formValues(board), board.version)}` : readOnly(board);
  return ctx.page(200, TITLE, html`<p><a href="${boardPath(board.boardId)}">${board.name}</a></p>${body}`);
}

function changeList(changes: readonly BoardChange[]): SafeHtml {
  const items = changes.map((c) => html`<li>${settingLabel(c.field)}: ${showValue(c.from)} → ${showValue(c.to)}</li>`);
  const reach = changedSettings(changes).map((s) => html`<li>${settingLabel(s)}: ${SETTING_REACH[s]}</li>`);
  return html`<div class="ok" role="status"><p><strong>Saved.</strong> What changed:</p><ul>${items}</ul>
<p>Changes apply to cycles started from now on; running cycles keep their dates. Running cycles read the new values in these places as they go:</p><ul>${reach}</ul></div>`;
}

/**
 * POST /console/boards/:board/settings: saves what the form changed, only if the board is still at the
 * version the form was filled in against. A stale form is refused (409) and shown again with what was
 * entered next to what is now saved; an invalid one (422) with the message by each field. Nothing is
 * written in either case.
 */
export async function saveSettings(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = boardOf(ctx);
  const head = html`<p><a href="${boardPath(board.boardId)}">${board.name}</a></p>`;
  const values = postedValues(ctx.form, board);
  const version = Number(ctx.form.version);
  if (!Number.isInteger(version) || version < 1) {
    return ctx.page(400, TITLE, html`${head}${errorSummary('The form is incomplete.', ['Nothing was saved: reload the page and make your change again.'])}`);
  }
  try {
    const { board: saved, changes } = await updateBoard(ctx.d, board.boardId, patchFrom(values, board), { expectedVersion: version, who: consoleActor(ctx) });
    const done = changes.length ? changeList(changes) : html`<p class="notice" role="status">Nothing changed: the settings were already as the form says.</p>`;
    return ctx.page(200, TITLE, html`${head}${done}${formFor(ctx, saved, formValues(saved), saved.version)}`);
  } catch (error) {
    if (error instanceof StaleVersionError) return staleForm(ctx, values, head);
    if (!(error instanceof ValidationError)) throw error;
    const issues = error.issues.map((i) => i.replace(/^standingItems\.(\d+) /, (_m, n: string) => `standingItems line ${Number(n) + 1} `));
    const byField = issuesByField(
      new ValidationError(error.message, issues),
      SETTING_FIELDS.map((f) => f.name).concat(['holidays', 'rules', 'actionReminders', 'meetingEvery']),
    );
    const messages = [...byField].flatMap(([field, list]) => list.map((m) => (field ? `${settingLabel(field)}: ${m}` : m)));
    const body = html`${head}${errorSummary('Nothing was saved. Please correct these settings:', messages)}${WHERE_CHANGES_APPLY}${formFor(ctx, board, values, version, byField)}`;
    return ctx.page(422, TITLE, body);
  }
}

/** The refusal of a form filled in against settings someone else has changed since: both values side by side. */
async function staleForm(ctx: RouteContext, values: Record<string, string>, head: SafeHtml): Promise<ConsoleResponse> {
  const current = (await ctx.d.boards.getBoard(boardOf(ctx).boardId)) ?? boardOf(ctx);
  const saved = formValues(current);
  const differ = SETTING_FIELDS.filter((f) => (saved[f.name] ?? '') !== (values[f.name] ?? ''));
  const show = (name: string, value: string) => {
    const field = SETTING_FIELDS.find((f) => f.name === name);
    if (field?.kind === 'check') return value === 'on' ? 'yes' : 'no';
    return field?.options?.find((o) => o.value === value)?.label ?? (value.split('\n').join('; ') || 'not set');
  };
  const rows = differ.map(
    (f) => html`<tr><th scope="row">${f.label}</th><td>${show(f.name, saved[f.name] ?? '')}</td><td>${show(f.name, values[f.name] ?? '')}</td></tr>`,
  );
  const table = differ.length
    ? html`<div class="table-wrap"><table><caption>Where the saved settings and yours differ</caption><tr><th scope="col">Setting</th><th scope="col">Saved now</th><th scope="col">You entered</th></tr>${rows}</table></div>`
    : html`<p>The settings saved now already match what you entered.</p>`;
  const body = html`${head}<div class="error" role="alert"><p><strong>Someone else changed these settings since you opened the page.</strong> Nothing you entered was saved. Your values are kept in the form below: check them against what is saved now, then save again.</p></div>
${table}${WHERE_CHANGES_APPLY}${formFor(ctx, current, values, current.version)}`;
  return ctx.page(409, TITLE, body);
}

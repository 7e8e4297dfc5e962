import { createBoard, defaultSettings } from '../../admin/boards';
import { consoleActor } from './audit-page';
import { AlreadyExistsError, ValidationError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import type { Board } from '../../shared/domain/types';
import type { ConsoleResponse, RouteContext } from '../types';
import { formValues, patchFrom, postedValues, SETTING_FIELDS, settingLabel, settingsForm, textField } from './settings-form';
import { boardPath, errorSummary, issuesByField } from './view';

const TITLE = 'Create a board';

/** A board with the default settings, for the form's starting values and to see what the form changes. */
const blankBoard = (): Board => ({ boardId: '', ...defaultSettings(''), version: 0 });

function form(ctx: RouteContext, values: Record<string, string>, boardId: string, errors?: Map<string, string[]>): SafeHtml {
  const idField = textField(
    'boardId',
    'Board id',
    'Lower-case letters, digits and hyphens, such as audit-committee: it appears in addresses and cannot be changed later.',
    boardId,
    errors?.get('boardId'),
  );
  return settingsForm({ action: '/console/boards/new', csrf: ctx.csrf, values, before: idField, submit: 'Create the board', ...(errors ? { errors } : {}) });
}

const INTRO = html`<p>Every setting but the name and id starts with the usual value; change what your board does differently. Members are added once the board exists.</p>`;

/** GET /console/boards/new (admins): the new board's id and name, and every setting at its default. */
export async function newBoardPage(ctx: RouteContext): Promise<ConsoleResponse> {
  return ctx.page(200, TITLE, html`${INTRO}${form(ctx, formValues(blankBoard()), '')}`);
}

/**
 * POST /console/boards/new: creates the board with the same core and checks as `npx cycle boards
 * create`, from what the form sets differently from the defaults. Invalid values (422) or a taken id
 * (409) show the form again with what was entered.
 */
export async function createBoardFromForm(ctx: RouteContext): Promise<ConsoleResponse> {
  const blank = blankBoard();
  const values = postedValues(ctx.form, blank);
  const boardId = (ctx.form.boardId ?? '').trim();
  try {
    const { name: _name, ...patch } = patchFrom(values, blank);
    const board = await createBoard(ctx.d, { boardId, name: values.name ?? '', ...patch }, consoleActor(ctx));
    const links = html`<ul><li><a href="${boardPath(board.boardId, '/members')}">Add members</a> (one by one, or from a CSV file)</li>
<li><a href="${boardPath(board.boardId, '/settings')}">Settings</a></li><li><a href="${boardPath(board.boardId)}">The board's page</a>, to start its first cycle</li></ul>`;
    return ctx.page(201, TITLE, html`<p class="ok" role="status">${board.name} was created (id ${board.boardId}).</p><p>Next:</p>${links}`);
  } catch (error) {
    if (error instanceof AlreadyExistsError) {
      const taken = new Map([['boardId', [`a board with the id ${boardId} already exists; choose another`]]]);
      const body = html`${errorSummary('Nothing was created.', [`A board with the id ${boardId} already exists.`])}${form(ctx, values, boardId, taken)}`;
      return ctx.page(409, TITLE, body);
    }
    if (!(error instanceof ValidationError)) throw error;
    const byField = issuesByField(error, ['boardId', ...SETTING_FIELDS.map((f) => f.name), 'holidays', 'rules', 'actionReminders', 'meetingEvery']);
    const messages = [...byField].flatMap(([field, list]) => list.map((m) => (field ? `${field === 'boardId' ? 'Board id' : settingLabel(field)}: ${m}` : m)));
    return ctx.page(422, TITLE, html`${errorSummary('Nothing was created. Please correct these:', messages)}${form(ctx, values, boardId, byField)}`);
  }
}

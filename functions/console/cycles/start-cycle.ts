import { cycleIdFor, makeStartCycle, startCycleRequest } from '../../admin/start-cycle';
import { consoleActor } from '../boards/audit-page';
import { formatCalendarDate } from '../../shared/domain/calendar';
import { AlreadyExistsError, TimelineError, ValidationError } from '../../shared/domain/errors';
import { html } from '../../shared/domain/html';
import { redirect } from '../../http/page';
import type { ConsoleResponse, RouteContext } from '../types';
import { boardPage } from './board-page';
import { fieldErrors } from './forms';
import { noticeRuleRefusal } from './notice-rule';
import { cyclePath } from './paths';
import { readable } from './words';

/** The start form's fields as sent; empty ones are left out so the schema's defaults apply. */
export function meetingFields(form: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of ['meetingDate', 'meetingTime', 'venue', 'overrideReason', 'extraordinaryReason', 'joinUrl', 'dialIn']) {
    const value = form[name]?.trim();
    if (value) values[name] = value;
  }
  return values;
}

/**
 * Starts a cycle with the CLI's core. Refusals re-show the board's page with the values and the reason
 * asked for; a second start for the same meeting (a double click, two people) gets the first cycle.
 */
export async function startCycle(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = ctx.board!;
  const values = meetingFields(ctx.form);
  // A reason given for an extraordinary meeting asks for one, ticked or not.
  const extraordinary = ctx.form.extraordinary === 'yes' || values.extraordinaryReason !== undefined;
  if (extraordinary) values.extraordinary = 'yes';
  const { extraordinary: _ticked, ...fields } = values;
  const input = { boardId: board.boardId, meetingDate: values.meetingDate ?? '', ...fields, ...(extraordinary ? { extraordinary: true } : {}) };
  const parsed = startCycleRequest.safeParse(input);
  if (!parsed.success) return boardPage(ctx, 422, { values, errors: fieldErrors(parsed.error), problem: 'The cycle was not started.' });
  try {
    const { cycle } = await makeStartCycle(ctx.d, consoleActor(ctx))(input);
    return redirect(`${cyclePath(board.boardId, cycle.cycleId)}?done=started`, 303);
  } catch (err) {
    if (err instanceof AlreadyExistsError) {
      const existing = cyclePath(board.boardId, cycleIdFor(board.boardId, parsed.data.meetingDate));
      return ctx.page(
        409,
        'This meeting already has a cycle',
        html`<p class="notice">${board.name} already has a cycle for the meeting on ${formatCalendarDate(parsed.data.meetingDate)}. Nothing new was started.</p><p><a href="${existing}">Open that cycle</a> to see where it stands, move its meeting or cancel it.</p>`,
      );
    }
    if (err instanceof TimelineError) {
      // The usual plan's notice rule does not say why a squeezed timeline was refused: its own message does.
      const notice = parsed.data.overrideReason || extraordinary ? undefined : await noticeRuleRefusal(board, parsed.data, ctx.now);
      return boardPage(ctx, 422, {
        values,
        problem: `The cycle was not started. ${notice ?? readable(err.message)}`,
        reasonOpen: notice !== undefined || err.message.includes('s100B'),
      });
    }
    if (err instanceof ValidationError) return boardPage(ctx, 422, { values, problem: `The cycle was not started. ${readable(err.message)}` });
    throw err;
  }
}

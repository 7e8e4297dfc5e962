import { NotFoundError } from '../../shared/domain/errors';
import { html } from '../../shared/domain/html';
import { download, notice } from '../../http/page';
import type { ConsoleResponse, RouteContext } from '../types';
import { isMinutesFormat, minutesFile } from './formats';

/** Version numbers as the page links them; anything else in the URL is simply not there. */
const VERSION = /^[1-9][0-9]{0,5}$/;

/**
 * One version of the cycle's minutes in one format, as a download. A version is looked up within the
 * cycle in the URL only (which the router checked belongs to the board), so another cycle's version,
 * an unknown version or a format the version does not exist in are all "not found".
 */
export async function minutesDownload(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = ctx.board!;
  const cycle = ctx.cycle!;
  const { version, format } = ctx.params;
  const missing = (): ConsoleResponse =>
    ctx.page(
      404,
      'Not found',
      html`${notice('This meeting has no such version of the minutes in that format.')}<p><a href="/console/boards/${encodeURIComponent(board.boardId)}/cycles/${encodeURIComponent(cycle.cycleId)}/minutes">See the versions there are</a></p>`,
    );
  if (!version || !VERSION.test(version) || !format || !isMinutesFormat(format)) return missing();
  const minutes = await ctx.d.cycles.getMinutes(cycle.cycleId, Number(version));
  if (!minutes || minutes.cycleId !== cycle.cycleId) return missing();
  const members = await ctx.d.boards.listMembers(board.boardId);
  const file = await minutesFile(ctx.d, { board, cycle, minutes, members }, format).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });
  if (!file) return missing();
  return download(file.fileName, file.contentType, file.body);
}

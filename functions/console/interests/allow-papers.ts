import { makeAllowPapers } from '../../admin/interests';
import { NotFoundError, ValidationError } from '../../shared/domain/errors';
import { redirect } from '../../http/page';
import { consoleActor } from '../boards/audit-page';
import { cyclePage } from '../cycles/cycle-page';
import { cyclePath } from '../cycles/paths';
import type { ConsoleResponse, RouteContext } from '../types';

/**
 * POST: lets a member have the papers of an item their declared interest withholds, with the reason
 * (audited). A refusal shows the cycle page again, 422, with the problem beside the form, nothing changed.
 */
export async function allowPapers(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = ctx.board!;
  const cycle = ctx.cycle!;
  const p = ctx.principal!;
  const memberId = ctx.form.memberId ?? '';
  const itemNumber = Number(ctx.form.itemNumber);
  try {
    await makeAllowPapers(
      ctx.d,
      consoleActor(ctx),
    )({
      boardId: board.boardId,
      cycleId: cycle.cycleId,
      memberId,
      itemNumber: ctx.form.itemNumber ?? '',
      reason: ctx.form.reason ?? '',
      by: p.name === p.email ? p.email : `${p.name} (${p.email})`,
    });
  } catch (err) {
    if (!(err instanceof ValidationError) && !(err instanceof NotFoundError)) throw err;
    return cyclePage(ctx, 422, {}, { memberId, itemNumber, problem: `Nothing was changed. ${err.message}` });
  }
  return redirect(`${cyclePath(board.boardId, cycle.cycleId)}?done=papers-allowed`, 303);
}

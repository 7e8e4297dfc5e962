import { addLateItemInput, makeAddLateItem } from '../../admin/late-items';
import { formatBoardDateTime } from '../../shared/domain/calendar';
import { NotFoundError, ValidationError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import { describeLateItemState } from '../../shared/domain/late-items';
import { redirect } from '../../http/page';
import { consoleActor } from '../boards/audit-page';
import type { ConsoleResponse, RouteContext } from '../types';
import type { CycleData } from './cycle-sections/data';
import { cyclePage } from './cycle-page';
import { fieldErrors } from './forms';
import { cyclePath } from './paths';
import { readable } from './words';

/** Whether the "Add a late item" form applies: after circulation, before the meeting, while the cycle runs. */
export const lateItemsOpen = (data: Pick<CycleData, 'cycle' | 'now'>): boolean =>
  data.cycle.status === 'running' && data.cycle.packs !== undefined && Date.parse(data.cycle.timeline.meeting) > data.now.getTime();

/** The cycle's late items, each with where it stands (waiting for the chair, approved with the reason, refused, not taken). */
export function lateItemsSection(data: CycleData): SafeHtml {
  const late = data.cycle.lateItems ?? [];
  if (late.length === 0) return html``;
  const when = (iso: string) => formatBoardDateTime(iso, data.board.timeZone);
  const rows = late.map(
    (l) =>
      html`<tr><th scope="row">${l.title}${l.confidential ? ' (confidential)' : ''}</th><td>${l.reason}</td><td>${l.addedBy}, ${when(l.addedAt)}</td>
<td>${describeLateItemState(l, data.cycle.timeline.meeting, data.now, when)}</td></tr>`,
  );
  return html`<h2>Late items</h2><div class="table-wrap"><table><caption>Added after circulation, for the chair to decide</caption>
<thead><tr><th scope="col">Title</th><th scope="col">Why it cannot wait</th><th scope="col">Added</th><th scope="col">Chair's decision</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** The extraordinary meeting's line in the cycle's summary, if it is one. */
export function extraordinaryRow(data: Pick<CycleData, 'cycle'>): SafeHtml {
  const e = data.cycle.extraordinary;
  if (!e) return html``;
  return html`<dt>Extraordinary meeting</dt><dd>Called at short notice by ${e.by}: ${e.reason}${e.compressed.length ? ` (timeline squeezed into the time left)` : ''}</dd>`;
}

/** Adds a late item with the CLI's core; a refusal re-shows the cycle page with the form kept and nothing stored. */
export async function addLateItem(ctx: RouteContext): Promise<ConsoleResponse> {
  const cycle = ctx.cycle!;
  const values = { title: ctx.form.title?.trim() ?? '', presenter: ctx.form.presenter?.trim() ?? '', reason: ctx.form.reason?.trim() ?? '' };
  const input = { cycleId: cycle.cycleId, title: values.title, reason: values.reason, ...(values.presenter ? { presenter: values.presenter } : {}) };
  const parsed = addLateItemInput.safeParse(input);
  if (!parsed.success) return cyclePage(ctx, 422, { lateItem: { values, errors: fieldErrors(parsed.error), problem: 'The item was not added.' } });
  try {
    await makeAddLateItem(ctx.d, consoleActor(ctx))(input);
  } catch (err) {
    if (!(err instanceof ValidationError || err instanceof NotFoundError)) throw err;
    return cyclePage(ctx, 422, { lateItem: { values, problem: `The item was not added. ${readable(err.message)}` } });
  }
  return redirect(`${cyclePath(ctx.board!.boardId, cycle.cycleId)}?done=late-item`, 303);
}

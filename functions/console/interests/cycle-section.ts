import { formatBoardDateTime } from '../../shared/domain/calendar';
import { html, type SafeHtml } from '../../shared/domain/html';
import { DESCRIPTION_MAX, INTEREST_KINDS, withheldItems, type Declaration } from '../../shared/domain/interests';
import type { RouteContext } from '../types';
import { csrfField } from '../boards/view';
import { nameOf, type CycleData } from '../cycles/cycle-sections/data';
import { cyclePath } from '../cycles/paths';

/** The allow form's button: tests press it by this label. */
export const ALLOW_PAPERS_BUTTON = 'Let them have the papers';

/** The secretariat's form that lets a member have the papers of an item their interest withholds. */
function allowForm(ctx: RouteContext, data: CycleData, d: Declaration, problem?: string): SafeHtml {
  const id = `reason-${d.itemNumber}-${d.memberId}`;
  return html`<form method="post" action="${cyclePath(data.board.boardId, data.cycle.cycleId)}/interests/allow">${csrfField(ctx)}
<input type="hidden" name="memberId" value="${d.memberId}"><input type="hidden" name="itemNumber" value="${d.itemNumber}">
${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}<label for="${id}">Why they may have them (recorded in the audit trail)</label>
<input type="text" id="${id}" name="reason" maxlength="${DESCRIPTION_MAX}" required><button type="submit">${ALLOW_PAPERS_BUTTON}</button></form>`;
}

/**
 * The meeting's declarations of interest: who declared what in which item, whether the item's papers
 * are withheld from them, and (for the secretariat) the form that lets them have the papers after all.
 */
export function interestsSection(
  ctx: RouteContext,
  data: CycleData,
  declarations: readonly Declaration[],
  write: boolean,
  refused?: { memberId: string; itemNumber: number; problem: string },
): SafeHtml {
  if (declarations.length === 0) return html`<h2>Declarations of interest</h2><p>No interests have been declared for this meeting.</p>`;
  const when = (iso: string) => formatBoardDateTime(iso, data.board.timeZone);
  const rows = declarations.map((d) => {
    const item = data.items.find((i) => i.number === d.itemNumber);
    const withheld = withheldItems(data.items, [d], d.memberId).has(d.itemNumber);
    const problem = refused && refused.memberId === d.memberId && refused.itemNumber === d.itemNumber ? refused.problem : undefined;
    const papers = d.papersAllowed
      ? html`Allowed by ${d.papersAllowed.by} on ${when(d.papersAllowed.at)}: ${d.papersAllowed.reason}`
      : withheld
        ? html`Withheld${write ? allowForm(ctx, data, d, problem) : ''}`
        : 'Not withheld';
    return html`<tr><th scope="row">${nameOf(data, d.memberId)}</th><td>${d.itemNumber}. ${item?.title ?? ''}${item?.confidential ? ' (confidential)' : ''}</td>
<td>${INTEREST_KINDS[d.kind]}${d.prejudicial ? ', takes no part' : ''}</td><td>${d.description}</td><td>${when(d.at)}</td><td>${papers}</td></tr>`;
  });
  return html`<h2>Declarations of interest</h2><div class="table-wrap"><table><caption>${declarations.length} declared before the meeting</caption>
<thead><tr><th scope="col">Member</th><th scope="col">Item</th><th scope="col">Interest</th><th scope="col">What it is</th><th scope="col">Declared</th><th scope="col">Papers</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

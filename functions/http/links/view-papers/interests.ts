import { html, type SafeHtml } from '../../../shared/domain/html';
import { declarationLines, isDeclarationsItem, withheldItems } from '../../../shared/domain/interests';
import type { AgendaItem } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { notice, page, type HttpResponse } from '../../page';

/** What the papers link knows of interests for its holder: items withheld from them, and the meeting's declarations. */
export interface PapersInterests {
  withheld: ReadonlySet<number>;
  /** Every declaration of the meeting, as lines for the agenda's declarations item. */
  lines: string[];
}

/**
 * Read on every request, not at circulation: a declaration made after the papers went out withholds
 * the item's papers from then on, and the secretariat's decision to allow them restores them at once.
 */
export async function papersInterests(d: Pick<CoreDeps, 'cycles' | 'interests'>, cycle: CycleContext, memberId: string): Promise<PapersInterests> {
  const [items, declarations] = await Promise.all([d.cycles.listItems(cycle.cycle.cycleId), d.interests.listDeclarations(cycle.cycle.cycleId)]);
  const names = new Map(cycle.members.map((m) => [m.memberId, m.name]));
  return { withheld: withheldItems(items, declarations, memberId), lines: declarationLines(declarations, names, items) };
}

/** The declarations under the agenda's declarations item, on the papers page. */
export function declarationsUnder(item: AgendaItem, interests: PapersInterests | undefined): SafeHtml {
  if (!interests || !isDeclarationsItem(item) || interests.lines.length === 0) return html``;
  return html`<ul>${interests.lines.map((l) => html`<li>${l}</li>`)}</ul>`;
}

/** An item's papers asked for by a member whose prejudicial interest withholds them. */
export const withheldPage = (cycle: CycleContext, item: number): HttpResponse =>
  page(
    403,
    'These papers are withheld from you',
    notice(
      `You declared an interest in item ${item}, a confidential item, and take no part in it, so its papers are withheld from you. ` +
        `If you need them, ask the secretariat${cycle.secretariatEmail ? ` at ${cycle.secretariatEmail}` : ''}.`,
    ),
  );

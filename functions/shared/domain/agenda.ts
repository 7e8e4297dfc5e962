import type { Action, AgendaItem, Proposal } from './types';

/** Standing items that close an agenda; proposals go before the first of these. */
const CLOSING = /any other business|\baob\b|date of (the )?next meeting/i;
const MINUTES_ITEM = /minutes|matters arising/i;

/**
 * The draft agenda: the board's standing items in order, accepted proposals before the closing items
 * (any other business, date of next meeting), and matters arising from open actions folded into the
 * "minutes of the last meeting" item when the board has one, or listed as an item of their own.
 */
export function buildDraftAgenda(input: {
  cycleId: string;
  standingItems: readonly string[];
  proposals: readonly Proposal[];
  openActions: readonly Action[];
}): AgendaItem[] {
  const { cycleId } = input;
  const closingAt = input.standingItems.findIndex((t) => CLOSING.test(t));
  const opening = closingAt < 0 ? [...input.standingItems] : input.standingItems.slice(0, closingAt);
  const closing = closingAt < 0 ? [] : input.standingItems.slice(closingAt);
  const standing = (title: string): Omit<AgendaItem, 'number'> => ({
    cycleId,
    title,
    purpose: MINUTES_ITEM.test(title) ? 'decision' : 'information',
    source: 'standing',
    paperExpected: false,
    confidential: false,
  });
  const items: Omit<AgendaItem, 'number'>[] = opening.map(standing);
  if (input.openActions.length > 0 && !opening.some((t) => MINUTES_ITEM.test(t))) {
    items.push({ cycleId, title: 'Matters arising', purpose: 'discussion', source: 'matters-arising', paperExpected: false, confidential: false });
  }
  const proposals = [...input.proposals].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const p of proposals) {
    items.push({
      cycleId,
      title: p.title,
      purpose: p.purpose,
      source: 'proposal',
      presenterMemberId: p.presenterMemberId,
      paperExpected: true,
      estimatedMinutes: p.estimatedMinutes,
      confidential: p.confidential,
      proposedBy: p.proposedBy,
    });
  }
  items.push(...closing.map(standing));
  return items.map((item, i) => ({ ...item, number: i + 1 }));
}

export const DEFAULT_STANDING_ITEMS: readonly string[] = [
  'Welcome, introductions and apologies',
  'Declarations of interest',
  'Minutes of the last meeting and matters arising',
  'Any other business',
  'Date of next meeting',
];

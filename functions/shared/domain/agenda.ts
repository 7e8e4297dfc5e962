import { ValidationError } from './errors';
import type { Action, ActionEvent, AgendaItem, Proposal } from './types';

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
  /** One line per open action from earlier cycles, with its latest update; shown under matters arising. */
  mattersArising?: readonly string[];
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
  const notes = input.mattersArising?.length ? { notes: [...input.mattersArising] } : {};
  const items: Omit<AgendaItem, 'number'>[] = opening.map((title) => ({ ...standing(title), ...(MINUTES_ITEM.test(title) ? notes : {}) }));
  if ((input.openActions.length > 0 || (input.mattersArising?.length ?? 0) > 0) && !opening.some((t) => MINUTES_ITEM.test(t))) {
    items.push({ cycleId, title: 'Matters arising', purpose: 'discussion', source: 'matters-arising', paperExpected: false, confidential: false, ...notes });
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

/** The agenda line of a confidential item in the public pack, in place of its title, presenter and page. */
export const EXEMPT_ITEM_TEXT = 'Exempt item: not for publication';

/** The secretariat's changes to one item on the confirmation page. */
export interface AgendaEdit {
  /** Position wanted; items are sorted by it (on a tie a moved item goes first), then renumbered from 1. */
  order: number;
  title: string;
  keep: boolean;
}

/**
 * Applies the secretariat's edits to the draft agenda: reorder, retitle, and leave items out. Returns
 * the confirmed agenda and the proposals left out, whose proposers are told.
 * @throws ValidationError naming each problem (an item without an edit, an empty or long title, an
 *   empty agenda).
 */
export function applyAgendaEdits(items: readonly AgendaItem[], edits: ReadonlyMap<number, AgendaEdit>): { items: AgendaItem[]; declined: AgendaItem[] } {
  const issues: string[] = [];
  for (const item of items) {
    const edit = edits.get(item.number);
    if (!edit) issues.push(`Item ${item.number} is missing from the form; reload the page and try again.`);
    else if (edit.keep && (edit.title.trim().length < 3 || edit.title.trim().length > 200))
      issues.push(`Item ${item.number} needs a title of 3 to 200 characters.`);
    else if (!Number.isFinite(edit.order)) issues.push(`Item ${item.number} needs a position on the agenda.`);
  }
  if (issues.length > 0) throw new ValidationError(issues.join(' '), issues);
  const kept = items.filter((i) => edits.get(i.number)?.keep);
  if (kept.length === 0) throw new ValidationError('An empty agenda cannot be confirmed: keep at least one item.');
  const ordered = kept
    .map((item, index) => ({ item, index, edit: edits.get(item.number) as AgendaEdit }))
    // On a tie, the item that was moved to that position goes first: "position 1" means first.
    .sort((a, b) => a.edit.order - b.edit.order || Number(b.edit.order !== b.item.number) - Number(a.edit.order !== a.item.number) || a.index - b.index)
    .map(({ item, edit }, i) => ({ ...item, title: edit.title.trim(), number: i + 1 }));
  return { items: ordered, declined: items.filter((i) => !edits.get(i.number)?.keep && i.source === 'proposal') };
}

/**
 * "Action 3 (in progress, due next meeting): text. Latest update, 12 January 2027: note"; an action
 * with a date that has passed (`today`, YYYY-MM-DD in the board's zone) is marked overdue.
 */
export function mattersArisingLine(action: Action, latest: ActionEvent | undefined, day: (iso: string) => string, today?: string): string {
  const status = action.status === 'in-progress' ? 'in progress' : action.status;
  const overdue = today !== undefined && action.due !== undefined && ISO_DATE.test(action.due) && action.due < today;
  const head = `Action ${action.number} (${status}${action.due ? `, due ${action.due}` : ''}${overdue ? ', overdue' : ''}): ${action.text}`;
  return latest ? `${head} Latest update, ${day(latest.at)}: ${latest.note || latest.status}` : `${head} No update yet.`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An owner's own updates (history also records due-date proposals and hand-overs). */
export const isOwnerUpdate = (e: ActionEvent): boolean => e.kind === undefined || e.kind === 'update';

/** What the next cycle reports on earlier actions: those still open, and those closed since the last meeting. */
export interface MattersArising {
  /** Open and in-progress actions from earlier cycles. */
  open: Action[];
  /** One line per open action, with its latest update; overdue ones marked. */
  openLines: string[];
  /** One line per action closed since the last meeting: "Action 2 (done on Tuesday 2 March 2027): text. note" */
  closedLines: string[];
}

/**
 * Matters arising for cycle `cycleId`: every open action of earlier cycles with its latest update, and
 * every action closed after `since` (the last meeting, an instant) listed as completed or dropped.
 */
export function mattersArising(input: {
  cycleId: string;
  actions: readonly { action: Action; events: readonly ActionEvent[] }[];
  since?: string;
  today: string;
  day: (iso: string) => string;
}): MattersArising {
  const earlier = input.actions.filter(({ action }) => action.cycleId !== input.cycleId);
  const open = earlier.filter(({ action }) => action.status === 'open' || action.status === 'in-progress');
  const closedLines = earlier.flatMap(({ action, events }) => {
    if (action.status !== 'done' && action.status !== 'dropped') return [];
    const closing = [...events].reverse().find((e) => e.status === action.status);
    if (!closing || (input.since !== undefined && closing.at <= input.since)) return [];
    const how = action.status === 'done' ? 'done' : 'dropped';
    return [`Action ${action.number} (${how} on ${input.day(closing.at)}): ${action.text}${closing.note ? ` ${closing.note}` : ''}`];
  });
  return {
    open: open.map(({ action }) => action),
    openLines: open.map(({ action, events }) => mattersArisingLine(action, events.filter(isOwnerUpdate).at(-1), input.day, input.today)),
    closedLines,
  };
}

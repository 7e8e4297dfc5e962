import * as z from '../validation/zod';
import { isClosed } from './action-changes';
import { isCalendarDate } from './calendar';
import { ACTION_STATUSES, type Action, type ActionStatus } from './types';
import { parseOrThrow } from './validate';

/** A status to show, or `overdue`: not closed, with a due date before today. */
export type ActionStatusFilter = ActionStatus | 'overdue';

/** The status choices of the register, in the order a form offers them. */
export const ACTION_STATUS_FILTERS: readonly ActionStatusFilter[] = [...ACTION_STATUSES, 'overdue'];

/** Which actions of the register to show; an absent field does not filter. */
export interface ActionFilter {
  status?: ActionStatusFilter;
  /** A member id: actions this member owns (one of several owners counts). */
  owner?: string;
  /** A cycle id: actions agreed at that meeting. */
  meeting?: string;
}

// An empty select ("all") sends an empty value: the same as no filter.
const optional = <T extends z.ZodMiniType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), z.optional(schema));

/** The filter as a GET form or the CLI gives it; ids are checked against the board by the caller. */
export const actionFilterSchema = z.object({
  status: optional(z.enum(ACTION_STATUS_FILTERS, { error: 'choose a status from the list' })),
  owner: optional(z.string().check(z.maxLength(100, { error: 'not a member of this board' }))),
  meeting: optional(z.string().check(z.maxLength(100, { error: 'not a meeting of this board' }))),
});

/**
 * The filter from a query string, fields other than the filter's ignored.
 * @throws ValidationError naming the field whose value is not one of the choices
 */
export function readActionFilter(query: Record<string, string | undefined>): ActionFilter {
  const parsed = parseOrThrow(actionFilterSchema, { status: query.status, owner: query.owner, meeting: query.meeting }, 'filter');
  return {
    ...(parsed.status ? { status: parsed.status } : {}),
    ...(parsed.owner ? { owner: parsed.owner } : {}),
    ...(parsed.meeting ? { meeting: parsed.meeting } : {}),
  };
}

/**
 * Still to be done and due before `today` (`YYYY-MM-DD`, the board's date now). A due date in words
 * ("next meeting") is never overdue: there is no date to be past.
 */
export function isOverdue(action: Pick<Action, 'status' | 'due'>, today: string): boolean {
  return !isClosed(action) && action.due !== undefined && isCalendarDate(action.due) && action.due < today;
}

/** Whether the action passes every field of the filter. */
export function matchesActionFilter(action: Action, filter: ActionFilter, today: string): boolean {
  if (filter.status === 'overdue' ? !isOverdue(action, today) : filter.status !== undefined && action.status !== filter.status) return false;
  if (filter.owner !== undefined && !action.ownerMemberIds.includes(filter.owner)) return false;
  return filter.meeting === undefined || action.cycleId === filter.meeting;
}

/** "14 actions, 3 overdue" for the actions shown. */
export function describeActionCount(actions: readonly Pick<Action, 'status' | 'due'>[], today: string): string {
  const overdue = actions.filter((a) => isOverdue(a, today)).length;
  const total = `${actions.length.toLocaleString('en-GB')} ${actions.length === 1 ? 'action' : 'actions'}`;
  return `${total}, ${overdue.toLocaleString('en-GB')} overdue`;
}

/** "overdue-ann-2027-03-10": the filter in a file name, each part reduced to letters, digits and hyphens. */
export function actionFilterSlug(filter: ActionFilter): string {
  return [filter.status, filter.owner, filter.meeting]
    .filter((part): part is string => part !== undefined)
    .map((part) =>
      part
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60),
    )
    .filter(Boolean)
    .join('-');
}

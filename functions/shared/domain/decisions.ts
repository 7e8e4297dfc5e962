import * as z from '../validation/zod';
import { guardedCsv } from './csv';
import { utcToZonedDate } from './calendar';
import { ValidationError } from './errors';
import { parseOrThrow } from './validate';

/**
 * The board's decisions register: what each meeting resolved, agreed, approved or noted, as its approved
 * minutes say (the minutes reader's `decisionsInMinutes`), kept beside the action register and exported
 * the same way. Pure: the caller reads the minutes and stores the decisions.
 */

/** One decision of a meeting, numbered in the order the minutes record it. */
export interface Decision {
  boardId: string;
  cycleId: string;
  /** 1, 2, … within the meeting: with the cycle, what makes storing the same minutes twice harmless. */
  number: number;
  text: string;
  /** The agenda item the decision was taken under, as the minutes head it; null before the first item. */
  item: string | null;
  /** The meeting's instant (ISO 8601). */
  meetingAt: string;
}

/** The decisions of one meeting's approved minutes, numbered, ready to store. */
export function meetingDecisions(
  meeting: { boardId: string; cycleId: string; meetingAt: string },
  found: readonly { text: string; item: string | null }[],
): Decision[] {
  return found.map((d, i) => ({ ...meeting, number: i + 1, text: d.text, item: d.item }));
}

/** One row of the register as a secretariat reads it. */
export interface DecisionRow {
  /** The meeting's date in the board's zone, `YYYY-MM-DD`. */
  meetingDate: string;
  meeting: string;
  number: number;
  item: string;
  text: string;
}

const COLUMNS: readonly (keyof DecisionRow)[] = ['meetingDate', 'meeting', 'number', 'item', 'text'];

/** Rows for the register and its exports: latest meeting first, each meeting's decisions in the minutes' order. */
export function decisionRows(decisions: readonly Decision[], timeZone: string): DecisionRow[] {
  return [...decisions]
    .sort((a, b) => b.meetingAt.localeCompare(a.meetingAt) || a.cycleId.localeCompare(b.cycleId) || a.number - b.number)
    .map((d) => ({ meetingDate: utcToZonedDate(d.meetingAt, timeZone), meeting: d.cycleId, number: d.number, item: d.item ?? '', text: d.text }));
}

/** The register as CSV, with the formula guard of the action export: decisions are text anyone may have written. */
export function decisionsCsv(rows: readonly DecisionRow[]): string {
  return guardedCsv(COLUMNS, rows);
}

/** Which decisions to show; an absent field does not filter. */
export interface DecisionFilter {
  /** A cycle id: the decisions of that meeting. */
  meeting?: string;
}

/** The filters the register understands: a query or CLI naming another is refused, never silently ignored. */
export const DECISION_FILTERS = ['meeting'] as const;

const decisionFilterSchema = z.object({
  meeting: z.preprocess((v) => (v === '' ? undefined : v), z.optional(z.string().check(z.maxLength(100, { error: 'not a meeting of this board' })))),
});

/**
 * The filter from a query string or the CLI's options.
 * @throws ValidationError naming a filter the register does not have, or a value that cannot be one
 */
export function readDecisionFilter(query: Record<string, string | undefined>): DecisionFilter {
  const unknown = Object.keys(query).filter((k) => !(DECISION_FILTERS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new ValidationError(
      `The decisions register has no filter ${unknown.map((k) => `"${k}"`).join(', ')}: it can be filtered by ${DECISION_FILTERS.join(', ')} only.`,
      unknown,
    );
  }
  const parsed = parseOrThrow(decisionFilterSchema, { meeting: query.meeting }, 'filter');
  return parsed.meeting ? { meeting: parsed.meeting } : {};
}

/** Whether `decision` passes `filter`. */
export const matchesDecisionFilter = (decision: Pick<Decision, 'cycleId'>, filter: DecisionFilter): boolean =>
  filter.meeting === undefined || decision.cycleId === filter.meeting;

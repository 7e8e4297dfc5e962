import { operator, type AuditActor } from '../shared/domain/audit';
import { auditNote } from '../shared/services/audit';
import * as z from '../shared/validation/zod';
import {
  BOARD_LIMITS,
  DEFAULT_ACTION_REMINDERS,
  DEFAULT_CLEAR_DAY_COUNT,
  DEFAULT_HOLIDAYS,
  DEFAULT_QUORUM,
  DEFAULT_RULES,
  DEFAULT_STANDING_ITEMS,
  DEFAULT_TIME_ZONE,
  DEFAULT_VENUE,
  describeRange,
  inRange,
  type WholeRange,
} from '../shared/domain/board-defaults';
import { isTimeZone } from '../shared/domain/calendar';
import { validHolidayRegion } from '../shared/domain/working-calendar';
import { NotFoundError, StaleVersionError, ValidationError } from '../shared/domain/errors';
import { executionLimitIssues } from '../shared/domain/execution-limit';
import { ruleIssues } from '../shared/domain/timeline';
import type { Board, ClearDayCount } from '../shared/domain/types';
import { ids } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

const show = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : String(value));

const whole = <T extends number = number>(range: WholeRange) =>
  z.custom<T>((v) => inRange(v, range), { error: (issue) => `must be ${describeRange(range)}, not ${show(issue.input)}` });

const text = () =>
  z
    .string({ error: 'must be text' })
    .check(
      z.trim(),
      z.minLength(BOARD_LIMITS.textLength.min, { error: 'must not be empty' }),
      z.maxLength(BOARD_LIMITS.textLength.max, { error: `must be at most ${BOARD_LIMITS.textLength.max} characters` }),
    );

const flag = () => z.boolean({ error: 'must be true or false' });

export const CLEAR_DAY_COUNTS = ['working', 'working-and-saturdays', 'calendar'] as const satisfies readonly ClearDayCount[];

const ruleDays = () => whole(BOARD_LIMITS.ruleDays);
const rules = z.strictObject({
  agendaCallDays: ruleDays(),
  itemDeadlineDays: ruleDays(),
  paperDeadlineDays: ruleDays(),
  paperReminderDays: ruleDays(),
  circulationDays: ruleDays(),
  supplementaryDays: z.optional(ruleDays()),
  minutesDraftDays: ruleDays(),
  chairApprovalDays: ruleDays(),
  followUpDays: ruleDays(),
  clearDays: ruleDays(),
  clearDayCount: z.optional(z.enum(CLEAR_DAY_COUNTS, { error: `must be one of ${CLEAR_DAY_COUNTS.join(', ')}` })),
});

const actionReminders = z.partial(
  z.strictObject({
    beforeDueWorkingDays: whole(BOARD_LIMITS.beforeDueWorkingDays),
    onDueDate: flag(),
    weeklyWhileOverdue: flag(),
    escalateAfterDays: whole(BOARD_LIMITS.escalateAfterDays),
    digestWeekday: whole<1 | 2 | 3 | 4 | 5>(BOARD_LIMITS.digestWeekday),
    followUpMaxDays: whole(BOARD_LIMITS.followUpMaxDays),
  }),
);

const settingsObject = z.strictObject({
  name: text(),
  timeZone: z.string().check(z.refine(isTimeZone, { error: (issue) => `must be an IANA time zone such as Europe/London, not ${show(issue.input)}` })),
  /** A date-holidays region: `{ country: 'GB', state: 'ENG' }` for England & Wales. */
  holidays: z.strictObject({
    country: z.string().check(z.trim(), z.minLength(1, { error: 'must name a country' })),
    state: z.optional(z.string().check(z.trim(), z.minLength(1))),
  }),
  quorum: whole(BOARD_LIMITS.quorum),
  defaultVenue: text(),
  standingItems: z.array(text()).check(z.maxLength(BOARD_LIMITS.standingItems.max, { error: `must be at most ${BOARD_LIMITS.standingItems.max} items` })),
  rules,
  publicAgenda: z.optional(flag()),
  publicMinutes: z.optional(flag()),
  meetingEvery: z.optional(z.strictObject({ weeks: whole(BOARD_LIMITS.meetingEveryWeeks) })),
  actionReminders: z.optional(actionReminders),
  publicIndex: z.optional(flag()),
});

/**
 * A board's settings: everything about a board but its id and version. The one schema the CLI, the
 * console and the tests validate a board with; its ranges come from BOARD_LIMITS, which the planner
 * and the action follow-up check too. The refinement adds what spans fields: the timeline's milestones
 * in order, a cycle that fits in one Step Functions execution, and a holiday region date-holidays knows.
 */
export const boardSettingsSchema = settingsObject.check(
  z.superRefine((settings, ctx) => {
    for (const message of ruleIssues(settings.rules)) ctx.addIssue({ code: 'custom', path: ['rules'], message });
    const followUpMaxDays = settings.actionReminders?.followUpMaxDays ?? DEFAULT_ACTION_REMINDERS.followUpMaxDays;
    for (const message of executionLimitIssues(settings.rules, followUpMaxDays)) ctx.addIssue({ code: 'custom', path: ['actionReminders'], message });
    try {
      validHolidayRegion(settings.holidays);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      ctx.addIssue({ code: 'custom', path: ['holidays'], message: error.message });
    }
  }),
);
export type BoardSettings = z.infer<typeof settingsObject>;

/**
 * A change to some settings: any subset, with `rules` and `actionReminders` themselves partial. `null`
 * for `meetingEvery` removes the board's rhythm; `false` for a publication flag turns it off.
 */
// Strict still: z.extend and z.partial keep the object's refusal of unknown keys (classic wrote `.strict()` again).
export const boardPatchSchema = z.partial(z.extend(settingsObject, { rules: z.partial(rules), meetingEvery: z.nullable(settingsObject.shape.meetingEvery) }));
export type BoardPatch = z.input<typeof boardPatchSchema>;

/** What `createBoard` takes: the id and name, and any settings that differ from the defaults. */
export const createBoardSchema = z.extend(boardPatchSchema, {
  boardId: z
    .string()
    .check(z.refine((id) => ids.boardId.safeParse(id).success, { error: 'must be lower-case letters, digits and hyphens, up to 63 characters' })),
  name: text(),
});
export type CreateBoardInput = z.input<typeof createBoardSchema>;

/** A board's settings when its creator gives only a name. */
export function defaultSettings(name: string): BoardSettings {
  return {
    name,
    timeZone: DEFAULT_TIME_ZONE,
    holidays: { ...DEFAULT_HOLIDAYS },
    quorum: DEFAULT_QUORUM,
    defaultVenue: DEFAULT_VENUE,
    standingItems: [...DEFAULT_STANDING_ITEMS],
    rules: { ...DEFAULT_RULES, clearDayCount: DEFAULT_CLEAR_DAY_COUNT },
  };
}

/** Parses or throws a ValidationError naming each field (`rules.clearDays`) and what it must be. */
function parseSettings<S extends z.core.$ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `${i.keys.join(', ')} ${i.keys.length === 1 ? 'is not a board setting' : 'are not board settings'}`;
    // Cross-field messages from the domain are whole sentences already.
    if (i.code === 'custom' && /^[A-Z"]/.test(i.message)) return i.message.replace(/\.$/, '');
    return `${i.path.length ? i.path.join('.') : 'the settings'} ${i.message}`;
  });
  throw new ValidationError(`The board settings are not valid: ${issues.join('; ')}.`, issues);
}

/** `settings` with `patch` applied: nested rules and reminders merged; what is switched off left out, as create leaves it. */
function applyPatch(settings: BoardSettings, patch: z.output<typeof boardPatchSchema>): BoardSettings {
  const { rules: rulePatch, actionReminders: reminderPatch, meetingEvery, ...rest } = patch;
  const next: BoardSettings = { ...settings, ...rest, rules: { ...settings.rules, ...rulePatch } };
  if (reminderPatch) next.actionReminders = { ...settings.actionReminders, ...reminderPatch };
  if (meetingEvery === null) delete next.meetingEvery;
  else if (meetingEvery) next.meetingEvery = meetingEvery;
  // A board stores only the opt-ins it takes and the reminder settings it sets, so defaults can still change.
  if (next.publicAgenda === false) delete next.publicAgenda;
  if (next.publicMinutes === false) delete next.publicMinutes;
  if (next.publicIndex === false) delete next.publicIndex;
  if (next.actionReminders && Object.keys(next.actionReminders).length === 0) delete next.actionReminders;
  return next;
}

/** A board's settings: the board without its id and version. */
export const settingsOf = ({ boardId: _id, version: _version, ...settings }: Board): BoardSettings => settings;

/**
 * Creates a board from its id, name and any settings that differ from the defaults.
 * @throws ValidationError naming each setting out of range, and the range.
 * @throws AlreadyExistsError if a board has that id.
 */
export async function createBoard(d: Pick<CoreDeps, 'boards' | 'audit' | 'clock'>, input: CreateBoardInput, who: AuditActor = operator()): Promise<Board> {
  const { boardId, name, ...patch } = parseSettings(createBoardSchema, input);
  const settings = parseSettings(boardSettingsSchema, applyPatch(defaultSettings(name), patch));
  // The board and its audit entry are one transaction.
  return d.boards.putBoard({ boardId, ...settings, version: 1 }, undefined, auditNote(d, who, { type: 'board-created', name }));
}

/** One setting that an update changed, as a dotted path (`rules.clearDays`); `undefined` is "not set". */
export interface BoardChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface UpdateBoardResult {
  board: Board;
  changes: BoardChange[];
}

const leaves = (value: unknown, prefix = ''): Map<string, unknown> => {
  const out = new Map<string, unknown>();
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) for (const [k, v] of leaves(inner, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  } else if (prefix) out.set(prefix, value);
  return out;
};

/** The settings that differ between `before` and `after`, in the order of the settings. */
export function boardChanges(before: BoardSettings, after: BoardSettings): BoardChange[] {
  const was = leaves(before);
  const now = leaves(after);
  const fields = [...new Set([...was.keys(), ...now.keys()])];
  return fields
    .filter((field) => JSON.stringify(was.get(field)) !== JSON.stringify(now.get(field)))
    .map((field) => ({ field, from: was.get(field), to: now.get(field) }));
}

/**
 * Changes some settings of an existing board. The board is re-read, the patch applied and the whole
 * result checked by the same schema as a new board, then written only if the board's version is still
 * the one read; nothing is written when the patch changes nothing or fails. Cycles keep the timeline
 * they were planned with; SETTING_REACH says what running cycles still read from the board.
 * @throws ValidationError naming each setting out of range, and the range; the board is unchanged.
 * @throws NotFoundError for an unknown board.
 * @throws StaleVersionError when someone else changed the board meanwhile (or since `expectedVersion`,
 * the version a form was filled in against); the board keeps their change.
 */
export async function updateBoard(
  d: Pick<CoreDeps, 'boards' | 'audit' | 'clock'>,
  boardId: string,
  patch: BoardPatch,
  options: { expectedVersion?: number; who?: AuditActor } = {},
): Promise<UpdateBoardResult> {
  const parsed = parseSettings(boardPatchSchema, patch);
  const board = await d.boards.getBoard(boardId);
  if (!board) throw new NotFoundError(`There is no board "${boardId}".`);
  // A form read an earlier version: its values were chosen against settings that are no longer there.
  if (options.expectedVersion !== undefined && options.expectedVersion !== board.version)
    throw new StaleVersionError(
      `Board ${boardId} was changed by someone else since version ${options.expectedVersion} was read, so this update was not applied.`,
    );
  const before = settingsOf(board);
  const after = parseSettings(boardSettingsSchema, applyPatch(before, parsed));
  const changes = boardChanges(before, after);
  if (changes.length === 0) return { board, changes };
  try {
    const note = auditNote(d, options.who ?? operator(), { type: 'board-changed', settings: changes.map((c) => c.field) });
    const saved = await d.boards.putBoard({ boardId, ...after, version: board.version }, board.version, note);
    return { board: saved, changes };
  } catch (error) {
    if (!(error instanceof StaleVersionError)) throw error;
    throw new StaleVersionError(`Board ${boardId} was changed by someone else while this update was made, so it was not applied. Look again and retry.`, {
      cause: error,
    });
  }
}

/**
 * Where a running cycle still reads each setting from the board as it is at the time. A cycle's
 * timeline is its own, planned when it starts, but no setting is read only through it: an update
 * reaches cycles already running in these places, and the CLI says so.
 */
export const SETTING_REACH = {
  name: 'the emails and pages sent from now on',
  timeZone: 'the dates shown from now on and the action follow-up',
  holidays: 'the working days of the action follow-up, and a re-plan when the meeting is moved',
  quorum: 'the next quorum check on apologies',
  defaultVenue: 'the next meeting proposed from approved minutes',
  standingItems: 'a draft agenda not yet built (it is built at the item deadline)',
  rules: 'a re-plan when the meeting is moved with `cycle move`',
  publicAgenda: 'the public page of each meeting',
  publicMinutes: 'minutes approved from now on, and the public page of each meeting',
  meetingEvery: 'the next meeting proposed from approved minutes',
  actionReminders: 'the next action follow-up run (a week at most)',
  publicIndex: 'the public index of the board (/public/<board>)',
} as const satisfies Record<keyof BoardSettings, string>;

/** The top-level settings among `changes`, each once. */
export function changedSettings(changes: readonly BoardChange[]): (keyof BoardSettings)[] {
  return [...new Set(changes.map((c) => c.field.split('.')[0] as keyof BoardSettings))];
}

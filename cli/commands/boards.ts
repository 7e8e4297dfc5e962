import os from 'node:os';
import { Option, type Command } from 'commander';
import { changedSettings, createBoard, SETTING_REACH, updateBoard, type BoardChange, type BoardPatch } from '../../functions/admin/boards';
import {
  BOARD_LIMITS,
  DEFAULT_ACTION_REMINDERS,
  DEFAULT_QUORUM,
  DEFAULT_RULES,
  DEFAULT_TIME_ZONE,
  DEFAULT_VENUE,
  type WholeRange,
} from '../../functions/shared/domain/board-defaults';
import { operator } from '../../functions/shared/domain/audit';
import { ValidationError } from '../../functions/shared/domain/errors';
import { deps } from '../../functions/shared/runtime/deps';
import { connect, print, withCommon, type Common } from '../common';

/** `--digest-day` values, Monday first: the board's `digestWeekday` is the position, from 1. */
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

/** The settings options as commander hands them over; `false` is a `--no-…` option. */
interface SettingsOptions {
  name?: string;
  timeZone?: string;
  holidays?: string;
  quorum?: string;
  venue?: string;
  clearDays?: string;
  clearDayCount?: string;
  publicAgenda?: boolean;
  meetingEvery?: string | false;
  publicMinutes?: boolean;
  publicIndex?: boolean;
  remindBefore?: string;
  escalateAfter?: string;
  digestDay?: (typeof WEEKDAYS)[number];
}

/** The option that sets each setting, so a refusal names what the secretariat typed. */
const OPTION_FOR: Record<string, string> = {
  boardId: '--id',
  name: '--name',
  timeZone: '--time-zone',
  holidays: '--holidays',
  'holidays.country': '--holidays',
  'holidays.state': '--holidays',
  quorum: '--quorum',
  defaultVenue: '--venue',
  'rules.clearDays': '--clear-days',
  'rules.clearDayCount': '--clear-day-count',
  'meetingEvery.weeks': '--meeting-every',
  'actionReminders.beforeDueWorkingDays': '--remind-before',
  'actionReminders.escalateAfterDays': '--escalate-after',
  'actionReminders.digestWeekday': '--digest-day',
};

const range = (r: WholeRange) => `${r.min} to ${r.max}`;

/** Adds the options of every setting; `update` has no defaults and can switch the opt-ins off. */
function settingsOptions(cmd: Command, kind: 'create' | 'update'): Command {
  const byDefault = (text: string) => (kind === 'create' ? ` (default ${text})` : '');
  cmd
    .option('--time-zone <zone>', `IANA time zone, e.g. Europe/London${byDefault(DEFAULT_TIME_ZONE)}`)
    .option('--holidays <region>', `bank holidays: GB-ENG (England & Wales), GB-SCT, GB-NIR${byDefault('GB-ENG')}`)
    .option('--quorum <n>', `members needed for a quorum, ${range(BOARD_LIMITS.quorum)}${byDefault(String(DEFAULT_QUORUM))}`)
    .option('--venue <text>', `usual venue, up to ${BOARD_LIMITS.textLength.max} characters${byDefault(`"${DEFAULT_VENUE}"`)}`)
    .option(
      '--clear-days <n>',
      `clear days of notice required before a meeting, ${range(BOARD_LIMITS.ruleDays)} (LGA 1972 s100B: 5)${byDefault(String(DEFAULT_RULES.clearDays))}`,
    )
    .addOption(
      new Option('--clear-day-count <kind>', `which days count as clear${byDefault('working')}`).choices(['working', 'working-and-saturdays', 'calendar']),
    )
    .option('--public-agenda', 'publish the agenda and the public pack (exempt items withheld) at circulation on /public/<board>/<cycle>')
    .option('--public-minutes', 'publish the approved minutes, exempt items withheld, on each meeting’s public page (/public/<board>/<cycle>)')
    .option(
      '--meeting-every <weeks>',
      `how often the board meets, ${range(BOARD_LIMITS.meetingEveryWeeks)} weeks, so the next meeting is proposed when minutes give no date (e.g. 6)`,
    )
    .option(
      '--remind-before <working days>',
      `remind action owners this many working days before the due date, ${range(BOARD_LIMITS.beforeDueWorkingDays)}; 0 for not before${byDefault(String(DEFAULT_ACTION_REMINDERS.beforeDueWorkingDays))}`,
    )
    .option(
      '--escalate-after <days>',
      `list actions overdue by more than this many days, ${range(BOARD_LIMITS.escalateAfterDays)}, for the secretariat to escalate${byDefault(String(DEFAULT_ACTION_REMINDERS.escalateAfterDays))}`,
    )
    .addOption(new Option('--digest-day <weekday>', `the secretariat's weekly actions digest${byDefault('monday')}`).choices(WEEKDAYS))
    .option('--public-index', 'list the meetings, with what is published of each, newest first, on /public/<board>');
  if (kind === 'update') {
    cmd
      .option('--no-public-agenda', 'stop publishing the agenda and public pack')
      .option('--no-public-minutes', 'stop publishing the approved minutes')
      .option('--no-public-index', 'stop publishing the index of meetings')
      .option('--no-meeting-every', 'forget the board’s rhythm: the next meeting is proposed only from dates in the minutes');
  }
  return cmd;
}

/** A number when the text is one, else the text itself, so the schema's refusal can quote it. */
const numeric = (text: string): number | string => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text);

/** The patch the options ask for: only what was given. */
function patchOf(o: SettingsOptions): BoardPatch {
  const [country = '', state] = o.holidays?.split('-') ?? [];
  const rules = {
    ...(o.clearDays !== undefined ? { clearDays: numeric(o.clearDays) } : {}),
    ...(o.clearDayCount !== undefined ? { clearDayCount: o.clearDayCount } : {}),
  };
  const actionReminders = {
    ...(o.remindBefore !== undefined ? { beforeDueWorkingDays: numeric(o.remindBefore) } : {}),
    ...(o.escalateAfter !== undefined ? { escalateAfterDays: numeric(o.escalateAfter) } : {}),
    ...(o.digestDay !== undefined ? { digestWeekday: WEEKDAYS.indexOf(o.digestDay) + 1 } : {}),
  };
  // The schema checks what the text says; the casts only let a wrong value reach it to be named.
  return {
    ...(o.name !== undefined ? { name: o.name } : {}),
    ...(o.timeZone !== undefined ? { timeZone: o.timeZone } : {}),
    ...(o.holidays !== undefined ? { holidays: { country, ...(state ? { state } : {}) } } : {}),
    ...(o.quorum !== undefined ? { quorum: numeric(o.quorum) as number } : {}),
    ...(o.venue !== undefined ? { defaultVenue: o.venue } : {}),
    ...(Object.keys(rules).length > 0 ? { rules: rules as BoardPatch['rules'] } : {}),
    ...(o.publicAgenda !== undefined ? { publicAgenda: o.publicAgenda } : {}),
    ...(o.publicMinutes !== undefined ? { publicMinutes: o.publicMinutes } : {}),
    ...(o.publicIndex !== undefined ? { publicIndex: o.publicIndex } : {}),
    ...(o.meetingEvery === false ? { meetingEvery: null } : o.meetingEvery !== undefined ? { meetingEvery: { weeks: numeric(o.meetingEvery) as number } } : {}),
    ...(Object.keys(actionReminders).length > 0 ? { actionReminders: actionReminders as BoardPatch['actionReminders'] } : {}),
  };
}

/** Runs a core; its refusals name the options the secretariat typed instead of the settings' fields. */
async function inOptionTerms<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ValidationError) || error.issues.length === 0) throw error;
    const issues = error.issues.map((issue) => {
      const field = issue.split(' ', 1)[0] ?? '';
      return OPTION_FOR[field] ? `${OPTION_FOR[field]}${issue.slice(field.length)}` : issue;
    });
    throw new ValidationError(issues.map((i) => `${i}.`).join('\n'), issues);
  }
}

const shown = (value: unknown): string => (value === undefined ? '(not set)' : typeof value === 'string' ? `"${value}"` : String(value));

/** What an update changed and when it applies, as the secretariat reads it. */
export function describeUpdate(boardId: string, changes: readonly BoardChange[]): string {
  if (changes.length === 0) return `Nothing changed: board ${boardId} already has these settings.`;
  return [
    `Updated board ${boardId}:`,
    ...changes.map((c) => `  ${c.field}: ${shown(c.from)} → ${shown(c.to)}`),
    'Applies to cycles started from now on; cycles already running keep their plan.',
    'Running cycles still read these settings from the board, so the change reaches them in:',
    ...changedSettings(changes).map((setting) => `  ${setting}: ${SETTING_REACH[setting]}`),
  ].join('\n');
}

const BY = 'who makes the change, for the audit trail (default: your user name)';

/** Adds `cycle boards list|create|update`. */
export function registerBoardCommands(program: Command): void {
  const boards = program.command('boards').description('Boards and committees');
  withCommon(boards.command('list'))
    .description('List boards')
    .action(async (o: Common) => {
      await connect(o);
      const list = await deps().boards.listBoards();
      print(
        o,
        list,
        () =>
          list.map((b) => `${b.boardId}  ${b.name}  (${b.timeZone}, quorum ${b.quorum})`).join('\n') ||
          'No boards yet. Create one with: npx cycle boards create --id <id> --name <name>',
      );
    });

  settingsOptions(
    withCommon(boards.command('create'))
      .description('Create a board with the default timeline rules (working days before the meeting)')
      .requiredOption('--id <id>', 'lower-case id, e.g. finance-committee')
      .requiredOption('--name <name>', `name as members know it, up to ${BOARD_LIMITS.textLength.max} characters`)
      .option('--by <name>', BY),
    'create',
  ).action(async (o: Common & SettingsOptions & { id: string; name: string; by?: string }) => {
    await connect(o);
    const board = await inOptionTerms(() => createBoard(deps(), { ...patchOf(o), boardId: o.id, name: o.name }, operator(o.by ?? os.userInfo().username)));
    const published = [
      ...(board.publicAgenda ? [`The agenda and public pack will be published at circulation, at /public/${board.boardId}/<cycle>.`] : []),
      ...(board.publicMinutes ? [`Approved minutes will be published, exempt items withheld, at /public/${board.boardId}/<cycle>.`] : []),
      ...(board.meetingEvery ? [`Without a date in the minutes, the next meeting is proposed ${board.meetingEvery.weeks} weeks after the last.`] : []),
    ]
      .map((line) => `\n${line}`)
      .join('');
    print(
      o,
      board,
      () => `Created board ${board.boardId} (${board.name}). Add members with: npx cycle members import --board ${board.boardId} members.csv${published}`,
    );
  });

  settingsOptions(
    withCommon(boards.command('update'))
      .description(
        'Change settings of an existing board: give only what changes. Cycles started from now on follow the new settings; running ones keep their timeline',
      )
      .requiredOption('--board <id>', 'board id')
      .option('--name <name>', `name as members know it, up to ${BOARD_LIMITS.textLength.max} characters`)
      .option('--by <name>', BY),
    'update',
  ).action(async (o: Common & SettingsOptions & { board: string; by?: string }) => {
    await connect(o);
    const patch = patchOf(o);
    if (Object.keys(patch).length === 0) throw new ValidationError('Say what to change, e.g. --quorum 5; see `cycle boards update --help`.');
    const result = await inOptionTerms(() => updateBoard(deps(), o.board, patch, { who: operator(o.by ?? os.userInfo().username) }));
    print(o, result, () => describeUpdate(o.board, result.changes));
  });
}

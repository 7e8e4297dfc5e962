import { CLEAR_DAY_COUNTS, SETTING_REACH, type BoardPatch, type BoardSettings } from '../../admin/boards';
import { BOARD_LIMITS, DEFAULT_ACTION_REMINDERS, DEFAULT_CLEAR_DAY_COUNT, DEFAULT_SUPPLEMENTARY_DAYS, describeRange } from '../../shared/domain/board-defaults';
import { html, type SafeHtml } from '../../shared/domain/html';
import type { Board, ClearDayCount } from '../../shared/domain/types';
import { fieldError } from './view';

type Kind = 'text' | 'number' | 'check' | 'lines' | 'select';

/** One field of the settings form, named by its dotted path in the settings (`rules.clearDays`). */
interface Field {
  name: string;
  label: string;
  hint: string;
  kind: Kind;
  options?: readonly { value: string; label: string }[];
}

interface Group {
  legend: string;
  /** The top-level settings the group edits, for what running cycles read of them. */
  settings: readonly (keyof BoardSettings)[];
  fields: readonly Field[];
}

const days = (label: string, hint: string, name: string): Field => ({
  name: `rules.${name}`,
  label: `${label} (working days)`,
  hint: `${hint} ${describeRange(BOARD_LIMITS.ruleDays)}.`,
  kind: 'number',
});

const CLEAR_DAY_LABELS: Record<ClearDayCount, string> = {
  working: 'Working days (Monday to Friday, not bank holidays)',
  'working-and-saturdays': 'Working days and Saturdays',
  calendar: 'Every day',
};
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** The settings form: every board setting, grouped as a clerk thinks of them. */
export const SETTING_GROUPS: readonly Group[] = [
  {
    legend: 'The board',
    settings: ['name', 'timeZone', 'holidays', 'defaultVenue', 'quorum'],
    fields: [
      { name: 'name', label: 'Board name', hint: 'As it appears in emails, agendas and minutes.', kind: 'text' },
      { name: 'timeZone', label: 'Time zone', hint: 'An IANA time zone such as Europe/London: dates and times are shown in it.', kind: 'text' },
      { name: 'holidays.country', label: 'Bank holidays: country code', hint: 'Two letters, such as GB.', kind: 'text' },
      {
        name: 'holidays.state',
        label: 'Bank holidays: region code',
        hint: 'ENG for England and Wales, SCT for Scotland, NIR for Northern Ireland; blank for the whole country.',
        kind: 'text',
      },
      { name: 'defaultVenue', label: 'Usual venue', hint: 'Offered for each new meeting; a meeting can have its own.', kind: 'text' },
      { name: 'quorum', label: 'Quorum (members)', hint: `How many members must attend. ${describeRange(BOARD_LIMITS.quorum)}.`, kind: 'number' },
    ],
  },
  {
    legend: 'Timeline and notice rules',
    settings: ['rules'],
    fields: [
      days('Agenda call', 'Working days before the meeting that members are asked for agenda items.', 'agendaCallDays'),
      days('Item deadline', 'Working days before the meeting that agenda items close.', 'itemDeadlineDays'),
      days('Paper deadline', 'Working days before the meeting that papers are due.', 'paperDeadlineDays'),
      days('Paper reminder', 'Working days before the paper deadline that presenters with a missing paper are reminded.', 'paperReminderDays'),
      days('Circulation', 'Working days before the meeting that the board pack goes out.', 'circulationDays'),
      days('Supplementary circulation', 'Working days before the meeting that papers arriving late go out.', 'supplementaryDays'),
      days('Minutes draft', 'Working days after the meeting that the draft minutes are due.', 'minutesDraftDays'),
      days('Chair approval', 'Working days after the draft that the chair is asked to approve the minutes by.', 'chairApprovalDays'),
      days('Action follow-up', 'Working days after approval that owners are asked for progress.', 'followUpDays'),
      {
        ...days('Clear days of notice', 'Days between circulation and the meeting, neither counted (5 for English principal councils).', 'clearDays'),
        label: 'Clear days of notice',
      },
      {
        name: 'rules.clearDayCount',
        label: 'Which days count as clear days',
        hint: 'How the clear days of notice are counted.',
        kind: 'select',
        options: CLEAR_DAY_COUNTS.map((value) => ({ value, label: CLEAR_DAY_LABELS[value] })),
      },
    ],
  },
  {
    legend: 'Agenda',
    settings: ['standingItems', 'meetingEvery'],
    fields: [
      {
        name: 'standingItems',
        label: 'Standing items',
        hint: `One per line, in agenda order; at most ${BOARD_LIMITS.standingItems.max} items.`,
        kind: 'lines',
      },
      {
        name: 'meetingEvery.weeks',
        label: 'Meets every (weeks)',
        hint: `Blank if the board keeps no rhythm; otherwise ${describeRange(BOARD_LIMITS.meetingEveryWeeks)}.`,
        kind: 'number',
      },
    ],
  },
  {
    legend: 'Publication',
    settings: ['publicAgenda', 'publicMinutes', 'publicIndex'],
    fields: [
      { name: 'publicAgenda', label: 'Publish the agenda and public papers at circulation', hint: 'Exempt items are withheld.', kind: 'check' },
      { name: 'publicMinutes', label: 'Publish the approved minutes', hint: 'Exempt items are withheld.', kind: 'check' },
      { name: 'publicIndex', label: 'Publish an index of the meetings', hint: 'Lists what the two settings above publish, newest first.', kind: 'check' },
    ],
  },
  {
    legend: 'Action reminders',
    settings: ['actionReminders'],
    fields: [
      {
        name: 'actionReminders.beforeDueWorkingDays',
        label: 'Remind owners before the due date (working days)',
        hint: `0 for no such reminder; ${describeRange(BOARD_LIMITS.beforeDueWorkingDays)}.`,
        kind: 'number',
      },
      { name: 'actionReminders.onDueDate', label: 'Remind owners on the due date', hint: '', kind: 'check' },
      { name: 'actionReminders.weeklyWhileOverdue', label: 'Remind owners weekly while overdue', hint: '', kind: 'check' },
      {
        name: 'actionReminders.escalateAfterDays',
        label: 'Escalate to the secretariat after (days overdue)',
        hint: describeRange(BOARD_LIMITS.escalateAfterDays),
        kind: 'number',
      },
      {
        name: 'actionReminders.digestWeekday',
        label: 'Weekly digest to the secretariat on',
        hint: 'The next working day when it is a bank holiday.',
        kind: 'select',
        options: WEEKDAYS.map((label, i) => ({ value: String(i + 1), label })),
      },
      {
        name: 'actionReminders.followUpMaxDays',
        label: 'Follow-up ends after (days after the meeting)',
        hint: `If no later meeting takes the actions over; ${describeRange(BOARD_LIMITS.followUpMaxDays)}.`,
        kind: 'number',
      },
    ],
  },
];

export const SETTING_FIELDS: readonly Field[] = SETTING_GROUPS.flatMap((g) => g.fields);

const TOP_LABELS: Record<keyof BoardSettings, string> = {
  name: 'Board name',
  timeZone: 'Time zone',
  holidays: 'Bank holidays',
  quorum: 'Quorum',
  defaultVenue: 'Usual venue',
  standingItems: 'Standing items',
  rules: 'Timeline and notice rules',
  publicAgenda: 'Public agenda',
  publicMinutes: 'Public minutes',
  meetingEvery: 'Meeting rhythm',
  actionReminders: 'Action reminders',
  publicIndex: 'Public index',
};

/** The label a person knows a setting by, for a dotted path (`rules.clearDays`) or a whole setting (`rules`). */
export const settingLabel = (path: string): string =>
  (TOP_LABELS as Record<string, string>)[path] ?? SETTING_FIELDS.find((f) => f.name === path)?.label ?? path;

/** The form's values for a board: what it has set, and the defaults it runs with for what it has not. */
export function formValues(board: Board): Record<string, string> {
  const reminders = { ...DEFAULT_ACTION_REMINDERS, ...board.actionReminders };
  const rules = { supplementaryDays: DEFAULT_SUPPLEMENTARY_DAYS, clearDayCount: DEFAULT_CLEAR_DAY_COUNT, ...board.rules };
  const values: Record<string, string> = {
    name: board.name,
    timeZone: board.timeZone,
    'holidays.country': board.holidays.country,
    'holidays.state': board.holidays.state ?? '',
    defaultVenue: board.defaultVenue,
    quorum: String(board.quorum),
    standingItems: board.standingItems.join('\n'),
    'meetingEvery.weeks': board.meetingEvery ? String(board.meetingEvery.weeks) : '',
    publicAgenda: board.publicAgenda ? 'on' : '',
    publicMinutes: board.publicMinutes ? 'on' : '',
    publicIndex: board.publicIndex ? 'on' : '',
  };
  for (const [key, value] of Object.entries(rules)) values[`rules.${key}`] = String(value);
  for (const [key, value] of Object.entries(reminders)) values[`actionReminders.${key}`] = typeof value === 'boolean' ? (value ? 'on' : '') : String(value);
  return values;
}

/** What a posted form says for each field; a checkbox left unticked is absent from the form, so off. */
export function postedValues(form: Record<string, string>, board: Board): Record<string, string> {
  const current = formValues(board);
  return Object.fromEntries(SETTING_FIELDS.map((f) => [f.name, f.kind === 'check' ? (form[f.name] ? 'on' : '') : (form[f.name] ?? current[f.name] ?? '')]));
}

/** A whole number as typed, or the text itself so that the schema says what is wrong with it. */
const numberOr = (text: string): number | string => (/^\s*\d{1,9}\s*$/.test(text) ? Number(text) : text);

/**
 * The change a posted form makes: only the fields whose value differs from the board's, so a board keeps
 * following a default it never set, and saving an unchanged form changes nothing.
 */
export function patchFrom(values: Record<string, string>, board: Board): BoardPatch {
  const current = formValues(board);
  const changed = (name: string) => (values[name] ?? '') !== (current[name] ?? '');
  const v = (name: string) => values[name] ?? '';
  const patch: Record<string, unknown> = {};
  const rules: Record<string, unknown> = {};
  const reminders: Record<string, unknown> = {};
  for (const field of SETTING_FIELDS) {
    if (!changed(field.name)) continue;
    const [top, inner] = field.name.split('.') as [string, string | undefined];
    const value = field.kind === 'check' ? v(field.name) === 'on' : field.kind === 'number' ? numberOr(v(field.name)) : v(field.name);
    if (top === 'rules' && inner) rules[inner] = value;
    else if (top === 'actionReminders' && inner) reminders[inner] = inner === 'digestWeekday' ? numberOr(v(field.name)) : value;
    else if (top === 'holidays') {
      const state = v('holidays.state').trim();
      patch.holidays = { country: v('holidays.country').trim(), ...(state ? { state } : {}) };
    } else if (top === 'meetingEvery') patch.meetingEvery = v(field.name).trim() === '' ? null : { weeks: value };
    else if (top === 'standingItems') {
      patch.standingItems = v(field.name)
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
    } else patch[top] = value;
  }
  if (Object.keys(rules).length) patch.rules = rules;
  if (Object.keys(reminders).length) patch.actionReminders = reminders;
  return patch as BoardPatch;
}

function input(field: Field, value: string, errors: readonly string[] | undefined): SafeHtml {
  const id = `s-${field.name.replace('.', '-')}`;
  const described = [field.hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = described ? html` aria-describedby="${described}"` : html``;
  const invalid = errors?.length ? html` aria-invalid="true"` : html``;
  const hint = field.hint ? html`<small id="${id}-hint">${field.hint}</small>` : html``;
  const error = fieldError(id, errors);
  if (field.kind === 'check')
    return html`<div><label class="inline" for="${id}"><input type="checkbox" id="${id}" name="${field.name}"${value === 'on' ? html` checked` : html``}${aria}> ${field.label}</label>${hint}${error}</div>`;
  const label = html`<label for="${id}">${field.label}</label>`;
  if (field.kind === 'lines') return html`${label}${hint}<textarea id="${id}" name="${field.name}" rows="7"${aria}${invalid}>${value}</textarea>${error}`;
  if (field.kind === 'select') {
    const options = (field.options ?? []).map((o) => html`<option value="${o.value}"${o.value === value ? html` selected` : html``}>${o.label}</option>`);
    return html`${label}${hint}<select id="${id}" name="${field.name}"${aria}>${options}</select>${error}`;
  }
  const numeric = field.kind === 'number' ? html` inputmode="numeric"` : html``;
  return html`${label}${hint}<input type="text" id="${id}" name="${field.name}" value="${value}"${numeric}${aria}${invalid}>${error}`;
}

/** The whole settings form, with what running cycles read of each group said before saving. */
export function settingsForm(input_: {
  action: string;
  csrf: string;
  /** The board's version the form is filled in against; none for a new board. */
  version?: number;
  values: Record<string, string>;
  errors?: Map<string, string[]>;
  /** Fields before the settings (a new board's id). */
  before?: SafeHtml;
  submit?: string;
}): SafeHtml {
  const groups = SETTING_GROUPS.map((group) => {
    const reach = group.settings.map((s) => html`<li>${settingLabel(s)}: ${SETTING_REACH[s]}</li>`);
    return html`<fieldset><legend>${group.legend}</legend>
<details><summary>What a change reaches in running cycles</summary><ul>${reach}</ul></details>
${group.fields.map((f) => input(f, input_.values[f.name] ?? '', input_.errors?.get(f.name)))}</fieldset>`;
  });
  const version = input_.version === undefined ? html`` : html`<input type="hidden" name="version" value="${String(input_.version)}">`;
  return html`<form method="post" action="${input_.action}" novalidate><input type="hidden" name="csrf" value="${input_.csrf}">${version}
${input_.before ?? html``}${groups}<button type="submit">${input_.submit ?? 'Save settings'}</button></form>`;
}

/** A text field outside the settings (a new board's id), labelled, hinted and with its error. */
export function textField(name: string, label: string, hint: string, value: string, errors?: readonly string[]): SafeHtml {
  return input({ name, label, hint, kind: 'text' }, value, errors);
}

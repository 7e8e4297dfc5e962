import fs from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import os from 'node:os';
import { makeCancelCycle } from '../functions/admin/cancel-cycle';
import { makeAssignAction, makeMemberLeaves } from '../functions/admin/member-leaves';
import { makeMoveMeeting } from '../functions/admin/move-meeting';
import { awaitsScheduledStart, makeStartCycle } from '../functions/admin/start-cycle';
import { DEFAULT_STANDING_ITEMS } from '../functions/shared/domain/agenda';
import { formatBoardDateTime, isTimeZone } from '../functions/shared/domain/calendar';
import { MeetingCycleError, ValidationError } from '../functions/shared/domain/errors';
import { parseMembersCsv } from '../functions/shared/domain/members-csv';
import { milestoneLabel } from '../functions/shared/domain/timeline';
import { loadActionRows } from '../functions/admin/action-register';
import { actionsCsv } from '../functions/shared/domain/actions-export';
import { actionReminderPolicyIssues } from '../functions/shared/domain/action-reminders';
import { DEFAULT_RULES, MILESTONES, type Action, type ClearDayCount, type Timeline } from '../functions/shared/domain/types';
import { installClock } from '../functions/shared/runtime/clock';
import { deps } from '../functions/shared/runtime/deps';
import { registerMinutesCommands } from './minutes';
import { TargetError, useTarget, type Target } from './target';

/** `--digest-day` values, Monday first: the board's `digestWeekday` is the position, from 1. */
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

interface Common {
  json?: boolean;
  aws?: boolean;
  stack?: string;
}

const print = (opts: Common, value: unknown, human: () => string) => console.log(opts.json ? JSON.stringify(value, null, 2) : human());

/** Connects to the target; locally also adopts the virtual clock, so dates are checked against it. */
async function connect(opts: Common): Promise<Target> {
  const target = await useTarget(opts);
  if (target.kind === 'local') {
    const state = (await localApi(target, 'GET', '/api/state')) as { now: string };
    installClock({ now: () => new Date(state.now) });
  }
  return target;
}

async function localApi(target: Target, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${target.appUrl}${path}`, {
    method,
    ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const value = (await res.json()) as { message?: string };
  if (!res.ok) throw new ValidationError(value.message ?? `The local cloud answered HTTP ${res.status}`);
  return value;
}

const when = (iso: string) => formatBoardDateTime(iso, 'Europe/London');

export function buildProgram(): Command {
  const program = new Command('cycle')
    .description(
      'Run a board’s meeting cycle: start cycles, watch them, manage boards and members.\nTalks to the local cloud of `npm start`, or with --aws to your deployed stack.',
    )
    .showHelpAfterError()
    .exitOverride();
  const common = (cmd: Command) =>
    cmd
      .option('--json', 'print JSON for scripts')
      .option('--aws', 'use the deployed stack (your AWS credentials) instead of the local cloud')
      .addOption(new Option('--stack <name>', 'CloudFormation stack name with --aws').default('MeetingCycle'));

  common(program.command('start'))
    .description('Start a meeting cycle for a board and a meeting date')
    .requiredOption('--board <id>', 'board id, e.g. demo-board')
    .requiredOption('--meeting <date>', 'meeting date, YYYY-MM-DD')
    .option('--time <HH:MM>', 'meeting time, 24-hour', '10:00')
    .option('--venue <text>', "venue (default: the board's usual venue)")
    .option('--override-reason <text>', "go ahead although the timeline breaks the board's notice rule, recording why")
    .action(async (o: Common & { board: string; meeting: string; time: string; venue?: string; overrideReason?: string }) => {
      await connect(o);
      const result = await makeStartCycle(deps())({
        boardId: o.board,
        meetingDate: o.meeting,
        meetingTime: o.time,
        ...(o.venue ? { venue: o.venue } : {}),
        ...(o.overrideReason ? { overrideReason: o.overrideReason } : {}),
      });
      print(o, result, () =>
        [
          `Started cycle ${result.cycle.cycleId}.`,
          ...MILESTONES.map((m: keyof Timeline) => `  ${milestoneLabel(m).padEnd(20)} ${when(result.cycle.timeline[m])}`),
          ...result.warnings.map((w) => `Warning: ${w}`),
          ...(result.cycle.noticeOverride ? [`Notice rule overridden: ${result.cycle.noticeOverride.reason}`] : []),
        ].join('\n'),
      );
    });

  common(program.command('move'))
    .description(
      "Move a cycle's meeting. A running cycle re-plans its remaining deadlines and members are told; a scheduled one (not started yet) re-plans and starts by itself at its new agenda call",
    )
    .requiredOption('--cycle <id>', 'cycle id, e.g. demo-board-2027-01-20')
    .requiredOption('--meeting <date>', 'new meeting date, YYYY-MM-DD')
    .option('--time <HH:MM>', 'new meeting time, 24-hour', '10:00')
    .option('--venue <text>', 'new venue (default: unchanged)')
    .option('--override-reason <text>', "go ahead although the new timeline breaks the board's notice rule, recording why")
    .action(async (o: Common & { cycle: string; meeting: string; time: string; venue?: string; overrideReason?: string }) => {
      await connect(o);
      const result = await makeMoveMeeting(deps())({
        cycleId: o.cycle,
        meetingDate: o.meeting,
        meetingTime: o.time,
        ...(o.venue ? { venue: o.venue } : {}),
        ...(o.overrideReason ? { overrideReason: o.overrideReason } : {}),
      });
      print(o, result, () =>
        [
          result.scheduled
            ? `Moved the meeting of ${result.cycle.cycleId} to ${when(result.cycle.timeline.meeting)}; ${result.scheduled.startedNow ? 'its agenda call was due, so the cycle started now' : `the cycle starts by itself at ${when(result.scheduled.startsAt)}`}.`
            : `Moved the meeting of ${result.cycle.cycleId} to ${when(result.cycle.timeline.meeting)}; the cycle resumes at ${result.resumeFrom}.`,
          ...MILESTONES.filter((m) => Date.parse(result.cycle.timeline[m]) > deps().clock.now().getTime()).map(
            (m: keyof Timeline) => `  ${milestoneLabel(m).padEnd(20)} ${when(result.cycle.timeline[m])}`,
          ),
          ...result.warnings.map((w) => `Warning: ${w}`),
        ].join('\n'),
      );
    });

  common(program.command('cancel'))
    .description('Call off a scheduled cycle before it starts: its start is unscheduled and the cycle is marked cancelled, with who and why')
    .requiredOption('--cycle <id>', 'cycle id, e.g. demo-board-2027-06-09')
    .option('--reason <text>', 'why, kept with the cycle')
    .option('--by <name>', 'who cancels, kept with the cycle (default: your user name)')
    .action(async (o: Common & { cycle: string; reason?: string; by?: string }) => {
      await connect(o);
      const result = await makeCancelCycle(deps())({
        cycleId: o.cycle,
        by: o.by ?? os.userInfo().username,
        ...(o.reason ? { reason: o.reason } : {}),
      });
      print(o, result, () =>
        result.startWas
          ? `Cancelled cycle ${result.cycle.cycleId}: it will not start (it was due to start at ${when(result.startWas)}).`
          : `Cycle ${result.cycle.cycleId} was already cancelled${result.cycle.cancellation ? ` by ${result.cycle.cancellation.by}` : ''}.`,
      );
    });

  common(program.command('status'))
    .description('Show the cycles of a board (or all boards), where each one is, and when scheduled ones start')
    .option('--board <id>', 'only this board')
    .action(async (o: Common & { board?: string }) => {
      await connect(o);
      const d = deps();
      const boards = o.board ? [o.board] : (await d.boards.listBoards()).map((b) => b.boardId);
      const cycles = (await Promise.all(boards.map((b) => d.cycles.listCycles(b)))).flat();
      const now = d.clock.now().getTime();
      const rows = cycles.map((c) => {
        const next = MILESTONES.find((m) => Date.parse(c.timeline[m]) > now);
        return {
          cycleId: c.cycleId,
          boardId: c.boardId,
          status: c.status,
          meeting: c.timeline.meeting,
          next: next ? { milestone: next, at: c.timeline[next] } : null,
          startsAt: awaitsScheduledStart(c) ? (c.scheduledStart?.at ?? null) : null,
          failure: c.failure ?? null,
        };
      });
      print(o, rows, () =>
        rows.length === 0
          ? 'No cycles yet. Start one with: npx cycle start --board <id> --meeting YYYY-MM-DD'
          : rows
              .map(
                (r) =>
                  `${r.cycleId}  ${r.status.padEnd(9)}  meeting ${when(r.meeting)}${r.startsAt ? `  · starts by itself ${when(r.startsAt)}` : r.next ? `  · next: ${milestoneLabel(r.next.milestone)} ${when(r.next.at)}` : ''}${r.failure ? `  · ${r.failure.error}: ${r.failure.cause}` : ''}`,
              )
              .join('\n'),
      );
    });

  const clock = program.command('clock').description('The local cloud’s virtual clock (local only)');
  common(clock.command('show'))
    .description('Show the virtual time and what is next on the clock')
    .action(async (o: Common) => {
      const target = await useTarget({});
      const state = (await localApi(target, 'GET', '/api/state')) as { now: string; next: { at: string; label: string } | null };
      print(
        o,
        state,
        () => `Virtual time: ${when(state.now)}${state.next ? `\nNext: ${state.next.label} at ${when(state.next.at)}` : '\nNothing is waiting on the clock.'}`,
      );
    });
  common(clock.command('advance'))
    .description('Move the virtual clock: to the next thing due (default), a milestone of a cycle, or a date and time')
    .option('--to <when>', `"next", a milestone (${MILESTONES.join(', ')}) or an ISO date-time`, 'next')
    .option('--cycle <id>', 'the cycle whose milestone --to names (needed when several are running)')
    .action(async (o: Common & { to: string; cycle?: string }) => {
      if (o.aws) throw new ValidationError('The clock is virtual only in the local cloud; AWS runs on real time.');
      const target = await connect({});
      let to = o.to;
      if ((MILESTONES as readonly string[]).includes(o.to)) {
        const d = deps();
        const cycles = (await Promise.all((await d.boards.listBoards()).map((b) => d.cycles.listCycles(b.boardId)))).flat();
        const running = cycles.filter((c) => (o.cycle ? c.cycleId === o.cycle : c.status === 'running' || c.status === 'scheduled'));
        if (running.length !== 1) {
          throw new ValidationError(
            running.length === 0
              ? 'No running cycle has that milestone; start one first or name it with --cycle.'
              : `Several cycles are running (${running.map((c) => c.cycleId).join(', ')}); name one with --cycle.`,
          );
        }
        to = running[0]!.timeline[o.to as keyof Timeline];
      }
      const result = (await localApi(target, 'POST', '/api/clock/advance', { to })) as { now: string; moved: { label?: string } | null };
      print(o, result, () =>
        result.moved ? `Virtual time is now ${when(result.now)}${result.moved.label ? ` (${result.moved.label})` : ''}.` : 'Nothing is waiting on the clock.',
      );
    });

  const boards = program.command('boards').description('Boards and committees');
  common(boards.command('list'))
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
  common(boards.command('create'))
    .description('Create a board with the default timeline rules (working days before the meeting)')
    .requiredOption('--id <id>', 'lower-case id, e.g. finance-committee')
    .requiredOption('--name <name>', 'name as members know it')
    .option('--time-zone <zone>', 'IANA time zone', 'Europe/London')
    .option('--holidays <region>', 'bank holidays: GB-ENG (England & Wales), GB-SCT, GB-NIR', 'GB-ENG')
    .option('--quorum <n>', 'members needed for a quorum', '3')
    .option('--venue <text>', 'usual venue', 'To be confirmed')
    .option('--clear-days <n>', 'clear days of notice required before a meeting (LGA 1972 s100B: 5)', '5')
    .addOption(new Option('--clear-day-count <kind>', 'which days count as clear').choices(['working', 'working-and-saturdays', 'calendar']).default('working'))
    .option('--public-agenda', 'publish the agenda and the public pack (exempt items withheld) at circulation on /public/<board>/<cycle>')
    .option('--meeting-every <weeks>', 'how often the board meets, so the next meeting is proposed when minutes give no date (e.g. 6)')
    .option('--public-minutes', 'publish the approved minutes, exempt items withheld, on each meeting’s public page (/public/<board>/<cycle>)')
    .option('--remind-before <working days>', 'remind action owners this many working days before the due date, 0 for not before (default 5)')
    .option('--escalate-after <days>', 'list actions overdue by more than this many days for the secretariat to escalate (default 14)')
    .addOption(new Option('--digest-day <weekday>', "the secretariat's weekly actions digest (default monday)").choices(WEEKDAYS))
    .action(
      async (
        o: Common & {
          id: string;
          name: string;
          timeZone: string;
          holidays: string;
          quorum: string;
          venue: string;
          clearDays: string;
          clearDayCount: ClearDayCount;
          publicAgenda?: boolean;
          meetingEvery?: string;
          publicMinutes?: boolean;
          remindBefore?: string;
          escalateAfter?: string;
          digestDay?: (typeof WEEKDAYS)[number];
        },
      ) => {
        await connect(o);
        if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(o.id)) throw new ValidationError('The board id must be lower-case letters, digits and hyphens.');
        if (!isTimeZone(o.timeZone)) throw new ValidationError(`"${o.timeZone}" is not a time zone; use an IANA name such as Europe/London.`);
        const [country = '', state] = o.holidays.split('-');
        const clearDays = Number(o.clearDays);
        if (!Number.isInteger(clearDays) || clearDays < 1 || clearDays > 30)
          throw new ValidationError('--clear-days must be a whole number of days from 1 to 30.');
        const quorum = Number(o.quorum);
        if (!Number.isInteger(quorum) || quorum < 1) throw new ValidationError('The quorum must be a whole number of members, at least 1.');
        const weeks = o.meetingEvery === undefined ? undefined : Number(o.meetingEvery);
        if (weeks !== undefined && (!Number.isInteger(weeks) || weeks < 1 || weeks > 52))
          throw new ValidationError('--meeting-every is a whole number of weeks from 1 to 52.');
        // Only what is given is stored: the rest follows the defaults, as for boards from before the setting.
        const actionReminders = {
          ...(o.remindBefore !== undefined ? { beforeDueWorkingDays: Number(o.remindBefore) } : {}),
          ...(o.escalateAfter !== undefined ? { escalateAfterDays: Number(o.escalateAfter) } : {}),
          ...(o.digestDay !== undefined ? { digestWeekday: (WEEKDAYS.indexOf(o.digestDay) + 1) as 1 | 2 | 3 | 4 | 5 } : {}),
        };
        const reminderIssues = actionReminderPolicyIssues(actionReminders);
        if (reminderIssues.length > 0) throw new ValidationError(reminderIssues.join(' '));
        const board = await deps().boards.putBoard({
          boardId: o.id,
          name: o.name.trim(),
          timeZone: o.timeZone,
          holidays: { country, ...(state ? { state } : {}) },
          rules: { ...DEFAULT_RULES, clearDays, clearDayCount: o.clearDayCount },
          quorum,
          defaultVenue: o.venue,
          standingItems: [...DEFAULT_STANDING_ITEMS],
          ...(o.publicAgenda ? { publicAgenda: true } : {}),
          ...(o.publicMinutes ? { publicMinutes: true } : {}),
          ...(weeks !== undefined ? { meetingEvery: { weeks } } : {}),
          ...(Object.keys(actionReminders).length > 0 ? { actionReminders } : {}),
          version: 1,
        });
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
      },
    );

  const members = program.command('members').description('Board members');
  common(members.command('list'))
    .description('List a board’s members')
    .requiredOption('--board <id>', 'board id')
    .action(async (o: Common & { board: string }) => {
      await connect(o);
      const list = await deps().boards.listMembers(o.board);
      print(o, list, () => list.map((m) => `${m.name} <${m.email}>  ${m.organisation}  [${m.roles.join(', ')}]`).join('\n') || 'No members.');
    });
  common(members.command('import'))
    .description('Import members from CSV: header name,email,organisation,roles (roles separated by ";"). All rows or none.')
    .requiredOption('--board <id>', 'board id')
    .argument('<file>', 'CSV file')
    .action(async (file: string, o: Common & { board: string }) => {
      await connect(o);
      if (!fs.existsSync(file)) throw new ValidationError(`There is no file ${file}.`);
      const d = deps();
      if (!(await d.boards.getBoard(o.board))) throw new ValidationError(`There is no board "${o.board}".`);
      const { members: parsed, errors } = parseMembersCsv(o.board, fs.readFileSync(file, 'utf8'), await d.boards.listMembers(o.board));
      if (errors.length) {
        throw new ValidationError(`Nothing was imported; fix these rows and try again:\n${errors.map((e) => `  line ${e.line}: ${e.message}`).join('\n')}`);
      }
      await d.boards.addMembers(parsed);
      print(o, { imported: parsed.length }, () => `Imported ${parsed.length} members into ${o.board}.`);
    });
  common(members.command('remove'))
    .description('Remove a member who has left: their open actions go back to the secretariat to reassign, and their links stop working')
    .requiredOption('--board <id>', 'board id')
    .requiredOption('--member <id-or-email>', 'the member, by id or email')
    .option('--reason <text>', 'why, recorded on each action they owned (e.g. "left MOPAC")')
    .action(async (o: Common & { board: string; member: string; reason?: string }) => {
      await connect(o);
      const result = await makeMemberLeaves(deps())({ boardId: o.board, member: o.member, ...(o.reason ? { reason: o.reason } : {}) });
      print(o, result, () =>
        [
          `Removed ${result.memberId} from ${o.board}.`,
          result.unassigned.length
            ? `Actions back with the secretariat to reassign: ${result.unassigned.join(', ')} (npx cycle actions assign --board ${o.board} --action N --to MEMBER).`
            : 'No action is left without an owner.',
          ...(result.kept.length ? [`Actions staying with their other owners: ${result.kept.join(', ')}.`] : []),
        ].join('\n'),
      );
    });
  const actions = program.command('actions').description("The board's action register");
  for (const name of ['list', 'export'] as const) {
    common(actions.command(name))
      .description(name === 'list' ? 'List the actions of a board' : 'Export the actions of a board as CSV (default) or JSON')
      .requiredOption('--board <id>', 'board id')
      .addOption(new Option('--status <status>', 'only actions with this status').choices(['open', 'in-progress', 'done', 'dropped']))
      .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'text']).default(name === 'list' ? 'text' : 'csv'))
      .action(async (o: Common & { board: string; status?: Action['status']; format: 'csv' | 'json' | 'text' }) => {
        await connect(o);
        const d = deps();
        const rows = await loadActionRows(d, o.board, o.status);
        if (o.json || o.format === 'json') return console.log(JSON.stringify(rows, null, 2));
        if (o.format === 'csv') {
          process.stdout.write(actionsCsv(rows));
          return;
        }
        console.log(
          rows.length
            ? rows.map((r) => `${String(r.number).padStart(3)}  ${r.status.padEnd(11)} ${r.owners}: ${r.text}${r.due ? ` (due ${r.due})` : ''}`).join('\n')
            : 'No actions.',
        );
      });
  }
  common(actions.command('assign'))
    .description('Give an action new owners (after a member left, or one the minutes left unassigned); each gets it with an update link')
    .requiredOption('--board <id>', 'board id')
    .requiredOption('--action <number>', 'the action number, as in `actions list`')
    .requiredOption('--to <members...>', 'the new owners, by id or email')
    .action(async (o: Common & { board: string; action: string; to: string[] }) => {
      await connect(o);
      const result = await makeAssignAction(deps())({ boardId: o.board, action: o.action, to: o.to });
      print(o, result, () => `Action ${result.action} is now owned by ${result.owners.join(', ')}; each was sent an update link.`);
    });
  registerMinutesCommands(program);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof MeetingCycleError || err instanceof TargetError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

/** Entry point of bin/cycle.cjs. */
export function main(): void {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(`cycle: ${err.stack ?? err.message}`);
      process.exit(1);
    },
  );
}

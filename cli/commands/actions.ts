import { Option, type Command } from 'commander';
import { loadActionRegister } from '../../functions/admin/action-register';
import { makeAssignAction } from '../../functions/admin/member-leaves';
import { ACTION_STATUS_FILTERS, matchesActionFilter, readActionFilter, type ActionStatusFilter } from '../../functions/shared/domain/action-filters';
import { actionsCsv } from '../../functions/shared/domain/actions-export';
import { utcToZonedDate } from '../../functions/shared/domain/calendar';
import { deps } from '../../functions/shared/runtime/deps';
import { connect, print, withCommon, type Common } from '../common';

/** Adds `cycle actions list|export|assign`: the board's action register. */
export function registerActionCommands(program: Command): void {
  const actions = program.command('actions').description("The board's action register");
  for (const name of ['list', 'export'] as const) {
    withCommon(actions.command(name))
      .description(name === 'list' ? 'List the actions of a board' : 'Export the actions of a board as CSV (default) or JSON')
      .requiredOption('--board <id>', 'board id')
      .addOption(new Option('--status <status>', 'only actions with this status, or overdue ones').choices([...ACTION_STATUS_FILTERS]))
      .option('--owner <member>', 'only actions this member (id) owns')
      .option('--meeting <cycle>', 'only actions agreed at this meeting (cycle id)')
      .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'text']).default(name === 'list' ? 'text' : 'csv'))
      .action(async (o: Common & { board: string; status?: ActionStatusFilter; owner?: string; meeting?: string; format: 'csv' | 'json' | 'text' }) => {
        await connect(o);
        const d = deps();
        const filter = readActionFilter({ status: o.status, owner: o.owner, meeting: o.meeting });
        // Overdue is measured in the board's own day, as the console measures it.
        const board = await d.boards.getBoard(o.board);
        const today = board ? utcToZonedDate(d.clock.now().toISOString(), board.timeZone) : '';
        const rows = (await loadActionRegister(d, o.board, (a) => matchesActionFilter(a, filter, today))).map((e) => e.row);
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
  withCommon(actions.command('assign'))
    .description('Give an action new owners (after a member left, or one the minutes left unassigned); each gets it with an update link')
    .requiredOption('--board <id>', 'board id')
    .requiredOption('--action <number>', 'the action number, as in `actions list`')
    .requiredOption('--to <members...>', 'the new owners, by id or email')
    .action(async (o: Common & { board: string; action: string; to: string[] }) => {
      await connect(o);
      const result = await makeAssignAction(deps())({ boardId: o.board, action: o.action, to: o.to });
      print(o, result, () => `Action ${result.action} is now owned by ${result.owners.join(', ')}; each was sent an update link.`);
    });
}

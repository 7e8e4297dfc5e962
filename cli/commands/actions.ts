import { Option, type Command } from 'commander';
import { loadActionRows } from '../../functions/admin/action-register';
import { makeAssignAction } from '../../functions/admin/member-leaves';
import { actionsCsv } from '../../functions/shared/domain/actions-export';
import type { Action } from '../../functions/shared/domain/types';
import { deps } from '../../functions/shared/runtime/deps';
import { connect, print, withCommon, type Common } from '../common';

/** Adds `cycle actions list|export|assign`: the board's action register. */
export function registerActionCommands(program: Command): void {
  const actions = program.command('actions').description("The board's action register");
  for (const name of ['list', 'export'] as const) {
    withCommon(actions.command(name))
      .description(name === 'list' ? 'List the actions of a board' : 'Export the actions of a board as CSV (default) or JSON')
      .requiredOption('--board <id>', 'board id')
      .addOption(new Option('--status <status>', 'only actions with this status').choices(['open', 'in-progress', 'done', 'dropped']))
      .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'text']).default(name === 'list' ? 'text' : 'csv'))
      .action(async (o: Common & { board: string; status?: Action['status']; format: 'csv' | 'json' | 'text' }) => {
        await connect(o);
        const rows = await loadActionRows(deps(), o.board, o.status);
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

import { Option, type Command } from 'commander';
import { loadDecisionRegister } from '../../functions/admin/decision-register';
import { decisionsCsv } from '../../functions/shared/domain/decisions';
import { deps } from '../../functions/shared/runtime/deps';
import { connect, withCommon, type Common } from '../common';

/** Adds `cycle decisions`: the board's decisions register, read from its approved minutes. */
export function registerDecisionCommands(program: Command): void {
  withCommon(program.command('decisions'))
    .description("Export the board's decisions register (what each meeting resolved, agreed, approved or noted) as CSV (default) or JSON")
    .requiredOption('--board <id>', 'board id')
    .option('--meeting <cycle>', 'only the decisions of this meeting (cycle id)')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .action(async (o: Common & { board: string; meeting?: string; format: 'csv' | 'json' }) => {
      await connect(o);
      const register = await loadDecisionRegister(deps(), o.board, o.meeting === undefined ? {} : { meeting: o.meeting });
      if (o.json || o.format === 'json') return console.log(JSON.stringify(register.rows, null, 2));
      process.stdout.write(decisionsCsv(register.rows));
    });
}

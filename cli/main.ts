import { Command, CommanderError } from 'commander';
import { MeetingCycleError } from '../functions/shared/domain/errors';
import { registerActionCommands } from './commands/actions';
import { registerAttendanceCommand } from './commands/attendance';
import { registerAuditCommand } from './commands/audit';
import { registerBoardCommands } from './commands/boards';
import { registerClockCommands } from './commands/clock';
import { registerCostCommand } from './commands/cost';
import { registerCycleCommands } from './commands/cycles';
import { registerDoctorCommand } from './commands/doctor';
import { registerMemberCommands } from './commands/members';
import { registerMinutesCommands } from './commands/minutes';
import { registerInterestCommands } from './commands/interests';
import { registerItemCommands } from './commands/items';
import { registerDecisionCommands } from './commands/decisions';
import { TargetError } from './target';

/** The `cycle` command: one module per command group under commands/, wired here in help order. */
export function buildProgram(): Command {
  const program = new Command('cycle')
    .description(
      'Run a board’s meeting cycle: start cycles, watch them, manage boards and members.\nTalks to the local cloud of `npm start`, or with --aws to your deployed stack.',
    )
    .showHelpAfterError()
    .exitOverride();
  registerCycleCommands(program);
  registerClockCommands(program);
  registerBoardCommands(program);
  registerMemberCommands(program);
  registerActionCommands(program);
  registerMinutesCommands(program);
  registerDoctorCommand(program);
  registerAuditCommand(program);
  registerCostCommand(program);
  registerInterestCommands(program);
  registerItemCommands(program);
  registerAttendanceCommand(program);
  registerDecisionCommands(program);
  return program;
}

/** Runs the command line; returns the exit code. Errors a person can act on are printed, not thrown. */
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

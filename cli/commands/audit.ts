import type { Command } from 'commander';
import { readAuditTrail, verdictLine } from '../../functions/admin/audit-trail';
import { describeActor, describeEvent } from '../../functions/shared/domain/audit';
import { AuditChainBrokenError } from '../../functions/shared/domain/errors';
import { deps } from '../../functions/shared/runtime/deps';
import { connect, print, when, withCommon, type Common } from '../common';

/** Adds `cycle audit`: exit code 1 when `--verify` finds the chain broken. */
export function registerAuditCommand(program: Command): void {
  withCommon(program.command('audit'))
    .description('List a board’s audit trail (who did what, when, and every email sent); --verify checks the hash chain')
    .requiredOption('--board <id>', 'board id')
    .option('--cycle <id>', 'only the entries of this cycle (the whole chain is still verified)')
    .option('--verify', 'check that no entry was changed, deleted or reordered; exit 1 naming the first that was')
    .action(async (o: Common & { board: string; cycle?: string; verify?: boolean }) => {
      await connect(o);
      const report = await readAuditTrail(deps(), o.board, o.cycle);
      print(o, o.verify ? report : { ...report, verdict: undefined }, () =>
        [
          ...report.entries.map(
            (e) => `${String(e.seq).padStart(5)}  ${when(e.at)}  ${describeActor(e.who)}  ${describeEvent(e.what)}${e.cycleId ? `  [${e.cycleId}]` : ''}`,
          ),
          ...(report.entries.length ? [] : [`No audit entries${o.cycle ? ` for cycle ${o.cycle}` : ''} on board ${o.board}.`]),
          ...(o.verify && report.verdict.intact ? [verdictLine(report.verdict)] : []),
        ].join('\n'),
      );
      // Printed to stderr by the CLI's runner, which exits 1.
      if (o.verify && !report.verdict.intact) throw new AuditChainBrokenError(`Chain broken: ${report.verdict.message}`);
    });
}

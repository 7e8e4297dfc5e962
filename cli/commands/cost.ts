import type { Command } from 'commander';
import { costLine } from '../../functions/shared/domain/cost';
import { NotFoundError } from '../../functions/shared/domain/errors';
import { deps } from '../../functions/shared/runtime/deps';
import type { CycleCost } from '../../local/metering/cycle-usage';
import { describeCost } from '../../local/metering/cycle-usage';
import { connect, localApi, print, withCommon, type Common } from '../common';
import { costFromRecords } from '../cost-from-records';

/** Adds `cycle cost`: what a cycle costs in AWS, metered locally or read from its history and records with --aws. */
export function registerCostCommand(program: Command): void {
  withCommon(program.command('cost'))
    .description(
      'What a cycle costs in AWS at eu-west-2 list prices: state transitions, Lambda, DynamoDB, S3, SES and HTTP API, each with its count, and which are estimates',
    )
    .requiredOption('--cycle <id>', 'cycle id, e.g. demo-board-2027-01-20')
    .action(async (o: Common & { cycle: string }) => {
      const target = await connect(o);
      const d = deps();
      const cycle = await d.cycles.findCycle(o.cycle);
      if (!cycle) throw new NotFoundError(`There is no cycle ${o.cycle}.`);
      if (!cycle.executionArn) throw new NotFoundError(`Cycle ${o.cycle} has not started: it has cost nothing yet.`);
      // The local cloud metered every request itself; in AWS, the history and the records are what there is.
      const cost =
        target.kind === 'local'
          ? ((await localApi(target, 'GET', `/api/cost?cycle=${encodeURIComponent(o.cycle)}`)) as CycleCost)
          : await costFromRecords(d, cycle);
      const members = (await d.boards.listMembers(cycle.boardId)).length;
      const source =
        target.kind === 'local'
          ? 'Metered by the local cloud (Lambda time is wall time on this machine).'
          : 'From the execution history and the outbox; figures marked (estimate) are not recorded anywhere and are estimated.';
      print(o, { ...cost, members, line: costLine(members, cost.usage) }, () => [source, ...describeCost(cost), costLine(members, cost.usage)].join('\n'));
    });
}

import os from 'node:os';
import { Option, type Command } from 'commander';
import { makeAddLateItem } from '../../functions/admin/late-items';
import { operator } from '../../functions/shared/domain/audit';
import { NotFoundError } from '../../functions/shared/domain/errors';
import { describeLateItemState } from '../../functions/shared/domain/late-items';
import { deps } from '../../functions/shared/runtime/deps';
import { connect, print, when, withCommon, type Common } from '../common';

type AddLateOptions = Common & {
  cycle: string;
  title: string;
  reason: string;
  presenter?: string;
  purpose: 'decision' | 'discussion' | 'information';
  confidential?: boolean;
  by?: string;
};

/** Adds `cycle items add-late|late`: items added after circulation, which the chair approves or refuses as urgent business. */
export function registerItemCommands(program: Command): void {
  const items = program.command('items').description("A cycle's agenda items added after circulation (late, urgent items)");
  withCommon(items.command('add-late'))
    .description('Add an item after the agenda went out: the chair is emailed a link to approve or refuse it as urgent business, with the statutory reason')
    .requiredOption('--cycle <id>', 'cycle id, e.g. demo-board-2027-01-20')
    .requiredOption('--title <text>', "the item's title")
    .requiredOption('--reason <text>', 'why it cannot wait for the next meeting, put to the chair')
    .option('--presenter <member>', 'who presents it: a member id or email')
    .addOption(new Option('--purpose <purpose>', 'what the meeting does with it').choices(['decision', 'discussion', 'information']).default('decision'))
    .option('--confidential', 'left out of the public pack')
    .option('--by <name>', 'who adds it, for the record and the audit trail (default: your user name)')
    .action(async (o: AddLateOptions) => {
      await connect(o);
      const result = await makeAddLateItem(
        deps(),
        operator(o.by ?? os.userInfo().username),
      )({
        cycleId: o.cycle,
        title: o.title,
        reason: o.reason,
        purpose: o.purpose,
        confidential: o.confidential === true,
        ...(o.presenter ? { presenter: o.presenter } : {}),
      });
      print(o, result, () =>
        result.added
          ? `Added "${result.item.title}" as a late item; ${result.chair}, as chair, was emailed a link to approve or refuse it. If the chair has not decided when the meeting starts, it is not taken.`
          : `"${result.item.title}" was added before (${when(result.item.addedAt)}); nothing new was sent.`,
      );
    });

  withCommon(items.command('late'))
    .description("List a cycle's late items and where each stands")
    .requiredOption('--cycle <id>', 'cycle id')
    .action(async (o: Common & { cycle: string }) => {
      await connect(o);
      const d = deps();
      const cycle = await d.cycles.findCycle(o.cycle);
      if (!cycle) throw new NotFoundError(`There is no cycle "${o.cycle}".`);
      const now = d.clock.now();
      const late = cycle.lateItems ?? [];
      print(o, late, () =>
        late.length === 0 ? 'No late items.' : late.map((l) => `${l.title}\n  ${describeLateItemState(l, cycle.timeline.meeting, now, when)}`).join('\n'),
      );
    });
}

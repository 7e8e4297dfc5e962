import type { Command } from 'commander';
import { ValidationError } from '../../functions/shared/domain/errors';
import { MILESTONES, type Timeline } from '../../functions/shared/domain/types';
import { deps } from '../../functions/shared/runtime/deps';
import { useTarget } from '../target';
import { connect, localApi, print, when, withCommon, type Common } from '../common';

/** Adds `cycle clock show|advance`: the local cloud's virtual clock. */
export function registerClockCommands(program: Command): void {
  const clock = program.command('clock').description('The local cloud’s virtual clock (local only)');
  withCommon(clock.command('show'))
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
  withCommon(clock.command('advance'))
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
}

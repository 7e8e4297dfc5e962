import os from 'node:os';
import type { Command } from 'commander';
import { makeCancelCycle, type CancelCycleResult } from '../../functions/admin/cancel-cycle';
import { makeMoveMeeting } from '../../functions/admin/move-meeting';
import { makeResumeCycle } from '../../functions/admin/resume-cycle';
import { awaitsScheduledStart, makeStartCycle } from '../../functions/admin/start-cycle';
import { operator } from '../../functions/shared/domain/audit';
import { milestoneLabel } from '../../functions/shared/domain/timeline';
import { MILESTONES, type Timeline } from '../../functions/shared/domain/types';
import { deps } from '../../functions/shared/runtime/deps';
import { connect, print, when, withCommon, type Common } from '../common';

/** `--join-url` and `--dial-in` as given; `\n` in the dial-in text starts a new line. */
type OnlineOptions = { joinUrl?: string; dialIn?: string };
const onlineInput = (o: OnlineOptions) => ({ ...(o.joinUrl ? { joinUrl: o.joinUrl } : {}), ...(o.dialIn ? { dialIn: o.dialIn.replace(/\\n/g, '\n') } : {}) });

/** What `cycle cancel` did, in one or two sentences. */
function cancelledWords(result: CancelCycleResult): string {
  const c = result.cycle;
  if (result.alreadyCancelled) {
    const by = c.cancellation ? ` by ${c.cancellation.by} on ${when(c.cancellation.at)}` : '';
    const sent = result.told ? ` ${result.told} cancellation email(s) that had not gone were sent now.` : ' Nothing was sent again.';
    return `Cycle ${c.cycleId} was already cancelled${by}.${c.runningWhenCancelled ? sent : ''}`;
  }
  if (result.startWas) return `Cancelled cycle ${c.cycleId}: it will not start (it was due to start at ${when(result.startWas)}).`;
  return `Cancelled cycle ${c.cycleId} (it was at ${c.runningWhenCancelled?.phase ?? c.phase}): its execution is stopped and ${result.told ?? 0} people were sent the reason and a calendar cancellation. Open actions stay with the board.`;
}

const timelineLine = (timeline: Timeline) => (m: keyof Timeline) => `  ${milestoneLabel(m).padEnd(20)} ${when(timeline[m])}`;

/** Adds `cycle start`, `move`, `cancel`, `resume` and `status`: a cycle from its start to where it is now. */
export function registerCycleCommands(program: Command): void {
  withCommon(program.command('start'))
    .description('Start a meeting cycle for a board and a meeting date')
    .requiredOption('--board <id>', 'board id, e.g. demo-board')
    .requiredOption('--meeting <date>', 'meeting date, YYYY-MM-DD')
    .option('--time <HH:MM>', 'meeting time, 24-hour', '10:00')
    .option('--venue <text>', "venue (default: the board's usual venue)")
    .option('--override-reason <text>', "go ahead although the timeline breaks the board's notice rule, recording why")
    .option('--extraordinary <reason>', 'an extraordinary meeting at short notice: squeeze the timeline into the time left, recording why it is called')
    .option('--join-url <https-url>', 'joining link of an online or hybrid meeting (https only); in every email and the invitation')
    .option('--dial-in <text>', 'dial-in numbers and PIN ("\\n" between lines); in every email and the invitation')
    .option('--by <name>', 'who starts it, for the audit trail (default: your user name)')
    .action(
      async (
        o: Common &
          OnlineOptions & { board: string; meeting: string; time: string; venue?: string; overrideReason?: string; extraordinary?: string; by?: string },
      ) => {
        await connect(o);
        const result = await makeStartCycle(
          deps(),
          operator(o.by ?? os.userInfo().username),
        )({
          boardId: o.board,
          meetingDate: o.meeting,
          meetingTime: o.time,
          ...(o.venue ? { venue: o.venue } : {}),
          ...(o.overrideReason ? { overrideReason: o.overrideReason } : {}),
          ...(o.extraordinary !== undefined ? { extraordinary: true, extraordinaryReason: o.extraordinary } : {}),
          ...onlineInput(o),
        });
        print(o, result, () =>
          [
            `Started cycle ${result.cycle.cycleId}${result.cycle.extraordinary ? ' (extraordinary meeting at short notice)' : ''}.`,
            ...MILESTONES.map(timelineLine(result.cycle.timeline)),
            ...result.warnings.map((w) => `Warning: ${w}`),
            ...(result.cycle.noticeOverride ? [`Notice rule overridden: ${result.cycle.noticeOverride.reason}`] : []),
            ...(result.cycle.extraordinary?.compressed.length
              ? [`Squeezed into the time left: ${result.cycle.extraordinary.compressed.map(milestoneLabel).join(', ')}.`]
              : []),
          ].join('\n'),
        );
      },
    );

  withCommon(program.command('move'))
    .description(
      "Move a cycle's meeting. A running cycle re-plans its remaining deadlines and members are told; a scheduled one (not started yet) re-plans and starts by itself at its new agenda call",
    )
    .requiredOption('--cycle <id>', 'cycle id, e.g. demo-board-2027-01-20')
    .requiredOption('--meeting <date>', 'new meeting date, YYYY-MM-DD')
    .option('--time <HH:MM>', 'new meeting time, 24-hour', '10:00')
    .option('--venue <text>', 'new venue (default: unchanged)')
    .option('--override-reason <text>', "go ahead although the new timeline breaks the board's notice rule, recording why")
    .option('--join-url <https-url>', 'new joining link (default: unchanged)')
    .option('--dial-in <text>', 'new dial-in text (default: unchanged)')
    .option('--by <name>', 'who moves it, for the audit trail (default: your user name)')
    .action(async (o: Common & OnlineOptions & { cycle: string; meeting: string; time: string; venue?: string; overrideReason?: string; by?: string }) => {
      await connect(o);
      const result = await makeMoveMeeting(
        deps(),
        operator(o.by ?? os.userInfo().username),
      )({
        cycleId: o.cycle,
        meetingDate: o.meeting,
        meetingTime: o.time,
        ...(o.venue ? { venue: o.venue } : {}),
        ...(o.overrideReason ? { overrideReason: o.overrideReason } : {}),
        ...onlineInput(o),
      });
      const meeting = when(result.cycle.timeline.meeting);
      print(o, result, () =>
        [
          result.scheduled
            ? `Moved the meeting of ${result.cycle.cycleId} to ${meeting}; ${result.scheduled.startedNow ? 'its agenda call was due, so the cycle started now' : `the cycle starts by itself at ${when(result.scheduled.startsAt)}`}.`
            : `Moved the meeting of ${result.cycle.cycleId} to ${meeting}; the cycle resumes at ${result.resumeFrom}.`,
          ...MILESTONES.filter((m) => Date.parse(result.cycle.timeline[m]) > deps().clock.now().getTime()).map(timelineLine(result.cycle.timeline)),
          ...result.warnings.map((w) => `Warning: ${w}`),
        ].join('\n'),
      );
    });

  withCommon(program.command('cancel'))
    .description(
      "Call off a cycle's meeting. A scheduled cycle is unscheduled; a running one is stopped and every member (and anyone else invited) gets the reason and a calendar cancellation. Open actions stay with the board",
    )
    .requiredOption('--cycle <id>', 'cycle id, e.g. demo-board-2027-06-09')
    .option('--reason <text>', 'why, kept with the cycle (required for a running cycle: everyone invited is told)')
    .option('--by <name>', 'who cancels, kept with the cycle (default: your user name)')
    .action(async (o: Common & { cycle: string; reason?: string; by?: string }) => {
      await connect(o);
      const result = await makeCancelCycle(deps())({
        cycleId: o.cycle,
        by: o.by ?? os.userInfo().username,
        ...(o.reason ? { reason: o.reason } : {}),
      });
      print(o, result, () => cancelledWords(result));
    });

  withCommon(program.command('resume'))
    .description(
      'Resume a failed cycle at the step that failed, once its cause is fixed: a new execution runs from there, nothing already sent goes again, and the secretariat is told',
    )
    .requiredOption('--cycle <id>', 'cycle id, e.g. demo-board-2027-01-20')
    .option('--reason <text>', 'why it can go on now, kept with the cycle and told to the secretariat')
    .option('--by <name>', 'who resumes, kept with the cycle (default: your user name)')
    .action(async (o: Common & { cycle: string; reason?: string; by?: string }) => {
      await connect(o);
      const result = await makeResumeCycle(deps())({
        cycleId: o.cycle,
        by: o.by ?? os.userInfo().username,
        ...(o.reason ? { reason: o.reason } : {}),
      });
      print(
        o,
        result,
        () => `Resumed cycle ${result.cycle.cycleId}: it had failed in ${result.failedIn}; execution ${result.executionName} runs from ${result.resumedAt}.`,
      );
    });

  withCommon(program.command('status'))
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
      const where = (r: (typeof rows)[number]): string =>
        r.startsAt ? `  · starts by itself ${when(r.startsAt)}` : r.next ? `  · next: ${milestoneLabel(r.next.milestone)} ${when(r.next.at)}` : '';
      print(o, rows, () =>
        rows.length === 0
          ? 'No cycles yet. Start one with: npx cycle start --board <id> --meeting YYYY-MM-DD'
          : rows
              .map(
                (r) =>
                  `${r.cycleId}  ${r.status.padEnd(9)}  meeting ${when(r.meeting)}${where(r)}${r.failure ? `  · ${r.failure.error}: ${r.failure.cause}` : ''}`,
              )
              .join('\n'),
      );
    });
}

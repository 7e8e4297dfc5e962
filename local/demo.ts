import { formatBoardDateTime } from '../functions/shared/domain/calendar';
import { startLocalCloud } from './cloud';
import { ASL_STATE_ORDER } from './console/state-order';
import { addCalendarDays } from '../functions/shared/domain/next-meeting';
import { STATES, type StateName } from '../functions/shared/domain/states';
import { costLine, costOf, formatUsd, PRICES } from '../functions/shared/domain/cost';
import { driveCycle } from './drive-cycle';
import { describeCost, meteredCycle } from './metering/cycle-usage';
import { DEMO_BOARD_ID } from './seed';

/** First weekday at least `days` ahead of `from`, as YYYY-MM-DD. */
function weekdayAhead(from: Date, days: number): string {
  const d = new Date(from.getTime() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** States of the daily follow-up loop printed once: SendActionReminders still shows each day. */
const FOLLOW_UP_QUIET: ReadonlySet<string> = new Set<StateName>([STATES.WaitForNextFollowUpDay, STATES.CheckFollowUpHandover]);

/** States off an uneventful cycle's path, with every chase: failure handling and a moved meeting's re-entry. */
const OFF_PATH: ReadonlySet<string> = new Set<StateName>([STATES.RecordFailure, STATES.CycleFailed, STATES.ReplanTimeline, STATES.ResumeAt]);

const HELP = `npm run demo [-- --meeting YYYY-MM-DD] [--change-rounds N] [--cycles N]

Runs a whole meeting cycle of the demo board on the local cloud and the virtual clock, with a program
clicking the links in the emails as the people would, and prints each phase as it passes. Each
cycle's action follow-up runs daily for a week after its meeting (the demo board's followUpMaxDays).
With --cycles 2 the first cycle's minutes give the date of the next meeting (eight weeks on), the
secretariat confirms it, and the second cycle starts by itself at its agenda call; its agenda carries
the first cycle's open actions forward.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const started = Date.now();
  console.log('Starting the local cloud…');
  const cycles = Number(value('--cycles') ?? 1);
  if (!Number.isInteger(cycles) || cycles < 1 || cycles > 5) {
    console.error('--cycles must be a whole number from 1 to 5.');
    return 2;
  }
  const cloud = await startLocalCloud({ seed: true });
  try {
    // The states of an uneventful cycle: reminders, escalation, failure handling and moves are off that path.
    const total = ASL_STATE_ORDER.filter((s) => !s.startsWith('Chase') && !OFF_PATH.has(s)).length;
    let allOk = true;
    let previousDate = '';
    for (let n = 1; n <= cycles; n++) {
      // Later meetings are eight weeks apart: each cycle's minutes give the next one's date.
      const meetingDate = n === 1 ? (value('--meeting') ?? weekdayAhead(cloud.clock.now(), 42)) : addCalendarDays(previousDate, 56);
      previousDate = meetingDate;
      const seen = new Set<string>();
      const emailsBefore = cloud.mail.emails().length;
      console.log(`\nCycle ${n} of ${cycles}: the Riverside Community Safety Board, meeting on ${meetingDate} (virtual clock).\n`);
      const result = await driveCycle(cloud, {
        boardId: DEMO_BOARD_ID,
        meetingDate,
        changeRounds: Number(value('--change-rounds') ?? 1),
        latePresenters: 1,
        ...(n < cycles ? { nextMeeting: { date: addCalendarDays(meetingDate, 56), time: '10:00' } } : {}),
        scheduled: n > 1,
        onState: (event) => {
          // The follow-up runs daily: its task shows each day, its wait and check only the first time.
          if (seen.has(event.state ?? '') && FOLLOW_UP_QUIET.has(event.state ?? '')) return;
          seen.add(event.state ?? '');
          const step = String(Math.min(seen.size, total)).padStart(2);
          console.log(`[${step}/${total}] ${(event.state ?? '').padEnd(32)} ${formatBoardDateTime(event.at, 'Europe/London')}`);
        },
        onAction: (line) => console.log(`          · ${line}`),
      });
      const emails = cloud.mail.emails().slice(emailsBefore);
      const byKind = new Map<string, number>();
      for (const e of emails) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
      const kinds = [...byKind]
        .sort()
        .map(([k, count]) => `${k} ${count}`)
        .join(', ');
      const ok = result.status === 'SUCCEEDED' && result.cycle.status === 'completed';
      allOk &&= ok;
      const carried = (await cloud.deps.cycles.listItems(result.cycle.cycleId)).flatMap((i) => i.notes ?? []);
      console.log(`
Summary of cycle ${n} (${((Date.now() - started) / 1000).toFixed(1)} s of real time so far)
  Cycle            ${result.cycle.cycleId}: ${ok ? 'completed' : `${result.status} / ${result.cycle.status}${result.cycle.failure ? ` — ${result.cycle.failure.error}: ${result.cycle.failure.cause}` : ''}`}
  Emails sent      ${emails.length} (${kinds})
  Papers           ${result.papers}
  Minutes          ${result.minutesVersionApproved ? `version ${result.minutesVersionApproved} approved` : 'not approved'}
  Actions updated  ${result.actionsUpdated}${n > 1 ? `\n  Carried forward  ${carried.length ? carried.map((line) => `\n    ${line}`).join('') : 'no open actions from earlier cycles'}` : ''}`);
      // Last: what the cycle would cost in AWS, from what the local cloud metered (npm run bench:cost for a 20-member board).
      const cost = meteredCycle(cloud.sfn, cloud.meter, result.cycle.cycleId);
      const members = (await cloud.deps.boards.listMembers(DEMO_BOARD_ID)).length;
      console.log(`  Cost             ${formatUsd(costOf(cost.usage).total)} at ${PRICES.region} list prices, metered locally:`);
      for (const line of describeCost(cost, { states: 5 })) console.log(`    ${line}`);
      console.log(`  ${costLine(members, cost.usage)}`);
    }
    return allOk ? 0 : 1;
  } finally {
    await cloud.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`The demo failed: ${err.message}`);
    process.exit(1);
  },
);

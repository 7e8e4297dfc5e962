import { formatBoardDateTime } from '../functions/shared/domain/calendar';
import { startLocalCloud } from './cloud';
import { ASL_STATE_ORDER } from './console/state-order';
import { driveCycle } from './drive-cycle';
import { DEMO_BOARD_ID } from './seed';

/** First weekday at least `days` ahead of `from`, as YYYY-MM-DD. */
function weekdayAhead(from: Date, days: number): string {
  const d = new Date(from.getTime() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const HELP = `npm run demo [-- --meeting YYYY-MM-DD] [-- --change-rounds N]

Runs a whole meeting cycle of the demo board on the local cloud and the virtual clock, with a program
clicking the links in the emails as the people would, and prints each phase as it passes.`;

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
  const cloud = await startLocalCloud({ seed: true });
  try {
    const meetingDate = value('--meeting') ?? weekdayAhead(cloud.clock.now(), 42);
    // The states of an uneventful cycle: reminders, escalation, failure handling and moves are off that path.
    const total = ASL_STATE_ORDER.filter((s) => !/^Chase|^RecordFailure$|^CycleFailed$|^ReplanTimeline$|^ResumeAt$/.test(s)).length;
    const seen = new Set<string>();
    console.log(`Running a cycle for the Riverside Community Safety Board, meeting on ${meetingDate} (virtual clock).\n`);
    const result = await driveCycle(cloud, {
      boardId: DEMO_BOARD_ID,
      meetingDate,
      changeRounds: Number(value('--change-rounds') ?? 1),
      latePresenters: 1,
      onState: (event) => {
        seen.add(event.state ?? '');
        const n = String(Math.min(seen.size, total)).padStart(2);
        console.log(`[${n}/${total}] ${(event.state ?? '').padEnd(28)} ${formatBoardDateTime(event.at, 'Europe/London')}`);
      },
      onAction: (line) => console.log(`          · ${line}`),
    });
    const kinds = Object.entries(result.emailsByKind)
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    const ok = result.status === 'SUCCEEDED' && result.cycle.status === 'completed';
    console.log(`
Summary (${((Date.now() - started) / 1000).toFixed(1)} s of real time)
  Cycle            ${result.cycle.cycleId}: ${ok ? 'completed' : `${result.status} / ${result.cycle.status}${result.cycle.failure ? ` — ${result.cycle.failure.error}: ${result.cycle.failure.cause}` : ''}`}
  Emails sent      ${Object.values(result.emailsByKind).reduce((a, b) => a + b, 0)} (${kinds})
  Papers           ${result.papers}
  Minutes          ${result.minutesVersionApproved ? `version ${result.minutesVersionApproved} approved` : 'not approved'}
  Actions updated  ${result.actionsUpdated}`);
    return ok ? 0 : 1;
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

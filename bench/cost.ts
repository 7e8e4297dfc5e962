/**
 * `npm run bench:cost`: what one cycle of a 20-member board costs in AWS, metered on the local cloud.
 * Runs the whole cycle with people clicking their links, its action follow-up until the next cycle
 * (a quarter on) takes over, and prints where the money goes; progress goes to stderr, and the last line
 * on stdout is the summary the README quotes.
 */
import { parseArgs } from 'node:util';
import { costLine, type Usage } from '../functions/shared/domain/cost';
import { addCalendarDays } from '../functions/shared/domain/next-meeting';
import type { Member } from '../functions/shared/domain/types';
import { startLocalCloud } from '../local/cloud';
import { driveCycle } from '../local/drive-cycle';
import { describeCost, meteredCycle } from '../local/metering/cycle-usage';
import { DEMO_BOARD_ID } from '../local/seed';
import { runBench } from './run-bench';

const HELP = `Usage: npm run bench:cost -- [--members <n>] [--weeks-to-next <n>]

Runs a board's whole cycle on the local cloud (virtual clock, people clicking their links), with the
action follow-up running until the next cycle takes over, and prints where the money goes, then last:
  cost: members=<n> transitions=<n> invocations=<n> gb-s=<n> emails=<n> ddb-wru=<n> ddb-rru=<n> s3-requests=<n> total=$<x>

  --members <n>        board size, the demo board's nine and more (default 20)
  --weeks-to-next <n>  weeks from this meeting to the next, whose cycle takes the follow-up over (default 13: quarterly)
  --help               this text`;

/** The demo board's nine members and `extra` more, as a bigger board would have. */
function extraMembers(extra: number): Member[] {
  return Array.from({ length: extra }, (_, i) => ({
    boardId: DEMO_BOARD_ID,
    memberId: `member-${i + 1}`,
    name: `Member ${i + 1}`,
    email: `member-${i + 1}@example.org`,
    organisation: 'Partner organisation',
    roles: ['member'],
  }));
}

/** First Wednesday at least `days` ahead of `from`, YYYY-MM-DD: clear of weekends. */
function wednesdayAhead(from: Date, days: number): string {
  const d = new Date(from.getTime() + days * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((3 - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { members: { type: 'string' }, 'weeks-to-next': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const size = Number(values.members ?? 20);
  const weeks = Number(values['weeks-to-next'] ?? 13);
  if (!Number.isInteger(size) || size < 9 || size > 200) throw new Error('--members must be a whole number from 9 to 200.');
  if (!Number.isInteger(weeks) || weeks < 6 || weeks > 52) throw new Error('--weeks-to-next must be a whole number from 6 to 52.');
  const started = Date.now();
  const cloud = await startLocalCloud({ seed: true, clockStart: new Date('2027-01-04T09:00:00Z') });
  try {
    await cloud.deps.boards.addMembers(extraMembers(size - 9));
    const members = (await cloud.deps.boards.listMembers(DEMO_BOARD_ID)).length;
    const meetingDate = wednesdayAhead(cloud.clock.now(), 42);
    const nextDate = addCalendarDays(meetingDate, weeks * 7);
    process.stderr.write(`Cycle of ${members} members, meeting ${meetingDate}; the next meets ${nextDate} and takes the follow-up over.\n`);
    const result = await driveCycle(cloud, {
      boardId: DEMO_BOARD_ID,
      meetingDate,
      changeRounds: 1,
      latePresenters: 1,
      nextMeeting: { date: nextDate, time: '10:00' },
      // Longer than the quarter: the follow-up ends when the next cycle takes it over, not before.
      followUpDays: weeks * 7 + 30,
      onAction: (line) => process.stderr.write(`  · ${line}\n`),
    });
    if (result.status !== 'SUCCEEDED') throw new Error(`The cycle ended ${result.status}: ${result.cycle.failure?.cause ?? ''}`);
    const cost = meteredCycle(cloud.sfn, cloud.meter, result.cycle.cycleId);
    const harness: Usage = cloud.meter.harness();
    process.stderr.write(`${((Date.now() - started) / 1000).toFixed(0)} s of real time\n`);
    for (const line of describeCost(cost, { states: 10 })) console.log(line);
    console.log(`Not counted: the bench's own DynamoDB reads and writes (${harness.ddbReadUnits} RRU, ${harness.ddbWriteUnits} WRU).`);
    console.log(costLine(members, cost.usage));
  } finally {
    await cloud.stop();
  }
}

runBench(main);

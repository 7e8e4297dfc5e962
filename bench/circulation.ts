/**
 * Runs boards' circulations (agenda email + calendar invitation to every member) at once, each board as
 * its own function process (its own clients, outbox, mailer and send-rate limiter), through the
 * circulate-papers core and the real SES adapter into the local SES capture, on DynamoDB Local. The
 * capture reports the account's send rate (GetAccount, `--rate`) and throttles any send beyond it, as
 * SES does; a throttled cycle is retried as the state machine retries it. Checks, from the times the
 * capture received each email, that no one-second window held more than the rate, and how close to it
 * the sends ran. About 36 s for 500 members at 14/s, by design.
 *
 *   npx tsx bench/circulation.ts [--boards 1] [--members 500] [--rate 14] [--concurrency 5]
 *
 * `--members` is the total, shared evenly between the boards. Ends with one line,
 * `circulation: members=… limit=…/s achieved=…/s utilisation=…% max-1s-window=…`, followed with
 * `--boards` by ` lost=… duplicates=… failed-cycles=…` and `boards=…` after `circulation:`. Exits with 1
 * if a window held more than the rate, an email went missing or twice, or a cycle failed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { planCycle, startCycleInput } from '../functions/admin/start-cycle';
import { makeCirculatePapers } from '../functions/circulate-papers/circulate-papers';
import { DynamoBoardRepository } from '../functions/shared/adapters/dynamodb/dynamo-board-repository';
import { DynamoCycleRepository } from '../functions/shared/adapters/dynamodb/dynamo-cycle-repository';
import { DynamoInterestRepository } from '../functions/shared/adapters/dynamodb/dynamo-interest-repository';
import { DynamoLinkRepository } from '../functions/shared/adapters/dynamodb/dynamo-link-repository';
import { DynamoOutbox } from '../functions/shared/adapters/dynamodb/dynamo-outbox';
import { DynamoSendRateLimiter } from '../functions/shared/adapters/dynamodb/dynamo-send-rate-limiter';
import { SesMailer } from '../functions/shared/adapters/ses/ses-mailer';
import { DEFAULT_RULES } from '../functions/shared/domain/board-defaults';
import { RetryableError } from '../functions/shared/domain/errors';
import type { Board, Member } from '../functions/shared/domain/types';
import { INVITATION_FILE_NAME } from '../functions/shared/documents/ics';
import { makeSendOnce } from '../functions/shared/services/send-once';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startEmulators } from '../local/emulators';
import { startMailCapture } from '../local/mail/mail-capture';

const { values: args } = parseArgs({
  options: {
    boards: { type: 'string' },
    members: { type: 'string', default: '500' },
    rate: { type: 'string', default: '14' },
    // SEND_CONCURRENCY's default: enough in flight per process that latency never holds the rate down.
    concurrency: { type: 'string', default: '5' },
  },
});
const BOARDS = Number(args.boards ?? '1');
const MEMBERS = Number(args.members);
const RATE = Number(args.rate);
const CONCURRENCY = Number(args.concurrency);
const WINDOW_MS = 1000;
/** The ASL's Retry for RetryableError: four more attempts, 2 s doubling. */
const RETRY = { attempts: 4, intervalMs: 2000, backoff: 2 };
const TABLE = 'meeting-cycle-bench';
const APP = 'https://meetings.example.org';

/**
 * Mean rate over the whole seconds from the first time: a union of disjoint one-second windows, so it
 * cannot exceed the limit unless some window does. Sends over the first-to-last span would overstate
 * it: a sliding window lets a full window through at both ends.
 */
function achievedPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const seconds = Math.floor(((sorted.at(-1) ?? 0) - first) / WINDOW_MS);
  if (seconds === 0) return sorted.length;
  return sorted.filter((t) => t < first + seconds * WINDOW_MS).length / seconds;
}

/** A date about ten weeks ahead, so that every milestone before the meeting is still to come. */
function meetingDate(): string {
  return new Date(Date.now() + 70 * 86_400_000).toISOString().slice(0, 10);
}

function boardAt(index: number): { board: Board; members: Member[] } {
  const boardId = `board-${String(index + 1).padStart(2, '0')}`;
  const count = Math.floor(MEMBERS / BOARDS) + (index < MEMBERS % BOARDS ? 1 : 0);
  const board: Board = {
    boardId,
    name: `Finance Committee ${index + 1}`,
    timeZone: 'Europe/London',
    holidays: { country: 'GB', state: 'ENG' },
    rules: DEFAULT_RULES,
    quorum: 2,
    defaultVenue: 'Committee Room 2, County Hall',
    standingItems: ['Apologies'],
    version: 1,
  };
  const members = Array.from({ length: count }, (_, i): Member => {
    const memberId = `m${String(i + 1).padStart(4, '0')}`;
    return {
      boardId,
      memberId,
      name: `Member ${i + 1}`,
      email: `${memberId}.${boardId}@example.org`,
      organisation: 'County Council',
      roles: i === 0 ? ['chair', 'member'] : i === 1 ? ['secretariat'] : ['member'],
    };
  });
  return { board, members };
}

async function main(): Promise<void> {
  const [emulators, capture] = await Promise.all([
    startEmulators({ tableName: TABLE, bucketName: 'meeting-cycle-bench' }),
    startMailCapture({ now: () => new Date() }, { maxSendRate: RATE, enforceMaxSendRate: true }),
  ]);
  const clients: { destroy(): void }[] = [];
  /** One function process's clients: nothing in memory is shared with another board's. */
  const processClients = () => {
    const ddb = new DynamoDBClient({ endpoint: emulators.endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const ses = new SESv2Client({ endpoint: capture.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    clients.push(ddb, ses);
    return { doc: DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } }), ses };
  };
  try {
    const setup = processClients();
    const boards = Array.from({ length: BOARDS }, (_, i) => boardAt(i));
    const clock = { now: () => new Date() };
    const cycles = await Promise.all(
      boards.map(async ({ board, members }) => {
        await new DynamoBoardRepository(setup.doc, TABLE).putBoard(board);
        for (let i = 0; i < members.length; i += 25) await new DynamoBoardRepository(setup.doc, TABLE).addMembers(members.slice(i, i + 25));
        const input = startCycleInput.parse({ boardId: board.boardId, meetingDate: meetingDate(), meetingTime: '15:30' });
        const cycle = { ...(await planCycle(board, input, clock.now())).cycle, status: 'running' as const };
        const repo = new DynamoCycleRepository(setup.doc, TABLE);
        await repo.createCycle(cycle);
        await repo.putItems(cycle.cycleId, [
          {
            cycleId: cycle.cycleId,
            number: 1,
            title: 'Apologies and declarations of interest',
            purpose: 'discussion',
            source: 'standing',
            paperExpected: false,
            confidential: false,
          },
          {
            cycleId: cycle.cycleId,
            number: 2,
            title: 'Revenue budget monitoring: quarter 4',
            purpose: 'decision',
            source: 'proposal',
            paperExpected: false,
            confidential: false,
          },
          {
            cycleId: cycle.cycleId,
            number: 3,
            title: 'Treasury management annual report',
            purpose: 'information',
            source: 'proposal',
            paperExpected: false,
            confidential: false,
          },
        ]);
        return { boardId: board.boardId, cycleId: cycle.cycleId, members };
      }),
    );
    console.log(
      `circulation: ${BOARDS} board(s), ${MEMBERS} members; every board its own process, ${CONCURRENCY} in flight each, the account at ${RATE}/s, to ${capture.endpoint}`,
    );

    const began = Date.now();
    const progress = setInterval(
      () => console.log(`  captured ${String(capture.emails().length).padStart(5)}/${MEMBERS}  ${((Date.now() - began) / 1000).toFixed(1).padStart(5)} s`),
      5000,
    );
    const outcomes = await Promise.all(
      cycles.map(async (ref) => {
        const { doc, ses } = processClients();
        const mailer = new SesMailer(ses, { from: `"Committee Services" <committees@example.org>` });
        const outbox = new DynamoOutbox(doc, TABLE);
        const limiter = new DynamoSendRateLimiter(doc, TABLE, { perSecond: () => mailer.maxSendRate() });
        const circulate = makeCirculatePapers({
          boards: new DynamoBoardRepository(doc, TABLE),
          cycles: new DynamoCycleRepository(doc, TABLE),
          links: new DynamoLinkRepository(doc, TABLE),
          interests: new DynamoInterestRepository(doc, TABLE),
          outbox,
          sendOnce: makeSendOnce({ outbox, mailer, clock, limiter }),
          clock,
          config: { appUrl: APP, maxPaperBytes: 25 * 1024 * 1024, sendConcurrency: CONCURRENCY },
        });
        for (let attempt = 0; ; attempt++) {
          try {
            await circulate(ref);
            return { ...ref, failed: undefined, attempts: attempt + 1 };
          } catch (error) {
            if (!(error instanceof RetryableError) || attempt >= RETRY.attempts) return { ...ref, failed: error as Error, attempts: attempt + 1 };
            console.log(`  ${ref.boardId}: ${(error as Error).name}: ${(error as Error).message.slice(0, 160)}; retrying`);
            await sleep(RETRY.intervalMs * RETRY.backoff ** attempt);
          }
        }
      }),
    );
    clearInterval(progress);

    const emails = capture.emails();
    const arrived = capture.arrivals();
    const achieved = achievedPerSecond(arrived);
    const maxArrived = capture.maxInWindow(WINDOW_MS);
    const withInvite = emails.filter(
      (e) => e.attachments.some((a) => a.contentType === 'text/calendar') && e.attachments.some((a) => a.fileName === INVITATION_FILE_NAME),
    ).length;
    // Recipients are unique to their board, so recipient + kind stands for recipient + kind + cycle.
    const received = new Map<string, Set<string>>();
    for (const e of emails) for (const to of e.to) received.set(`${to}#${e.kind}`, (received.get(`${to}#${e.kind}`) ?? new Set()).add(e.headerMessageId));
    const expected = cycles.flatMap((c) => c.members.map((m) => `${m.email}#circulation`));
    const lost = expected.filter((key) => !received.has(key)).length;
    // A copy under the same Message-ID (a stale claim sent again) shows once in a mail client; one under another id shows twice.
    const duplicates = [...received.values()].reduce((n, ids) => n + ids.size - 1, 0);
    const resent = [...capture.repeatedMessageIds().values()].reduce((n, times) => n + times - 1, 0);
    const failedCycles = outcomes.filter((o) => o.failed !== undefined);
    for (const o of failedCycles) console.log(`  ${o.boardId} failed after ${o.attempts} attempts: ${o.failed?.name}: ${o.failed?.message}`);

    console.log(
      `  captured ${emails.length}/${expected.length} (${withInvite} with ${INVITATION_FILE_NAME}) in ${((Math.max(...arrived) - Math.min(...arrived)) / 1000).toFixed(1)} s; ` +
        `throttled by the capture ${capture.throttled()}; copies under the same Message-ID ${resent}; attempts ${outcomes.reduce((n, o) => n + o.attempts, 0)} for ${outcomes.length} cycles`,
    );
    const common = `members=${MEMBERS} limit=${RATE}/s achieved=${achieved.toFixed(1)}/s utilisation=${Math.round((achieved / RATE) * 100)}% max-1s-window=${maxArrived}`;
    console.log(
      args.boards === undefined
        ? `circulation: ${common}`
        : `circulation: boards=${BOARDS} ${common} lost=${lost} duplicates=${duplicates} failed-cycles=${failedCycles.length}`,
    );
    if (lost > 0 || duplicates > 0 || failedCycles.length > 0 || withInvite !== emails.length || maxArrived > Math.floor(RATE)) process.exitCode = 1;
  } finally {
    for (const client of clients) client.destroy();
    await Promise.allSettled([capture.stop(), emulators.stop()]);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * Sends one circulation (agenda email + calendar invitation) to 500 members through the real SES mailer,
 * against the local SES capture, at a send rate of 14/s: the fan-out the circulate-papers task does.
 * Checks, from the times the capture received each email, that no one-second window held more than the
 * limit, and how close to the limit the fan-out ran. Takes about 36 s by design (500 / 14).
 *
 *   npx tsx bench/circulation.ts [--members 500] [--rate 14] [--concurrency 8] [--margin-ms 0]
 *
 * Ends with one line, `circulation: members=… limit=…/s achieved=…/s utilisation=…% max-1s-window=…`,
 * and exits with 1 if a window held more than the limit or an email went missing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import { SESv2Client } from '@aws-sdk/client-sesv2';

import { circulationEmail } from '../functions/emails';
import type { CirculationItem } from '../functions/emails';
import { SesMailer } from '../functions/shared/adapters/ses/ses-mailer';
import { formatBoardDateTime, zonedToUtc } from '../functions/shared/domain/calendar';
import { INVITATION_CONTENT_TYPE, INVITATION_FILE_NAME, meetingInvitation } from '../functions/shared/documents/ics';
import { makeRateLimiter, sendFanOut } from '../functions/shared/domain/rate-limit';
import { messageIdFor } from '../functions/shared/services/send-once';
import type { EmailMessage } from '../functions/shared/ports';
import { startMailCapture } from '../local/mail/mail-capture';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '500' },
    rate: { type: 'string', default: '14' },
    // Enough in flight that latency never holds the fan-out below the rate; the limiter does that.
    concurrency: { type: 'string', default: '8' },
    // Not needed: sendFanOut holds each slot until the send ends, so latency cannot bunch arrivals.
    'margin-ms': { type: 'string', default: '0' },
  },
});
const MEMBERS = Number(args.members);
const RATE = Number(args.rate);
const CONCURRENCY = Number(args.concurrency);
const MARGIN_MS = Number(args['margin-ms']);
const WINDOW_MS = 1000;

const BOARD = 'Finance Committee';
const TIME_ZONE = 'Europe/London';
const CYCLE_ID = 'finance-committee-2026-06-10';
const SECRETARIAT = { name: 'Committee Services', email: 'committees@example.org' };
const APP = 'https://meetings.example.org';

/** The largest number of `times` in any window `[t, t + WINDOW_MS)`; windows starting at a time are the worst. */
function maxInWindow(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while ((sorted[to] as number) - (sorted[from] as number) >= WINDOW_MS) from++;
    max = Math.max(max, to - from + 1);
  }
  return max;
}

/**
 * Mean rate over the whole seconds from the first time: a union of disjoint one-second windows, so it
 * cannot exceed the limit unless some window does. Sends over the first-to-last span would overstate
 * it: a sliding window lets a full window through at both ends (14 at 0 s and 14 at 35 s is 28 in 35 s
 * on top of the 33 full seconds between).
 */
function achievedPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const seconds = Math.floor(((sorted.at(-1) ?? 0) - first) / WINDOW_MS);
  if (seconds === 0) return sorted.length;
  return sorted.filter((t) => t < first + seconds * WINDOW_MS).length / seconds;
}

function buildMessages(): EmailMessage[] {
  const start = zonedToUtc('2026-06-10', '15:30', TIME_ZONE);
  const venue = 'Committee Room 2, County Hall';
  const items: CirculationItem[] = [
    { number: 1, title: 'Apologies and declarations of interest' },
    { number: 2, title: 'Minutes of the meeting on 11 March 2026', paperUrl: `${APP}/p/paper/2` },
    { number: 3, title: 'Revenue budget monitoring: quarter 4', presenter: 'Priya Shah', paperUrl: `${APP}/p/paper/3` },
    { number: 4, title: 'Treasury management annual report', presenter: 'Tom Evans', paperUrl: `${APP}/p/paper/4` },
    { number: 5, title: 'Capital programme: slippage and reprofiling', presenter: 'Priya Shah', paperUrl: `${APP}/p/paper/5` },
    { number: 6, title: 'Any other business' },
  ];
  const description = ['Agenda', ...items.map((i) => `${i.number}. ${i.title}`)].join('\n');
  const issuedAt = new Date().toISOString();

  return Array.from({ length: MEMBERS }, (_, i) => {
    const memberId = `m${String(i + 1).padStart(4, '0')}`;
    const member = { name: `Member ${i + 1}`, email: `member.${memberId}@example.org` };
    const rendered = circulationEmail({
      board: BOARD,
      secretariatEmail: SECRETARIAT.email,
      meetingWhen: formatBoardDateTime(start, TIME_ZONE),
      venue,
      items,
      packUrl: `${APP}/p`,
    });
    const invite = meetingInvitation({
      cycleId: CYCLE_ID,
      sequence: 0,
      start,
      board: BOARD,
      venue,
      description,
      organizer: SECRETARIAT,
      attendee: member,
      issuedAt,
    });
    return {
      to: [member],
      ...rendered,
      replyTo: SECRETARIAT.email,
      messageId: messageIdFor(`circulation#${CYCLE_ID}#${memberId}`),
      kind: 'circulation',
      attachments: [{ fileName: INVITATION_FILE_NAME, contentType: INVITATION_CONTENT_TYPE, content: invite }],
    };
  });
}

async function main(): Promise<void> {
  const capture = await startMailCapture({ now: () => new Date() });
  const ses = new SESv2Client({ endpoint: capture.endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const mailer = new SesMailer(ses, { from: `"${BOARD}" <${SECRETARIAT.email}>` });
  try {
    const messages = buildMessages();
    console.log(
      `circulation: ${messages.length} messages built; sending at ${RATE}/s (margin ${MARGIN_MS} ms), ${CONCURRENCY} in flight, to ${capture.endpoint}`,
    );

    // performance.now is monotonic: a wall-clock step must not open or close the window.
    const limiter = makeRateLimiter({ perSecond: RATE, marginMs: MARGIN_MS, now: () => performance.now(), sleep: (ms) => sleep(ms) });
    const granted: number[] = [];
    const completed: number[] = [];
    const began = Date.now();
    let done = 0;
    await sendFanOut(messages, { concurrency: CONCURRENCY, limiter }, async (message) => {
      // When the limiter let this send start.
      granted.push(Date.now());
      const id = await mailer.send(message);
      completed.push(Date.now());
      done++;
      if (done % 50 === 0 || done === messages.length) {
        const seconds = (Date.now() - began) / 1000;
        console.log(`  sent ${String(done).padStart(String(messages.length).length)}/${messages.length}  ${seconds.toFixed(1).padStart(5)} s`);
      }
      return id;
    });

    const emails = capture.emails();
    const arrived = emails.map((e) => Date.parse(e.at));
    const withInvite = emails.filter((e) => e.attachments.some((a) => a.fileName === INVITATION_FILE_NAME && a.contentType === 'text/calendar')).length;
    const achieved = achievedPerSecond(arrived);
    const maxArrived = maxInWindow(arrived);
    const latencies = completed.map((t, i) => t - (granted[i] ?? t)).sort((a, b) => a - b);

    console.log(
      `  captured ${emails.length}/${messages.length} (${withInvite} with ${INVITATION_FILE_NAME}) in ${((Math.max(...arrived) - Math.min(...arrived)) / 1000).toFixed(1)} s`,
    );
    console.log(
      `  max in any 1 s window: granted ${maxInWindow(granted)}, arrived ${maxArrived}, completed ${maxInWindow(completed)}; ` +
        `achieved (completed) ${achievedPerSecond(completed).toFixed(1)}/s; send latency median ${latencies[latencies.length >> 1]} ms, max ${latencies.at(-1)} ms`,
    );
    console.log(
      `circulation: members=${MEMBERS} limit=${RATE}/s achieved=${achieved.toFixed(1)}/s utilisation=${Math.round((achieved / RATE) * 100)}% max-1s-window=${maxArrived}`,
    );
    if (emails.length !== messages.length || withInvite !== messages.length || maxArrived > Math.floor(RATE)) process.exitCode = 1;
  } finally {
    ses.destroy();
    await capture.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

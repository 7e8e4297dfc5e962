import { cycleIdFor, makeStartCycle } from '../functions/admin/start-cycle';
import { STATES } from '../functions/shared/domain/states';
import { isPaper, type Cycle } from '../functions/shared/domain/types';
import type { LocalCloud } from './cloud';
import type { CapturedEmail } from './mail/mail-capture';
import { appLinks } from './people';
import { initialState, personaContext, personaFor, type DriveShared, type PersonaOptions } from './personas';
import type { LocalEvent } from './runtime/local-step-functions';

/** The cycle to drive and how; how its people behave is `PersonaOptions`. */
export interface DriveOptions extends PersonaOptions {
  boardId: string;
  meetingDate: string;
  meetingTime?: string;
  /** Act as a mail security scanner too: GET every link of every email twice as it arrives. */
  scanLinks?: boolean;
  /**
   * The cycle was confirmed as a next cycle and starts by itself at its agenda call: drive the one
   * already scheduled (moving the clock until it starts) instead of starting one.
   */
  scheduled?: boolean;
  /**
   * Days after the meeting that the action follow-up ends if no later cycle takes it over: the board's
   * `actionReminders.followUpMaxDays`, set before the cycle starts. Default 7, so that a driven cycle
   * ends within a week of daily follow-up runs rather than the 200 days of the default policy.
   */
  followUpDays?: number;
  /** Drive to the end of the execution (default), only until its daily action follow-up has begun, or until the papers went out. */
  until?: 'end' | 'follow-up' | 'circulated';
  onState?: (event: LocalEvent) => void;
  /** Start the cycle as an extraordinary meeting at short notice, for this reason. */
  extraordinary?: string;
  onAction?: (line: string) => void;
}

export interface DriveResult {
  cycle: Cycle;
  status: string;
  statesVisited: string[];
  emailsByKind: Record<string, number>;
  papers: number;
  minutesVersionApproved?: number;
  actionsUpdated: number;
  scannedGets: { url: string; status: number }[];
  actionsTaken: string[];
}

/** A confirmed next cycle, once its schedule has started it: the virtual clock moves on until then. */
async function startedBySchedule(cloud: LocalCloud, boardId: string, cycleId: string): Promise<Cycle> {
  for (let guard = 0; guard < 200; guard++) {
    const cycle = await cloud.deps.cycles.getCycle(boardId, cycleId);
    if (!cycle) throw new Error(`There is no cycle ${cycleId}: was the next meeting confirmed?`);
    if (cycle.status === 'cancelled') throw new Error(`Cycle ${cycleId} was cancelled before it started.`);
    if (cycle.executionArn && cloud.sfn.describe(cycle.executionArn)) return cycle;
    await cloud.sfn.settle();
    if (!(await cloud.sfn.advanceToNext())) throw new Error(`Cycle ${cycleId} is scheduled, but nothing on the clock starts it.`);
  }
  throw new Error(`Cycle ${cycleId} did not start.`);
}

/** Sets how long the board's action follow-up runs at most, as its secretariat could. */
async function setFollowUpDays(cloud: LocalCloud, boardId: string, days: number): Promise<void> {
  const board = await cloud.deps.boards.getBoard(boardId);
  if (!board || board.actionReminders?.followUpMaxDays === days) return;
  await cloud.deps.boards.putBoard({ ...board, actionReminders: { ...board.actionReminders, followUpMaxDays: days } }, board.version);
}

/**
 * Runs one whole cycle on the local cloud, with a program in the place of each person: it reads every
 * email as it arrives and does what its recipient would (propose an item, confirm the agenda, upload a
 * paper, write the minutes, approve them, update an action), and moves the virtual clock on whenever
 * nobody has anything left to do.
 */
export async function driveCycle(cloud: LocalCloud, opts: DriveOptions): Promise<DriveResult> {
  const d = cloud.deps;
  const actionsTaken: string[] = [];
  const scannedGets: { url: string; status: number }[] = [];
  const did = (line: string) => {
    actionsTaken.push(line);
    opts.onAction?.(line);
  };
  await setFollowUpDays(cloud, opts.boardId, opts.followUpDays ?? 7);
  // Listen before starting: the first states run as soon as the execution starts.
  const cycleId = cycleIdFor(opts.boardId, opts.meetingDate);
  const unsubscribe = cloud.sfn.onEvent((execution, event) => {
    if (execution.name === cycleId && event.type === 'StateEntered') opts.onState?.(event);
  });
  // Only what this cycle sends: a second cycle in the same cloud does not re-read the first's emails.
  const handled = new Set<number>(cloud.mail.emails().map((e) => e.seq));
  const cycle = opts.scheduled
    ? await startedBySchedule(cloud, opts.boardId, cycleId)
    : (
        await makeStartCycle(d)({
          boardId: opts.boardId,
          meetingDate: opts.meetingDate,
          meetingTime: opts.meetingTime ?? '10:00',
          ...(opts.extraordinary ? { extraordinary: true, extraordinaryReason: opts.extraordinary } : {}),
        })
      ).cycle;
  const members = await d.boards.listMembers(opts.boardId);
  const shared: DriveShared = { cloud, opts, members, byEmail: new Map(members.map((m) => [m.email, m])), state: initialState(opts), did };

  const act = async (email: CapturedEmail): Promise<void> => {
    const links = appLinks(email.text, cloud.appUrl);
    if (opts.scanLinks) {
      for (const url of links) for (let i = 0; i < 2; i++) scannedGets.push({ url, status: (await fetch(url, { redirect: 'manual' })).status });
    }
    // An email without a link asks nobody to do anything.
    const first = links[0];
    if (!first) return;
    await personaFor(email)?.(email, personaContext(shared, email, first));
  };

  try {
    for (let guard = 0; guard < 500; guard++) {
      await cloud.sfn.settle();
      const execution = cloud.sfn.describe(cycle.executionArn ?? '');
      const fresh = cloud.mail.emails().filter((e) => !handled.has(e.seq));
      for (const email of fresh) {
        handled.add(email.seq);
        await act(email);
      }
      if (fresh.length > 0) continue;
      if (!execution || execution.status !== 'RUNNING') break;
      if (opts.until === 'follow-up' && execution.currentState === STATES.WaitForNextFollowUpDay) break;
      if (opts.until === 'circulated' && execution.currentState === STATES.WaitForSupplementaryCirculation) break;
      if (!(await cloud.sfn.advanceToNext()))
        throw new Error(`The cycle is stuck in ${execution.currentState}: nothing is due on the clock and nobody has anything to do.`);
    }
  } finally {
    unsubscribe();
  }
  const execution = cloud.sfn.describe(cycle.executionArn ?? '');
  const finalCycle = (await d.cycles.getCycle(opts.boardId, cycle.cycleId)) ?? cycle;
  const emailsByKind: Record<string, number> = {};
  for (const e of cloud.mail.emails()) emailsByKind[e.kind] = (emailsByKind[e.kind] ?? 0) + 1;
  const [papers, minutes, actions] = await Promise.all([
    d.cycles.listPapers(cycle.cycleId),
    d.cycles.latestMinutes(cycle.cycleId),
    d.actions.listActions(opts.boardId, { cycleId: cycle.cycleId }),
  ]);
  const events = await Promise.all(actions.map((a) => d.actions.listEvents(a.actionId)));
  return {
    cycle: finalCycle,
    status: execution?.status ?? 'UNKNOWN',
    statesVisited: (execution?.events ?? []).filter((e) => e.type === 'StateEntered').map((e) => e.state ?? ''),
    emailsByKind,
    papers: papers.filter(isPaper).length,
    ...(minutes?.status === 'approved' ? { minutesVersionApproved: minutes.version } : {}),
    actionsUpdated: events.filter((list) => list.length > 0).length,
    scannedGets,
    actionsTaken,
  };
}

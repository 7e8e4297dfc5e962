import { makeMoveMeeting } from '../../functions/admin/move-meeting';
import { cycleIdFor, makeStartCycle } from '../../functions/admin/start-cycle';
import { CHECK_ACTIONS_BUTTON } from '../../functions/http/links/submit-minutes/page';
import { REQUEST_CHANGES_BUTTON } from '../../functions/http/links/approve-minutes/page';
import { isPaper, type Member } from '../../functions/shared/domain/types';
import type { LocalCloud } from '../cloud';
import type { LocalExecution } from '../runtime/local-step-functions';
import { driveCycle } from '../drive-cycle';
import { postingFormsWith, type FetchedPage, type FormPoster } from '../people';
import { faultsPeople, MAX_BOARD_SIZE, seedFaultsBoard } from './board';
import type { RunDates } from './run-calendar';
import { normaliseRecipient, normaliseSubject, type Observation, type SeenEmail } from './compare';
import type { FaultInjector, InvocationFault, InvocationRecord } from './injector';

/**
 * The scenarios the harness runs. `cycle`: a whole cycle of a 30-member board, moved once before its
 * agenda call, with a late paper, a paper after circulation, apologies, a change request by the chair,
 * three actions (two updated by their owners), and a secretariat and chair who answer only after a
 * reminder. `unanswered`: nobody confirms the agenda, so the cycle is chased and then fails.
 */
export type ScenarioName = 'cycle' | 'unanswered';

/** One fault for one run: into a Task's first invocation, a form posted twice, or a resume that fails. */
export type FaultSpec =
  | { kind: InvocationFault; stateName: string; sendsBeforeCrash?: number }
  | { kind: 'double-post'; label: string }
  | { kind: 'failed-resume'; stateName: string };

/** What one run gives the harness. */
export interface RunResult {
  observation: Observation;
  /** The first invocation of each Task state reached, with the emails it sent. */
  invocations: InvocationRecord[];
  /** The buttons of the forms people posted, in order, each once. */
  forms: string[];
  /** Whether the run's fault fired (a fault aimed at a state the run never reached does not). */
  fired: boolean;
}

const MAX_CLOCK_MOVES = 300;

/** Forms whose person answers only after a reminder, and the chase that reminds them. */
const LATE_ANSWERS: Record<string, string> = { [CHECK_ACTIONS_BUTTON]: 'ChaseMinutesDraft', [REQUEST_CHANGES_BUTTON]: 'ChaseChairApproval' };

const message = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).replace(/\s+/g, ' ').slice(0, 200);

/** Stops whatever earlier runs left running, so their timers cannot fire into this run. */
function stopLeftovers(cloud: LocalCloud): void {
  for (const execution of cloud.sfn.list()) if (execution.status === 'RUNNING') cloud.sfn.stopExecution(execution.executionArn);
}

/** One run: which scenario, its number (its board), its dates, the fault armed (none for a baseline). */
export interface RunSpec {
  scenario: ScenarioName;
  run: number;
  dates: RunDates;
  fault?: FaultSpec;
  /** People on the board: 30 by default. */
  boardSize?: number;
}

/** Runs one scenario on a fresh board, with its fault armed, and observes it. */
export async function runScenario(cloud: LocalCloud, injector: FaultInjector, spec: RunSpec): Promise<RunResult> {
  const { scenario, run, fault, dates } = spec;
  const size = spec.boardSize ?? MAX_BOARD_SIZE;
  stopLeftovers(cloud);
  await cloud.sfn.advanceTo(dates.start);
  const board = await seedFaultsBoard(cloud.deps, run, size);
  const cycleId = cycleIdFor(board.boardId, dates.meetingDate);
  const firstSeq = cloud.mail.emails().length;
  injector.arm(fault && fault.kind !== 'double-post' && fault.kind !== 'failed-resume' ? fault : undefined);
  if (fault?.kind === 'failed-resume') {
    injector.armFailedResume(() => cloud.sfn.pendingCallbacks().some((c) => c.stateName === fault.stateName && c.executionArn.includes(cycleId)));
  }
  const forms: string[] = [];
  const cycleRun: CycleRun = { boardId: board.boardId, cycleId, run, size, dates, forms, ...(fault ? { fault } : {}) };
  let why = '';
  try {
    if (scenario === 'cycle') await runCycle(cloud, injector, cycleRun);
    else await runUnanswered(cloud, board.boardId, dates.meetingDate);
  } catch (err) {
    why = message(err);
  }
  await cloud.sfn.settle().catch((err: unknown) => (why ||= message(err)));
  const observation = await observe(cloud, board.boardId, cycleId, run, firstSeq, why);
  return { observation, invocations: injector.firstInvocations(), forms, fired: injector.hasFired() || cycleRun.doubled === true };
}

interface CycleRun {
  boardId: string;
  cycleId: string;
  run: number;
  size: number;
  dates: RunDates;
  forms: string[];
  fault?: FaultSpec;
  /** Set once the double POST has been made. */
  doubled?: boolean;
}

async function runCycle(cloud: LocalCloud, injector: FaultInjector, r: CycleRun): Promise<void> {
  await makeStartCycle(cloud.deps)({ boardId: r.boardId, meetingDate: r.dates.meetingDate, meetingTime: '10:00' });
  await cloud.sfn.settle();
  await makeMoveMeeting(cloud.deps)({ cycleId: r.cycleId, meetingDate: r.dates.movedTo, meetingTime: '10:00' });
  await cloud.sfn.settle();
  const owners = faultsPeople(r.size)
    .slice(2, 5)
    .map((p) => p.name);
  const actions = [
    `Action 1: ${owners[0]} to circulate the revised partnership plan by the next meeting.`,
    `Action 2: ${owners[1]} to report the youth violence figures by the next meeting.`,
    `Action 3: ${owners[2]} to arrange the commissioning workshop by the next meeting.`,
  ];
  const poster = formPoster(cloud, injector, r);
  await postingFormsWith(poster, () =>
    driveCycle(cloud, {
      boardId: r.boardId,
      meetingDate: r.dates.meetingDate,
      scheduled: true,
      followUpDays: 7,
      latePresenters: 1,
      uploadAfterCirculation: 1,
      apologies: 2,
      changeRounds: 1,
      actions,
      updateBy: (n) => (n <= 2 ? 'link' : 'none'),
    }),
  );
}

/**
 * How the people of a `cycle` run post forms: the secretariat and the chair come back to their page
 * only after a reminder; the armed fault doubles one form's POST, or makes one resume fail, after which
 * the person posts again once, as anyone would after an error page.
 */
function formPoster(cloud: LocalCloud, injector: FaultInjector, r: CycleRun): FormPoster {
  const late = new Set(Object.keys(LATE_ANSWERS));
  return async (form, post) => {
    if (!r.forms.includes(form.label)) r.forms.push(form.label);
    const chase = LATE_ANSWERS[form.label];
    if (chase && late.delete(form.label)) await waitForChase(cloud, r, chase);
    if (r.fault?.kind === 'double-post' && r.fault.label === form.label && !r.doubled) {
      r.doubled = true;
      const pages = await Promise.all([post(), post()]);
      return pages.find((p) => p.status < 400) ?? (pages[0] as FetchedPage);
    }
    const before = injector.hasFired();
    const page = await post();
    return r.fault?.kind === 'failed-resume' && !before && injector.hasFired() ? post() : page;
  };
}

/** Moves the clock on until the cycle has been chased once in `chase` (its callback timed out). */
async function waitForChase(cloud: LocalCloud, r: CycleRun, chase: string): Promise<void> {
  for (let i = 0; i < MAX_CLOCK_MOVES; i++) {
    const arn = (await cloud.deps.cycles.getCycle(r.boardId, r.cycleId))?.executionArn ?? '';
    const execution = cloud.sfn.describe(arn);
    if (!execution || execution.status !== 'RUNNING') return;
    if (execution.events.some((e) => e.type === 'StateEntered' && e.state === chase)) return cloud.sfn.settle();
    if (!(await cloud.sfn.advanceToNext())) return;
  }
}

/** Nobody answers anything: the clock moves until the execution ends. */
async function runUnanswered(cloud: LocalCloud, boardId: string, meetingDate: string): Promise<void> {
  const { cycle } = await makeStartCycle(cloud.deps)({ boardId, meetingDate, meetingTime: '10:00' });
  for (let i = 0; i < MAX_CLOCK_MOVES && cloud.sfn.describe(cycle.executionArn ?? '')?.status === 'RUNNING'; i++) {
    if (!(await cloud.sfn.advanceToNext())) throw new Error(`The cycle is stuck in ${cloud.sfn.describe(cycle.executionArn ?? '')?.currentState}`);
  }
}

/**
 * How the comparison names a member. Which voting members propose items and send apologies depends on
 * the order the drive reads mail, so voting members are one crowd ("a voting member"): their emails and
 * records are counted, not told apart. The chair, officers and secretariat keep their names.
 */
function crowd(members: Member[]): (idOrEmail: string | undefined) => string | undefined {
  const by = new Map<string, Member>();
  for (const m of members) by.set(m.memberId, m).set(m.email, m);
  return (key) => {
    const m = key === undefined ? undefined : by.get(key);
    if (!m) return undefined;
    return m.roles.includes('member') && !m.roles.includes('chair') ? 'a voting member' : m.name;
  };
}

/** The state an execution failed in: the one entered before RecordFailure, or where it stands. */
function failedState(execution: LocalExecution | undefined): string | undefined {
  const entered = (execution?.events ?? []).filter((e) => e.type === 'StateEntered').map((e) => e.state);
  const i = entered.indexOf('RecordFailure');
  return i > 0 ? entered[i - 1] : execution?.currentState;
}

/** The run's emails, the records its people changed, and how its execution ended. */
async function observe(cloud: LocalCloud, boardId: string, cycleId: string, run: number, firstSeq: number, why: string): Promise<Observation> {
  const d = cloud.deps;
  const who = crowd(await d.boards.listMembers(boardId));
  const tag = `+r${run}@`;
  const emails: SeenEmail[] = cloud.mail
    .emails()
    .slice(firstSeq)
    .flatMap((e) =>
      e.to
        .filter((to) => to.includes(tag))
        .map((to) => ({ to: who(to) ?? normaliseRecipient(to), kind: e.kind, subject: normaliseSubject(e.subject), messageId: e.headerMessageId })),
    );
  const cycle = await d.cycles.getCycle(boardId, cycleId);
  const name = (id: string | undefined) => (id ? (who(id) ?? 'someone else') : 'nobody');
  const facts = cycle ? await recordsPeopleChanged(cloud, boardId, cycleId, name) : [];
  const execution = cloud.sfn.describe(cycle?.executionArn ?? '');
  const status = execution ? `${execution.status}${execution.error ? ` ${execution.error}` : ''}` : 'no execution';
  const outcome = `${status} · cycle ${cycle?.status ?? 'missing'}`;
  const failure = cycle?.failure ? `${cycle.failure.error} in ${failedState(execution) ?? cycle.phase}: ${cycle.failure.cause.slice(0, 160)}` : '';
  const finished = !why && execution !== undefined && execution.status !== 'RUNNING';
  return {
    emails,
    facts,
    outcome,
    finished,
    why: [why, failure, execution?.status === 'RUNNING' ? `still in ${execution.currentState}` : ''].filter(Boolean).join('; '),
  };
}

/** What people changed, one line per record, with members as `crowd` names them (ids differ between boards). */
async function recordsPeopleChanged(cloud: LocalCloud, boardId: string, cycleId: string, name: (id: string | undefined) => string): Promise<string[]> {
  const d = cloud.deps;
  const [proposals, items, attendance, uploads, actions] = await Promise.all([
    d.cycles.listProposals(cycleId),
    d.cycles.listItems(cycleId),
    d.cycles.listAttendance(cycleId),
    d.cycles.listPapers(cycleId),
    d.actions.listActions(boardId, { cycleId }),
  ]);
  const facts = [
    ...proposals.map((p) => `proposal: "${p.title}" by ${name(p.proposedBy)}`),
    // Items by title: proposals are numbered in the order they are stored, which runs need not share.
    ...items.filter((i) => i.source !== 'standing').map((i) => `agenda item "${i.title}", presenter ${name(i.presenterMemberId)}`),
    ...attendance.map((a) => `attendance: ${name(a.memberId)} ${a.status}${a.substitute ? ' with a substitute' : ''}`),
    // Papers without their item: which presenter is late depends on the order the drive reads the requests.
    ...uploads.filter(isPaper).map((p) => `paper by ${name(p.uploadedBy)}${p.late ? ', late' : ''}`),
  ];
  for (let version = 1; ; version++) {
    const minutes = await d.cycles.getMinutes(cycleId, version);
    if (!minutes) break;
    if (minutes.changeRequest) facts.push(`minutes v${version}: changes requested: ${minutes.changeRequest.comment}`);
    if (minutes.approval) facts.push(`minutes v${version}: approved by ${name(minutes.approval.by)} with ${minutes.actions?.length ?? 0} actions`);
  }
  for (const action of actions) {
    facts.push(`action ${action.number}: ${action.status}, owners ${action.ownerMemberIds.map(name).join(', ')}: ${action.text}`);
    for (const event of await d.actions.listEvents(action.actionId))
      facts.push(`action ${action.number} history: ${event.status} "${event.note}" by ${name(event.by)}`);
  }
  return facts;
}

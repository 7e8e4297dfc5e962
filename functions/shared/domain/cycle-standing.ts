import { formatShortDate, utcToZonedTime } from './calendar';
import { STATES, type StateName } from './states';
import type { Cycle, Timeline } from './types';

/** A milestone's moment as the words need it, in the board's zone. */
export interface StandingDates {
  /** "Monday 4 January". */
  day(milestone: keyof Timeline): string;
  /** "Monday 11 January, 17:00". */
  dayAndTime(milestone: keyof Timeline): string;
}

/** What the console says of one state of the cycle: never its name. */
export interface StateWords {
  /** Where a running cycle in this state stands, as a sentence without its full stop. */
  now(dates: StandingDates): string;
  /** The step as the object of "while …", for a cycle that failed in it. */
  step: string;
}

/**
 * Every state of statemachines/meeting-cycle.asl.json in words for a clerk. Typed against
 * {@link StateName}: a state added to the ASL (and to STATES) without words here does not compile.
 */
export const STATE_WORDS = {
  StartOrResume: { now: () => 'Starting the cycle', step: 'starting the cycle' },
  ReplanTimeline: { now: () => 'Re-planning the dates after a change', step: 're-planning the dates' },
  ResumeAt: { now: () => 'Going back to where the cycle had stopped', step: 'resuming the cycle' },
  PlanTimeline: { now: () => 'Planning the dates of the cycle', step: 'planning the dates' },
  WaitForAgendaCall: { now: (t) => `Waiting for the agenda call on ${t.day('agendaCall')}`, step: 'waiting for the agenda call' },
  SendAgendaCall: { now: () => 'Sending the agenda call to members', step: 'sending the agenda call' },
  WaitForItemDeadline: {
    now: (t) => `Collecting proposed agenda items until ${t.dayAndTime('itemDeadline')}`,
    step: 'collecting proposed agenda items',
  },
  BuildDraftAgenda: { now: () => 'Drafting the agenda from the proposals', step: 'drafting the agenda' },
  WaitForAgendaConfirmation: {
    now: () => 'Waiting for the secretariat to confirm the agenda',
    step: 'waiting for the secretariat to confirm the agenda',
  },
  ChaseAgendaConfirmation: {
    now: () => 'Reminding the secretariat to confirm the agenda',
    step: 'reminding the secretariat to confirm the agenda',
  },
  RequestPapers: { now: () => 'Asking presenters for their papers', step: 'asking presenters for their papers' },
  WaitForPaperReminder: {
    now: (t) => `Collecting papers; presenters whose paper is missing are reminded on ${t.day('paperReminder')}`,
    step: 'collecting papers',
  },
  SendPaperReminders: { now: () => 'Reminding presenters whose paper is missing', step: 'reminding presenters about their papers' },
  WaitForPaperDeadline: { now: (t) => `Collecting papers until ${t.dayAndTime('paperDeadline')}`, step: 'collecting papers' },
  ReportMissingPapers: { now: () => 'Telling the secretariat which papers are missing', step: 'reporting the missing papers' },
  WaitForCirculation: { now: (t) => `Waiting to send out the papers on ${t.day('circulation')}`, step: 'waiting to send out the papers' },
  BuildBoardPack: { now: () => 'Building the board pack', step: 'building the board pack' },
  CirculatePapers: { now: () => 'Sending the papers to members', step: 'sending the papers to members' },
  WaitForSupplementaryCirculation: {
    now: (t) => `The papers are out; any late papers go out on ${t.day('supplementary')}`,
    step: 'waiting to send out late papers',
  },
  SendSupplementaryCirculation: { now: () => 'Sending late papers to members', step: 'sending late papers to members' },
  WaitForMeeting: { now: (t) => `The papers are out; the meeting is on ${t.dayAndTime('meeting')}`, step: 'waiting for the meeting' },
  WaitForMinutesDraft: {
    now: (t) => `Waiting for the secretariat's draft of the minutes, due ${t.dayAndTime('minutesDraftDue')}`,
    step: 'waiting for the draft minutes',
  },
  ChaseMinutesDraft: { now: () => 'Reminding the secretariat that the draft minutes are due', step: 'reminding the secretariat about the minutes' },
  ExtractActions: { now: () => 'Reading the actions from the draft minutes', step: 'reading the actions from the draft minutes' },
  WaitForChairApproval: {
    now: (t) => `Waiting for the chair to approve the minutes, due ${t.dayAndTime('chairApprovalDue')}`,
    step: "waiting for the chair's approval of the minutes",
  },
  ChaseChairApproval: { now: () => 'Reminding the chair to approve the minutes', step: 'reminding the chair about the minutes' },
  CheckChairDecision: { now: () => "Recording the chair's decision on the minutes", step: "recording the chair's decision" },
  PublishMinutes: { now: () => 'Publishing the approved minutes', step: 'publishing the approved minutes' },
  NotifyActionOwners: { now: () => 'Asking action owners for their first update', step: 'writing to action owners' },
  SendActionReminders: { now: () => 'Sending reminders to action owners', step: 'sending reminders to action owners' },
  CheckFollowUpHandover: {
    now: () => 'Checking whether the next meeting has taken over the follow-up of actions',
    step: 'checking the follow-up of actions',
  },
  WaitForNextFollowUpDay: {
    now: () => 'Following up the actions until the next meeting takes over',
    step: 'following up the actions',
  },
  CloseCycle: { now: () => 'Closing the cycle', step: 'closing the cycle' },
  RecordFailure: { now: () => 'Recording what went wrong', step: 'recording a failure' },
  CycleFailed: { now: () => 'Stopped after something went wrong', step: 'stopping after a failure' },
} as const satisfies Record<StateName, StateWords>;

const isStateName = (phase: string): phase is StateName => Object.hasOwn(STATES, phase);

/** The words of a cycle's phase; a phase no state has (a record from an older state machine) gets plain ones. */
export function wordsFor(phase: string): StateWords {
  return isStateName(phase) ? STATE_WORDS[phase] : { now: () => 'In progress', step: 'an earlier step' };
}

/** Dates of a cycle's timeline in words, in the board's zone. */
export function standingDates(timeline: Timeline, timeZone: string): StandingDates {
  return {
    day: (m) => formatShortDate(timeline[m], timeZone),
    dayAndTime: (m) => `${formatShortDate(timeline[m], timeZone)}, ${utcToZonedTime(timeline[m], timeZone)}`,
  };
}

/**
 * The timer each task hands over to when it is done (its `Next` in the ASL, checked by a test), and the
 * milestone that ends the wait: a Wait state records no phase, so a cycle whose phase is the task and
 * whose milestone is still ahead is waiting. The daily follow-up's wait has no milestone: its task
 * takes seconds of every day.
 */
export const WAIT_AFTER = {
  PlanTimeline: { wait: 'WaitForAgendaCall', until: 'agendaCall' },
  SendAgendaCall: { wait: 'WaitForItemDeadline', until: 'itemDeadline' },
  RequestPapers: { wait: 'WaitForPaperReminder', until: 'paperReminder' },
  SendPaperReminders: { wait: 'WaitForPaperDeadline', until: 'paperDeadline' },
  ReportMissingPapers: { wait: 'WaitForCirculation', until: 'circulation' },
  CirculatePapers: { wait: 'WaitForSupplementaryCirculation', until: 'supplementary' },
  SendSupplementaryCirculation: { wait: 'WaitForMeeting', until: 'meeting' },
  SendActionReminders: { wait: 'WaitForNextFollowUpDay' },
} as const satisfies Partial<Record<StateName, { wait: StateName; until?: keyof Timeline }>>;

/** The state a running cycle is in: its phase, or the timer its phase's task has handed over to. */
function currentState(phase: string, timeline: Timeline, now: Date | undefined): string {
  const after = (WAIT_AFTER as Partial<Record<string, { wait: StateName; until?: keyof Timeline }>>)[phase];
  if (!after || !now) return phase;
  return after.until === undefined || now.getTime() < Date.parse(timeline[after.until]) ? after.wait : phase;
}

/**
 * Where a cycle stands, in one sentence for a clerk: from its status, then (running) its phase, or the
 * timer after it at `now`. Never names a state of the state machine.
 */
export function whereItStands(
  cycle: Pick<Cycle, 'status' | 'phase' | 'timeline' | 'scheduledStart' | 'cancellation' | 'executionArn'>,
  timeZone: string,
  now?: Date,
): string {
  const dates = standingDates(cycle.timeline, timeZone);
  const at = (iso: string) => `${formatShortDate(iso, timeZone)}, ${utcToZonedTime(iso, timeZone)}`;
  switch (cycle.status) {
    case 'scheduled':
      if (cycle.scheduledStart) return `Scheduled: it starts by itself with the agenda call on ${at(cycle.scheduledStart.at)}`;
      // Started a moment ago: its first step marks it running.
      return cycle.executionArn ? 'Starting the cycle' : 'Recorded, but not started yet';
    case 'cancelled':
      return cycle.cancellation ? `Cancelled by ${cycle.cancellation.by} on ${formatShortDate(cycle.cancellation.at, timeZone)}` : 'Cancelled';
    case 'completed':
      return 'Finished: the minutes are published and the follow-up of actions has ended';
    case 'failed':
      return `Stopped while ${wordsFor(cycle.phase).step}: it needs the secretariat's attention`;
    case 'running':
      return wordsFor(currentState(cycle.phase, cycle.timeline, now)).now(dates);
  }
}

/**
 * The states of statemachines/meeting-cycle.asl.json, by name. Code that compares a cycle's phase or an
 * execution's current state names it through here, so that a state renamed in the ASL fails the unit
 * test that checks these names against the file instead of silently never matching.
 */
export const STATES = {
  StartOrResume: 'StartOrResume',
  ReplanTimeline: 'ReplanTimeline',
  ResumeAt: 'ResumeAt',
  PlanTimeline: 'PlanTimeline',
  WaitForAgendaCall: 'WaitForAgendaCall',
  SendAgendaCall: 'SendAgendaCall',
  WaitForItemDeadline: 'WaitForItemDeadline',
  BuildDraftAgenda: 'BuildDraftAgenda',
  WaitForAgendaConfirmation: 'WaitForAgendaConfirmation',
  ChaseAgendaConfirmation: 'ChaseAgendaConfirmation',
  RequestPapers: 'RequestPapers',
  WaitForPaperReminder: 'WaitForPaperReminder',
  SendPaperReminders: 'SendPaperReminders',
  WaitForPaperDeadline: 'WaitForPaperDeadline',
  ReportMissingPapers: 'ReportMissingPapers',
  WaitForCirculation: 'WaitForCirculation',
  BuildBoardPack: 'BuildBoardPack',
  CirculatePapers: 'CirculatePapers',
  WaitForSupplementaryCirculation: 'WaitForSupplementaryCirculation',
  SendSupplementaryCirculation: 'SendSupplementaryCirculation',
  WaitForMeeting: 'WaitForMeeting',
  WaitForMinutesDraft: 'WaitForMinutesDraft',
  ChaseMinutesDraft: 'ChaseMinutesDraft',
  ExtractActions: 'ExtractActions',
  WaitForChairApproval: 'WaitForChairApproval',
  ChaseChairApproval: 'ChaseChairApproval',
  CheckChairDecision: 'CheckChairDecision',
  PublishMinutes: 'PublishMinutes',
  NotifyActionOwners: 'NotifyActionOwners',
  SendActionReminders: 'SendActionReminders',
  CheckFollowUpHandover: 'CheckFollowUpHandover',
  WaitForNextFollowUpDay: 'WaitForNextFollowUpDay',
  CloseCycle: 'CloseCycle',
  RecordFailure: 'RecordFailure',
  CycleFailed: 'CycleFailed',
} as const;

/** The name of a state of the meeting cycle. */
export type StateName = (typeof STATES)[keyof typeof STATES];

/**
 * The phases a new execution can re-enter (`resumeFrom`, routed by the ASL's `ResumeAt` choice): a moved
 * cycle any phase before its meeting, a failed one (`cycle resume`) any Task it can fail in. A chase
 * re-enters its callback and the first task the first wait (`resumePhase`).
 */
export const RESUMABLE_STATES = [
  STATES.WaitForAgendaCall,
  STATES.SendAgendaCall,
  STATES.WaitForItemDeadline,
  STATES.BuildDraftAgenda,
  STATES.WaitForAgendaConfirmation,
  STATES.RequestPapers,
  STATES.WaitForPaperReminder,
  STATES.SendPaperReminders,
  STATES.WaitForPaperDeadline,
  STATES.ReportMissingPapers,
  STATES.WaitForCirculation,
  STATES.BuildBoardPack,
  STATES.CirculatePapers,
  STATES.WaitForSupplementaryCirculation,
  STATES.SendSupplementaryCirculation,
  STATES.WaitForMeeting,
  STATES.WaitForMinutesDraft,
  STATES.ExtractActions,
  STATES.WaitForChairApproval,
  STATES.PublishMinutes,
  STATES.NotifyActionOwners,
  STATES.SendActionReminders,
  STATES.CloseCycle,
] as const satisfies readonly StateName[];

/** A phase a new execution can resume at. */
export type ResumableState = (typeof RESUMABLE_STATES)[number];

/** The minutes version under review, as the ASL keeps it (`$.minutes`, the answer of WaitForMinutesDraft). */
export interface MinutesRef {
  version: number;
}

/** The chair's approval of a version (`$.approval`, the answer of WaitForChairApproval). */
export interface ApprovalRef {
  decision: 'approved';
  version: number;
}

/** What a cycle's execution starts with: a new cycle only its ids; a resumed one where, and what the ASL had there. */
export interface ExecutionInput {
  boardId: string;
  cycleId: string;
  resumeFrom?: string;
  minutes?: MinutesRef;
  approval?: ApprovalRef;
}

/**
 * What each resumable state reads from the execution besides the ids and the timeline (which the re-plan
 * loads): a resumed execution starts without what earlier states had put there, so it is given again.
 */
export const RESUME_NEEDS = {
  WaitForAgendaCall: [],
  SendAgendaCall: [],
  WaitForItemDeadline: [],
  BuildDraftAgenda: [],
  WaitForAgendaConfirmation: [],
  RequestPapers: [],
  WaitForPaperReminder: [],
  SendPaperReminders: [],
  WaitForPaperDeadline: [],
  ReportMissingPapers: [],
  WaitForCirculation: [],
  BuildBoardPack: [],
  CirculatePapers: [],
  WaitForSupplementaryCirculation: [],
  SendSupplementaryCirculation: [],
  WaitForMeeting: [],
  WaitForMinutesDraft: [],
  ExtractActions: ['minutes'],
  WaitForChairApproval: ['minutes'],
  PublishMinutes: ['approval'],
  NotifyActionOwners: [],
  SendActionReminders: [],
  CloseCycle: [],
} as const satisfies Record<ResumableState, readonly ('minutes' | 'approval')[]>;

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
 * The phases a moved cycle's new execution can re-enter (`resumeFrom`, routed by the ASL's `ResumeAt`
 * choice): every phase before the meeting. After the meeting a cycle cannot move, so nothing later is here.
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
] as const satisfies readonly StateName[];

/** A phase a moved cycle can resume at. */
export type ResumableState = (typeof RESUMABLE_STATES)[number];

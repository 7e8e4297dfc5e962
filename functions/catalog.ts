/**
 * Every Lambda function of the app, in one list: the CDK app builds one function per entry and fills
 * the ASL substitution; the local runner maps the same substitution to the same handler module.
 */
export interface FunctionSpec {
  /** kebab-case directory under functions/, holding handler.ts. */
  dir: string;
  /** CDK id, PascalCase. */
  id: string;
  /** `${...}` placeholder in statemachines/meeting-cycle.asl.json, if a task. */
  substitution?: string;
  /** What the function may touch; infra turns this into least-privilege grants. */
  needs: {
    table: 'read' | 'readWrite';
    documents?: 'read' | 'readWrite';
    mail?: boolean;
    /** May call SendTaskSuccess / SendTaskFailure on the cycle state machine. */
    workflowCallback?: boolean;
    /**
     * May start cycles: create, move and delete their one-time schedules in the app's schedule group
     * (passing the scheduler's role), and start an execution of the cycle state machine at once when the
     * agenda call is already due.
     */
    scheduler?: boolean;
  };
  /** Seconds; the ASL TimeoutSeconds of its task is at least this. */
  timeoutSeconds: number;
  /**
   * Lambda memory in MB, chosen from the function's measured peak RSS with headroom (README, "Cold start
   * and memory"). Lambda's CPU share grows with memory, so a size also buys start-up speed.
   */
  memoryMB: number;
}

const task = (dir: string, id: string, needs: FunctionSpec['needs'], timeoutSeconds: number, memoryMB: number): FunctionSpec => ({
  dir,
  id,
  substitution: `${id}FunctionArn`,
  needs,
  timeoutSeconds,
  memoryMB,
});

export const TASK_FUNCTIONS: readonly FunctionSpec[] = [
  task('plan-timeline', 'PlanTimeline', { table: 'readWrite' }, 60, 256),
  task('send-agenda-call', 'SendAgendaCall', { table: 'readWrite', mail: true }, 300, 256),
  task('build-draft-agenda', 'BuildDraftAgenda', { table: 'readWrite' }, 60, 256),
  task('wait-for-agenda-confirmation', 'WaitForAgendaConfirmation', { table: 'readWrite', mail: true }, 60, 256),
  task('chase-callback', 'ChaseCallback', { table: 'readWrite', mail: true }, 60, 256),
  task('request-papers', 'RequestPapers', { table: 'readWrite', mail: true }, 300, 256),
  task('send-paper-reminders', 'SendPaperReminders', { table: 'readWrite', mail: true }, 300, 256),
  task('report-missing-papers', 'ReportMissingPapers', { table: 'readWrite', mail: true }, 60, 256),
  task('build-board-pack', 'BuildBoardPack', { table: 'readWrite', documents: 'readWrite' }, 300, 512),
  task('circulate-papers', 'CirculatePapers', { table: 'readWrite', documents: 'read', mail: true }, 600, 256),
  task('send-supplementary-circulation', 'SendSupplementaryCirculation', { table: 'readWrite', documents: 'readWrite', mail: true }, 600, 512),
  task('wait-for-minutes-draft', 'WaitForMinutesDraft', { table: 'readWrite', documents: 'readWrite', mail: true }, 60, 256),
  task('extract-actions', 'ExtractActions', { table: 'readWrite', documents: 'read' }, 60, 256),
  task('wait-for-chair-approval', 'WaitForChairApproval', { table: 'readWrite', documents: 'read', mail: true }, 60, 512),
  task('publish-minutes', 'PublishMinutes', { table: 'readWrite', documents: 'readWrite', mail: true }, 300, 512),
  task('notify-action-owners', 'NotifyActionOwners', { table: 'readWrite', mail: true }, 300, 256),
  task('send-action-reminders', 'SendActionReminders', { table: 'readWrite', mail: true, workflowCallback: true }, 300, 256),
  task('close-cycle', 'CloseCycle', { table: 'readWrite', mail: true }, 60, 256),
  task('record-failure', 'RecordFailure', { table: 'readWrite', mail: true }, 60, 256),
];

/** The HTTP handler behind every link (`/l/<token>`): pages, forms, uploads, callbacks. */
export const HTTP_FUNCTION: FunctionSpec = {
  dir: 'http',
  id: 'Http',
  needs: { table: 'readWrite', documents: 'readWrite', mail: true, workflowCallback: true, scheduler: true },
  timeoutSeconds: 29,
  memoryMB: 1024,
};

/** Placeholders in the ASL that are not function ARNs. */
export const OTHER_SUBSTITUTIONS = [] as const;

/**
 * Replies by email (`reply+<token>@<inbound domain>`): invoked by the SES receipt rule after it stored
 * the raw message under `inbound/`. Deployed only when the stack has an inbound mail domain.
 */
export const INBOUND_FUNCTION: FunctionSpec = {
  dir: 'inbound-mail',
  id: 'InboundMail',
  needs: { table: 'readWrite', documents: 'read', mail: true, workflowCallback: true },
  timeoutSeconds: 60,
  memoryMB: 512,
};

/**
 * The console's function. Its grants are not all in `needs`: the console reads only some kinds of document
 * and stops executions, which `needs` cannot say, so infra/constructs/console.ts binds it itself.
 */
export const CONSOLE_FUNCTION: FunctionSpec = {
  dir: 'console',
  id: 'Console',
  // workflowCallback: assigning an action wakes the board's sleeping follow-ups (services/follow-up.ts).
  needs: { table: 'readWrite', mail: true, scheduler: true, workflowCallback: true },
  timeoutSeconds: 29,
  memoryMB: 1024,
};

/** The bounce handler (infra/constructs/bounces.ts), invoked by the EventBridge rule on SES's events. */
export const MAIL_EVENTS_FUNCTION: FunctionSpec = {
  dir: 'mail-events',
  id: 'MailEvents',
  needs: { table: 'readWrite', mail: true },
  timeoutSeconds: 30,
  memoryMB: 256,
};

/** Every function the stack can deploy, each once: what the bundle tests and `npm run bench:coldstart` build. */
export const ALL_FUNCTIONS: readonly FunctionSpec[] = [...TASK_FUNCTIONS, HTTP_FUNCTION, INBOUND_FUNCTION, CONSOLE_FUNCTION, MAIL_EVENTS_FUNCTION];

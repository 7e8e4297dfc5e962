import type { DecisionStore } from './decision-store';
import type {
  Action,
  ActionEvent,
  AgendaItem,
  Attendance,
  PackOpened,
  Board,
  Cycle,
  LinkRecord,
  Member,
  MinutesVersion,
  Paper,
  Proposal,
  StoredWaitKind,
  WaitKind,
} from '../domain/types';
import type { ActionChange } from '../domain/types';
import type { ExecutionInput } from '../domain/states';
import type { EmailKind } from '../../emails';
import type { AuditNote } from '../domain/audit';
import type { AuditTrail, Telemetry } from './operations';
import type { SecurityLog, SessionRepository, SignInRepository } from './console';
import type { InterestRepository } from './interests';
import type { EmailRecipient, Outbox } from './outbox';

export type { ActionChange };
export type * from './console';
export type * from './operations';
export type * from './interests';
export type * from './outbox';

/** "Now", injected: AWS uses the system clock, the local cloud a virtual one. */
export interface Clock {
  now(): Date;
}

export interface BoardRepository {
  getBoard(boardId: string): Promise<Board | undefined>;
  listBoards(): Promise<Board[]>;
  /**
   * Creates or replaces; replacing requires `expectedVersion` to match (StaleVersionError otherwise).
   * `note` is appended to the board's audit trail in the same transaction.
   */
  putBoard(board: Board, expectedVersion?: number, note?: AuditNote): Promise<Board>;
  listMembers(boardId: string): Promise<Member[]>;
  getMember(boardId: string, memberId: string): Promise<Member | undefined>;
  /**
   * Removes a member (and frees their email on the board); removing one who is not there is a no-op.
   * `note` is appended to the board's audit trail in the same transaction.
   */
  removeMember(boardId: string, memberId: string, note?: AuditNote): Promise<void>;
  /** Adds members; AlreadyExistsError naming the email if one is taken on this board. Writes all or none. */
  addMembers(members: Member[]): Promise<void>;
  /**
   * Replaces a member's record, only if the stored one is still `expected` (its name, email,
   * organisation, roles and linkEpoch): StaleVersionError otherwise, NotFoundError if they were removed.
   * A new email moves the member's email marker in the same write (AlreadyExistsError if another member
   * has it) and, unless `member` brings a new one, gets a fresh `linkEpoch`: links issued before stop
   * working. Returns the member as stored.
   */
  updateMember(member: Member, expected: Member): Promise<Member>;
}

export interface CycleRepository {
  createCycle(cycle: Cycle): Promise<void>;
  getCycle(boardId: string, cycleId: string): Promise<Cycle | undefined>;
  /** Looks a cycle up by id alone (links and tasks carry the board id too, but the CLI may not). */
  findCycle(cycleId: string): Promise<Cycle | undefined>;
  listCycles(boardId: string): Promise<Cycle[]>;
  /** Applies `change` to the current record with a condition on its version; returns the new record. */
  updateCycle(boardId: string, cycleId: string, change: (c: Cycle) => Partial<Cycle>): Promise<Cycle>;

  putItems(cycleId: string, items: AgendaItem[]): Promise<void>;
  listItems(cycleId: string): Promise<AgendaItem[]>;
  addProposal(proposal: Proposal): Promise<void>;
  /** Records (replaces) a member's apologies or attendance for the meeting. */
  setAttendance(attendance: Attendance): Promise<void>;
  listAttendance(cycleId: string): Promise<Attendance[]>;
  /** Counts a member opening the board pack, keeping the first and last time. */
  recordPackOpened(cycleId: string, memberId: string, at: string): Promise<void>;
  listPackOpens(cycleId: string): Promise<PackOpened[]>;
  listProposals(cycleId: string): Promise<Proposal[]>;

  /** Stores the next version of an item's paper and returns it. */
  addPaper(paper: Omit<Paper, 'version'>): Promise<Paper>;
  listPapers(cycleId: string): Promise<Paper[]>;

  /** Stores the next version of the minutes and returns it. */
  addMinutes(minutes: Omit<MinutesVersion, 'version'>): Promise<MinutesVersion>;
  getMinutes(cycleId: string, version: number): Promise<MinutesVersion | undefined>;
  latestMinutes(cycleId: string): Promise<MinutesVersion | undefined>;
  /** Every minutes version of the cycle, oldest first. */
  listMinutes(cycleId: string): Promise<MinutesVersion[]>;
  updateMinutes(cycleId: string, version: number, change: Partial<MinutesVersion>, expectedStatus: MinutesVersion['status']): Promise<MinutesVersion>;
}

export interface ActionRepository extends DecisionStore {
  /** Creates actions with the next per-board numbers, in order. Idempotent per `sourceKey`. */
  createActions(boardId: string, sourceKey: string, actions: Omit<Action, 'number' | 'version' | 'actionId' | 'boardId'>[]): Promise<Action[]>;
  getAction(boardId: string, actionId: string): Promise<Action | undefined>;
  listActions(boardId: string, filter?: { cycleId?: string; status?: Action['status'] }): Promise<Action[]>;
  /** Records an update and the new status atomically, conditional on the version read. */
  recordUpdate(boardId: string, actionId: string, expectedVersion: number, event: ActionEvent): Promise<Action>;
  listEvents(actionId: string): Promise<ActionEvent[]>;
  /**
   * Applies `change` and writes `events` (in order) to the history in one transaction, conditional on
   * the version read: StaleVersionError when another change got there first, so the caller re-reads,
   * decides again and retries. NotFoundError when there is no such action. `note` is appended to the
   * board's audit trail in the same transaction (another append getting there first is a StaleVersionError too).
   */
  recordChange(boardId: string, actionId: string, expectedVersion: number, change: ActionChange, events: ActionEvent[], note?: AuditNote): Promise<Action>;
}

export interface LinkRepository {
  putLink(link: LinkRecord): Promise<void>;
  getLink(tokenHash: string): Promise<LinkRecord | undefined>;
  /**
   * Claims a single-use link (or reply address) for one request, before any side effect: true for the
   * one request that gets it; false when it was used, or another request claimed it at or after
   * `staleBefore` (an older claim belongs to a request that died, and is taken over).
   */
  claim(tokenHash: string, at: string, staleBefore: string): Promise<boolean>;
  /** Gives up the claim made `at`, after its request failed, so that the holder may try again. */
  release(tokenHash: string, at: string): Promise<void>;
  /** Marks a single-use link used, once: LinkUsedError if another request got there first. */
  markUsed(tokenHash: string, at: string, outcome: string): Promise<void>;
}

/**
 * The answer to a wait, kept on its record until the execution has it. `by` (the hash of the link or
 * reply address answering) claims the answer first; `output` and `outcome` are set once its side
 * effects are done, and from then on the answer is delivered to whichever token the wait holds.
 */
export interface WaitDecision {
  by: string;
  at: string;
  output?: Record<string, unknown>;
  outcome?: string;
}

export interface WaitRepository {
  /** Stores the token the workflow waits on; keeps the count of reminders already sent for this wait. */
  putWait(cycleId: string, kind: StoredWaitKind, taskToken: string, at: string): Promise<void>;
  /**
   * Counts one more reminder for the wait whose token timed out; idempotent per token, so a retried
   * chase task returns the same count instead of counting twice.
   */
  recordChase(cycleId: string, kind: WaitKind): Promise<number>;
  getWait(cycleId: string, kind: StoredWaitKind): Promise<{ taskToken: string; at: string; decision?: WaitDecision } | undefined>;
  /**
   * Claims the wait's answer for `by`: undefined when this call got it; the answer that got there
   * first otherwise (a claim without output made before `staleBefore` is taken over). NotWaitingError
   * when there is no wait.
   */
  claimDecision(cycleId: string, kind: WaitKind, by: string, at: string, staleBefore: string): Promise<WaitDecision | undefined>;
  /** Completes the answer claimed by `by`: StaleVersionError if it is not theirs any more. */
  recordDecision(cycleId: string, kind: WaitKind, by: string, output: Record<string, unknown>, outcome: string): Promise<void>;
  /** Drops the claim of `by` while it has no output (its side effects failed); otherwise a no-op. */
  releaseDecision(cycleId: string, kind: WaitKind, by: string): Promise<void>;
  /** Removes the record (with its answer) only if it still holds `taskToken`; false if it was already taken. */
  takeWait(cycleId: string, kind: StoredWaitKind, taskToken: string): Promise<boolean>;
}

/**
 * The mail provider's send rate for the whole account and region, shared by every process that sends:
 * SES counts the account's sends, not one function's.
 */
export interface SendRateLimiter {
  /**
   * Takes a place in the send rate, waiting as long as every place is taken, and runs `send` with it:
   * `send` may prepare at once (claim the outbox key) and must await `mayStart()` before it contacts
   * the provider, so that no one-second window holds more sends than the rate. The place is kept until
   * `send` settles and is free again a second after. Rejects with `send`'s error.
   */
  run<R>(send: (mayStart: () => Promise<void>) => Promise<R>): Promise<R>;
}

export interface Attachment {
  fileName: string;
  contentType: string;
  content: string | Buffer;
}

/** One email, as the templates produce it: both parts are required. */
export interface EmailMessage {
  to: { name: string; email: string }[];
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  /** Stable Message-ID without angle brackets, derived from the outbox key. */
  messageId: string;
  /** Which template wrote it: the mailbox's grouping and summaries, the SES kind header. */
  kind: EmailKind;
  attachments?: Attachment[];
  /** The board member it goes to, when it goes to one (notify.ts `messageTo`). */
  recipient?: EmailRecipient;
  /** Set when the recipient's address must not be written to (suppressed, complained): why; not sent. */
  withheld?: string;
  /** The board the email is of, for its audit entry (sendOnce records it there); never sent. */
  boardId?: string;
}

export interface Mailer {
  /** Sends and returns the provider's message id. */
  send(message: EmailMessage): Promise<string>;
}

export interface DocumentStore {
  putText(key: string, body: string, contentType: string): Promise<void>;
  getText(key: string): Promise<string>;
  putBytes(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /**
   * Writes like putBytes and says which version of the object it made: S3's VersionId in a versioned
   * bucket (as in AWS), undefined where the bucket keeps no versions (as locally).
   */
  putVersion(key: string, body: Uint8Array, contentType: string): Promise<{ versionId?: string }>;
  /**
   * Writes an object from chunks as they are produced (in parts, for a large one), so that the whole body
   * is never in memory at once; returns its size in bytes. Nothing is stored if the chunks fail.
   */
  putStream(key: string, chunks: AsyncIterable<Uint8Array>, contentType: string): Promise<{ size: number }>;
  /** Replaces the stored Content-Type: an upload's real type is known only once its bytes are read. NotFoundError when there is no object. */
  setContentType(key: string, contentType: string): Promise<void>;
  /** The whole object; NotFoundError when there is none. */
  getBytes(key: string): Promise<Uint8Array>;
  head(key: string): Promise<{ size: number; contentType: string } | undefined>;
  /** Reads the first bytes, to sniff a file's real type. */
  readPrefix(key: string, bytes: number): Promise<Buffer>;
  /** A short-lived presigned POST limited to `key`, `maxBytes` and the content types allowed. */
  presignUpload(input: {
    key: string;
    maxBytes: number;
    contentTypes: string[];
    expiresInSeconds: number;
    redirectUrl: string;
  }): Promise<{ url: string; fields: Record<string, string> }>;
  /** A short-lived presigned GET; never put into an email, only issued by the app after a link is followed. */
  presignDownload(key: string, expiresInSeconds: number, fileName: string): Promise<string>;
}

/** The state machine, seen from handlers: resume a waiting callback. */
export interface Workflow {
  start(name: string, input: ExecutionInput): Promise<string>;
  /** Stops an execution (a moved meeting restarts it re-planned); stopping a finished one is a no-op. */
  stop(executionArn: string, cause: string): Promise<void>;
  resume(taskToken: string, output: Record<string, unknown>): Promise<void>;
  fail(taskToken: string, error: string, cause: string): Promise<void>;
}

/**
 * Starts a cycle's execution by itself at a set moment: EventBridge Scheduler in AWS (a one-time schedule
 * that calls StartExecution), the same API on the virtual clock locally. The execution is named for the
 * cycle, so Step Functions refuses a second start of the same cycle.
 */
export interface Scheduler {
  /**
   * Creates, or replaces, the one schedule that starts this cycle at `at`. Returns the ARN the execution
   * will have, so the cycle can be found (and stopped) once it runs.
   */
  scheduleCycleStart(cycle: { boardId: string; cycleId: string }, at: Date): Promise<{ executionArn: string }>;
  /** Deletes the cycle's schedule; nothing happens when there is none (it already fired, or was cancelled). */
  cancelCycleStart(cycleId: string): Promise<void>;
}

/** Settings the cores read; from the environment in AWS and locally. */
export interface AppConfig {
  /** Base URL of the link pages, no trailing slash: https://app.example.org */
  appUrl: string;
  /** Largest paper accepted, in bytes. */
  maxPaperBytes: number;
  /** Emails sent at once during a fan-out. */
  sendConcurrency: number;
  /**
   * Domain of the one-time Reply-To addresses (SES receives it). Unset: emails carry no reply
   * address and nobody can answer by reply.
   */
  inboundDomain?: string;
}

/** Sends one email at most once per idempotency key (outbox claim, then send). */
export interface SendOnce {
  (key: string, message: Omit<EmailMessage, 'messageId'>): Promise<{ sent: boolean; messageId?: string }>;
  /**
   * True when this run must not send `key`: it was sent, or another run that may still be sending
   * claimed it. A stale claim, or one an earlier run of this task left, is false: it is sent again.
   */
  holds(key: string): Promise<boolean>;
}

/** Everything a core may use; handlers build it once per process (runtime/deps.ts), tests with fakes. */
export interface CoreDeps {
  boards: BoardRepository;
  cycles: CycleRepository;
  actions: ActionRepository;
  links: LinkRepository;
  waits: WaitRepository;
  outbox: Outbox;
  sendOnce: SendOnce;
  documents: DocumentStore;
  workflow: Workflow;
  scheduler: Scheduler;
  clock: Clock;
  config: AppConfig;
  signIns: SignInRepository;
  sessions: SessionRepository;
  securityLog: SecurityLog;
  telemetry: Telemetry;
  audit: AuditTrail;
  interests: InterestRepository;
}

/**
 * In-memory fakes of every port (functions/shared/ports), behaving like the adapters they stand for:
 * the same conditional refusals, numbering and list order, and no aliasing between what is written and
 * what is read. Unit tests run the cores on `fakeDeps()`; a fake that accepted what DynamoDB refuses
 * would make those tests pass on code that fails in AWS (test/unit/fakes.test.ts holds them to it).
 */
import { executionArnFor } from '../../functions/shared/adapters/scheduler/eventbridge-scheduler';
import {
  AlreadyExistsError,
  LinkNotFoundError,
  LinkUsedError,
  NotFoundError,
  NotWaitingError,
  StaleVersionError,
  ValidationError,
} from '../../functions/shared/domain/errors';
import { hashToken } from '../../functions/shared/domain/links';
import type { LinkRecord, StoredWaitKind, WaitKind } from '../../functions/shared/domain/types';
import type {
  AppConfig,
  Clock,
  CoreDeps,
  DocumentStore,
  EmailMessage,
  LinkRepository,
  Mailer,
  DeliveryReport,
  Outbox,
  OutboxEntry,
  OutboxMessageMeta,
  OutboxState,
  Scheduler,
  WaitDecision,
  SendRateLimiter,
  TaskAttempt,
  WaitRepository,
  Workflow,
} from '../../functions/shared/ports';
import { claimedByEarlierRun, makeSendOnce } from '../../functions/shared/services/send-once';
import { FakeTelemetry } from './fake-telemetry';
import { InMemoryInterestRepository } from './fake-interests';
import { cycleOfOutboxKey } from '../../functions/shared/table/outbox-keys';
import { InMemoryActionRepository, InMemoryBoardRepository, InMemoryCycleRepository, MemoryTable, stored } from './fake-repositories';
import { InMemorySecurityLog, InMemorySessionRepository, InMemorySignInRepository } from './fake-repositories';
import { InMemoryAuditTrail } from './fake-audit-trail';

export { InMemoryActionRepository, InMemoryBoardRepository, InMemoryCycleRepository, MemoryTable, stored };
export { InMemorySecurityLog, InMemorySessionRepository, InMemorySignInRepository, InMemoryAuditTrail };
export { FakeTelemetry };

/** DynamoLinkRepository in memory; `forUrl` finds the record behind a link in an email. */
export class InMemoryLinkRepository implements LinkRepository {
  readonly records = new Map<string, LinkRecord>();

  async putLink(link: LinkRecord): Promise<void> {
    if (this.records.has(link.tokenHash)) throw new AlreadyExistsError('A link with this token already exists.');
    this.records.set(link.tokenHash, stored(link));
  }
  async getLink(tokenHash: string): Promise<LinkRecord | undefined> {
    const link = this.records.get(tokenHash);
    return link && stored(link);
  }
  /** When each link was claimed: kept apart, as the adapter keeps it out of the link record. */
  readonly claims = new Map<string, string>();

  async claim(tokenHash: string, at: string, staleBefore: string): Promise<boolean> {
    const link = this.records.get(tokenHash);
    const claimedAt = this.claims.get(tokenHash);
    if (!link || link.usedAt || (claimedAt !== undefined && claimedAt >= staleBefore)) return false;
    this.claims.set(tokenHash, at);
    return true;
  }
  async release(tokenHash: string, at: string): Promise<void> {
    if (this.claims.get(tokenHash) === at) this.claims.delete(tokenHash);
  }
  async markUsed(tokenHash: string, at: string, outcome: string): Promise<void> {
    const link = this.records.get(tokenHash);
    if (!link) throw new LinkNotFoundError('This link is not known.');
    if (link.usedAt) throw new LinkUsedError(`This link was already used at ${link.usedAt}.`);
    this.records.set(tokenHash, { ...link, usedAt: at, outcome });
    this.claims.delete(tokenHash);
  }
  /** The record of an app link (`…/l/<token>`) or a reply address (`reply+<token>@…`). */
  forUrl(url: string): LinkRecord | undefined {
    const token = /\/l\/([A-Za-z0-9_-]+)/.exec(url)?.[1] ?? /^reply\+([a-z2-7]+)@/.exec(url)?.[1];
    const link = token === undefined ? undefined : this.records.get(hashToken(token));
    return link && stored(link);
  }
  all(): LinkRecord[] {
    return [...this.records.values()].map(stored);
  }
}

type WaitRecord = { taskToken: string; at: string; chases: number; chasedToken?: string; decision?: WaitDecision };

/**
 * DynamoWaitRepository in memory: chases counted once per token, one claimant per answer (a stale
 * unfinished claim is taken over), a wait taken only with the token it holds.
 */
export class InMemoryWaitRepository implements WaitRepository {
  readonly records = new Map<string, WaitRecord>();

  async putWait(cycleId: string, kind: StoredWaitKind, taskToken: string, at: string): Promise<void> {
    const before = this.records.get(`${cycleId}#${kind}`);
    this.records.set(`${cycleId}#${kind}`, { ...before, taskToken, at, chases: before?.chases ?? 0 });
  }
  async recordChase(cycleId: string, kind: WaitKind): Promise<number> {
    const wait = this.records.get(`${cycleId}#${kind}`);
    if (!wait) throw new NotWaitingError(`Cycle ${cycleId} is not waiting for ${kind}.`);
    if (wait.chasedToken === wait.taskToken) return wait.chases;
    wait.chases += 1;
    wait.chasedToken = wait.taskToken;
    return wait.chases;
  }
  async getWait(cycleId: string, kind: StoredWaitKind): Promise<{ taskToken: string; at: string; decision?: WaitDecision } | undefined> {
    const wait = this.records.get(`${cycleId}#${kind}`);
    return wait && { taskToken: wait.taskToken, at: wait.at, ...(wait.decision ? { decision: stored(wait.decision) } : {}) };
  }
  async claimDecision(cycleId: string, kind: WaitKind, by: string, at: string, staleBefore: string): Promise<WaitDecision | undefined> {
    const wait = this.records.get(`${cycleId}#${kind}`);
    if (!wait) throw new NotWaitingError(`Cycle ${cycleId} is not waiting for ${kind}.`);
    const held = wait.decision;
    if (held && (held.output !== undefined || held.at >= staleBefore)) return stored(held);
    wait.decision = { by, at };
    return undefined;
  }
  async recordDecision(cycleId: string, kind: WaitKind, by: string, output: Record<string, unknown>, outcome: string): Promise<void> {
    const wait = this.records.get(`${cycleId}#${kind}`);
    if (wait?.decision?.by !== by) throw new StaleVersionError(`The answer to ${kind} of cycle ${cycleId} is no longer claimed by this request.`);
    wait.decision = { ...wait.decision, output: stored(output), outcome };
  }
  async releaseDecision(cycleId: string, kind: WaitKind, by: string): Promise<void> {
    const wait = this.records.get(`${cycleId}#${kind}`);
    if (wait?.decision?.by === by && wait.decision.output === undefined) delete wait.decision;
  }
  async takeWait(cycleId: string, kind: StoredWaitKind, taskToken: string): Promise<boolean> {
    if (this.records.get(`${cycleId}#${kind}`)?.taskToken !== taskToken) return false;
    return this.records.delete(`${cycleId}#${kind}`);
  }
}

/**
 * DynamoOutbox in memory: a claim succeeds once per key until it is released or goes stale (still
 * claimed, taken before `staleBefore`); a sent key is never released, a taken-over claim not by its
 * first owner.
 */
export class InMemoryOutbox implements Outbox {
  /** The claims as the table keeps their state; what each email was is in `messages`. */
  readonly records = new Map<string, OutboxState>();
  /** What each claim recorded of its email, as the adapter stores it beside the state. */
  readonly messages = new Map<string, OutboxMessageMeta>();
  /** Makes `release` fail, as a table that is unavailable would. */
  releaseFails = false;
  /** SES's message id to outbox key, as markSent writes it (`SENT#<id>`). */
  readonly sentIds = new Map<string, string>();

  async claim(key: string, at: string, staleBefore?: string, attempt?: TaskAttempt, message?: OutboxMessageMeta): Promise<boolean> {
    const record = this.records.get(key);
    const takeOver = record?.status === 'claimed' && staleBefore !== undefined && (record.claimedAt < staleBefore || claimedByEarlierRun(record, attempt));
    if (record !== undefined && !takeOver) return false;
    this.records.set(key, { status: 'claimed', claimedAt: at, ...(attempt ? { claimScope: attempt.scope, claimedBy: attempt.by } : {}) });
    // The adapter's put replaces the whole item, message included.
    if (message) this.messages.set(key, { ...message, to: [...message.to] });
    else this.messages.delete(key);
    return true;
  }
  async markSent(key: string, messageId: string): Promise<void> {
    const record = this.records.get(key);
    if (record === undefined) throw new NotFoundError(`Outbox key ${key} was not claimed.`);
    this.sentIds.set(messageId, key);
    this.records.set(key, { ...record, status: 'sent', messageId });
  }
  async markWithheld(key: string, reason: string): Promise<void> {
    const record = this.records.get(key);
    if (record?.status !== 'claimed') throw new NotFoundError(`Outbox key ${key} is not an unsent claim.`);
    this.records.set(key, { ...record, status: 'suppressed', withheld: reason });
  }
  async findSent(messageId: string): Promise<OutboxEntry | undefined> {
    const key = this.sentIds.get(messageId);
    const state = key === undefined ? undefined : await this.get(key);
    return key !== undefined && state !== undefined ? { ...state, key } : undefined;
  }
  async recordDelivery(key: string, report: DeliveryReport): Promise<void> {
    const record = this.records.get(key);
    if (record === undefined) throw new NotFoundError(`Outbox key ${key} was not claimed.`);
    if (report.state === 'delayed' && record.delivery !== undefined && record.delivery.state !== 'delayed') return;
    this.records.set(key, { ...record, delivery: { ...report } });
  }
  async release(key: string, claimedAt: string): Promise<void> {
    if (this.releaseFails) throw new Error('table unavailable');
    const record = this.records.get(key);
    if (record?.status === 'claimed' && record.claimedAt === claimedAt) {
      this.records.delete(key);
      this.messages.delete(key);
    }
  }
  async get(key: string): Promise<OutboxState | undefined> {
    const record = this.records.get(key);
    const message = this.messages.get(key);
    return record && { ...record, ...(message ? { message } : {}) };
  }
  async listForCycle(cycleId: string): Promise<OutboxEntry[]> {
    const entries = await Promise.all(
      [...this.records.keys()].filter((key) => cycleOfOutboxKey(key) === cycleId).map(async (key) => ({ ...(await this.get(key))!, key })),
    );
    // GSI1's sort key: the claim time, then the key.
    return entries.sort((a, b) => (`${a.claimedAt}#${a.key}` < `${b.claimedAt}#${b.key}` ? -1 : 1));
  }
}

/** The account-wide send rate, unlimited: counts the sends that waited for it, and runs them at once. */
export class FakeSendRateLimiter implements SendRateLimiter {
  runs = 0;

  async run<R>(send: (mayStart: () => Promise<void>) => Promise<R>): Promise<R> {
    this.runs += 1;
    return send(async () => undefined);
  }
}

/** Records what it sends; fails the next `failNext` sends with `error`. */
export class FakeMailer implements Mailer {
  readonly sent: EmailMessage[] = [];
  failNext = 0;
  error: Error = new Error('SES is down');

  async send(message: EmailMessage): Promise<string> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw this.error;
    }
    this.sent.push(stored(message));
    return `ses-${this.sent.length}`;
  }
}

type StoredObject = { body: Uint8Array; contentType: string };

/** S3DocumentStore in memory: a read of a missing object is NotFoundError, `head` of one undefined. */
export class FakeDocumentStore implements DocumentStore {
  readonly objects = new Map<string, StoredObject>();
  private readonly versions = new Map<string, number>();

  async putText(key: string, body: string, contentType: string): Promise<void> {
    this.objects.set(key, { body: new Uint8Array(Buffer.from(body, 'utf8')), contentType });
  }
  async getText(key: string): Promise<string> {
    return Buffer.from(this.object(key).body).toString('utf8');
  }
  async putBytes(key: string, body: Uint8Array, contentType: string): Promise<void> {
    this.objects.set(key, { body: new Uint8Array(body), contentType });
  }
  /** Versions are counted per key, as a versioned bucket in AWS gives each write a new VersionId. */
  async putVersion(key: string, body: Uint8Array, contentType: string): Promise<{ versionId?: string }> {
    await this.putBytes(key, body, contentType);
    const version = (this.versions.get(key) ?? 0) + 1;
    this.versions.set(key, version);
    return { versionId: `v${version}` };
  }
  /** Nothing is stored when the chunks fail, as the real store aborts its multipart upload. */
  async putStream(key: string, chunks: AsyncIterable<Uint8Array>, contentType: string): Promise<{ size: number }> {
    const parts: Uint8Array[] = [];
    for await (const chunk of chunks) parts.push(new Uint8Array(chunk));
    const body = new Uint8Array(Buffer.concat(parts));
    this.objects.set(key, { body, contentType });
    return { size: body.byteLength };
  }
  async setContentType(key: string, contentType: string): Promise<void> {
    this.objects.set(key, { ...this.object(key), contentType });
  }
  async getBytes(key: string): Promise<Uint8Array> {
    return new Uint8Array(this.object(key).body);
  }
  async head(key: string): Promise<{ size: number; contentType: string } | undefined> {
    const object = this.objects.get(key);
    return object && { size: object.body.byteLength, contentType: object.contentType };
  }
  async readPrefix(key: string, bytes: number): Promise<Buffer> {
    if (bytes <= 0) return Buffer.alloc(0);
    return Buffer.from(this.object(key).body.subarray(0, bytes));
  }
  async presignUpload(input: { key: string; maxBytes: number; contentTypes: string[]; expiresInSeconds: number; redirectUrl: string }) {
    if (input.contentTypes.length === 0) throw new ValidationError('An upload must allow at least one content type.');
    if (!Number.isInteger(input.maxBytes) || input.maxBytes < 1) throw new ValidationError(`maxBytes must be a positive integer, not ${input.maxBytes}.`);
    return {
      url: 'https://documents.example.org/upload',
      fields: { key: input.key, ...(input.redirectUrl ? { success_action_redirect: input.redirectUrl } : {}) },
    };
  }
  async presignDownload(key: string, expiresInSeconds: number, fileName: string): Promise<string> {
    return `https://documents.example.org/${encodeURIComponent(key)}?expires=${expiresInSeconds}&name=${encodeURIComponent(fileName)}`;
  }
  private object(key: string): StoredObject {
    const object = this.objects.get(key);
    if (!object) throw new NotFoundError(`Document ${key} does not exist.`);
    return object;
  }
}

/** The state machine every fake execution belongs to. */
export const FAKE_STATE_MACHINE_ARN = 'arn:aws:states:eu-west-2:123456789012:stateMachine:meeting-cycle';

/** An error named as the Step Functions API names it, which is what the cores match. */
class NamedError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * Step Functions in memory: executions are named (a second start of a name is ExecutionAlreadyExists),
 * and a task token answers once (a second resume or fail is NotWaitingError, as SfnWorkflow reports it).
 */
export class FakeWorkflow implements Workflow {
  readonly started: { name: string; executionArn: string; input: { boardId: string; cycleId: string; resumeFrom?: string } }[] = [];
  readonly stopped: { executionArn: string; cause: string }[] = [];
  readonly resumed: { taskToken: string; output: Record<string, unknown> }[] = [];
  readonly failed: { taskToken: string; error: string; cause: string }[] = [];

  async start(name: string, input: { boardId: string; cycleId: string; resumeFrom?: string }): Promise<string> {
    if (this.started.some((e) => e.name === name)) throw new NamedError('ExecutionAlreadyExists', `Execution ${name} already exists.`);
    const executionArn = executionArnFor(FAKE_STATE_MACHINE_ARN, name);
    this.started.push({ name, executionArn, input: { ...input } });
    return executionArn;
  }
  async stop(executionArn: string, cause: string): Promise<void> {
    this.stopped.push({ executionArn, cause });
  }
  async resume(taskToken: string, output: Record<string, unknown>): Promise<void> {
    this.answer(taskToken);
    this.resumed.push({ taskToken, output: stored(output) });
  }
  async fail(taskToken: string, error: string, cause: string): Promise<void> {
    this.answer(taskToken);
    this.failed.push({ taskToken, error, cause });
  }
  private answer(taskToken: string): void {
    if ([...this.resumed, ...this.failed].some((t) => t.taskToken === taskToken)) {
      throw new NotWaitingError('The cycle is no longer waiting for this answer.');
    }
  }
}

/** EventBridge Scheduler in memory: one schedule per cycle, replaced by a second one; cancelling none is a no-op. */
export class FakeScheduler implements Scheduler {
  readonly schedules = new Map<string, { boardId: string; cycleId: string; at: string }>();

  async scheduleCycleStart(cycle: { boardId: string; cycleId: string }, at: Date): Promise<{ executionArn: string }> {
    this.schedules.set(cycle.cycleId, { boardId: cycle.boardId, cycleId: cycle.cycleId, at: at.toISOString() });
    return { executionArn: executionArnFor(FAKE_STATE_MACHINE_ARN, cycle.cycleId) };
  }
  async cancelCycleStart(cycleId: string): Promise<void> {
    this.schedules.delete(cycleId);
  }
}

/** A clock that stands still until the test moves it. */
export class FakeClock implements Clock {
  private at: Date;
  constructor(at: string | Date = '2027-01-04T09:00:00.000Z') {
    this.at = new Date(at);
  }
  now(): Date {
    return new Date(this.at);
  }
  set(at: string | Date): void {
    this.at = new Date(at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/** Settings of the fake deployment: it receives mail, so emails carry one-time reply addresses. */
export const FAKE_CONFIG: AppConfig = {
  appUrl: 'https://app.example.org',
  maxPaperBytes: 25 * 1024 * 1024,
  sendConcurrency: 3,
  inboundDomain: 'reply.example.org',
};

/** Every port in memory, typed as the fakes so tests can inspect them, plus what was mailed. */
export interface FakeDeps extends CoreDeps {
  boards: InMemoryBoardRepository;
  cycles: InMemoryCycleRepository;
  actions: InMemoryActionRepository;
  links: InMemoryLinkRepository;
  waits: InMemoryWaitRepository;
  outbox: InMemoryOutbox;
  documents: FakeDocumentStore;
  workflow: FakeWorkflow;
  scheduler: FakeScheduler;
  clock: FakeClock;
  signIns: InMemorySignInRepository;
  sessions: InMemorySessionRepository;
  securityLog: InMemorySecurityLog;
  telemetry: FakeTelemetry;
  audit: InMemoryAuditTrail;
  interests: InMemoryInterestRepository;
  mailer: FakeMailer;
  rateLimiter: FakeSendRateLimiter;
  /** The task run in progress, as the runtime would know it: set it to play a retried task. */
  attempt: { current?: TaskAttempt };
  /** The emails sent so far, in order; only those of `kind` when given. */
  emails(kind?: string): EmailMessage[];
}

/**
 * A full CoreDeps on in-memory fakes that behave like the adapters; `sendOnce` is the real one over the
 * fake outbox and mailer. `now` sets the clock, `config` changes settings.
 */
export function fakeDeps(overrides: { now?: string | Date; config?: Partial<AppConfig> } = {}): FakeDeps {
  const table = new MemoryTable();
  const outbox = new InMemoryOutbox();
  const mailer = new FakeMailer();
  const rateLimiter = new FakeSendRateLimiter();
  const clock = new FakeClock(overrides.now);
  const attempt: { current?: TaskAttempt } = {};
  const telemetry = new FakeTelemetry();
  const audit = new InMemoryAuditTrail(table);
  return {
    boards: new InMemoryBoardRepository(table),
    cycles: new InMemoryCycleRepository(table),
    actions: new InMemoryActionRepository(table),
    links: new InMemoryLinkRepository(),
    waits: new InMemoryWaitRepository(),
    outbox,
    sendOnce: makeSendOnce({ outbox, mailer, clock, limiter: rateLimiter, attempt: () => attempt.current, telemetry, audit }),
    documents: new FakeDocumentStore(),
    workflow: new FakeWorkflow(),
    scheduler: new FakeScheduler(),
    clock,
    config: { ...FAKE_CONFIG, ...overrides.config },
    signIns: new InMemorySignInRepository(),
    sessions: new InMemorySessionRepository(),
    securityLog: new InMemorySecurityLog(),
    telemetry,
    audit,
    interests: new InMemoryInterestRepository(table),
    mailer,
    rateLimiter,
    attempt,
    emails: (kind) => mailer.sent.filter((m) => kind === undefined || m.kind === kind),
  };
}

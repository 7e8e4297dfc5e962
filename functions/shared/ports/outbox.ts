import type { EmailKind } from '../../emails';

/** What the outbox holds of one email: claimed once, recorded when sent, and what SES later said of it. */
export type OutboxState = {
  /** `suppressed`: never sent, because the recipient's address stopped receiving ({@link EmailMessage.withheld}). */
  status: 'claimed' | 'sent' | 'suppressed';
  messageId?: string;
  /** Why a `suppressed` email was not sent. */
  withheld?: string;
  /** What SES reported after the send: a bounce, a complaint or a delay. */
  delivery?: DeliveryReport;
  claimedAt: string;
  /** The task run that claimed it ({@link TaskAttempt}), when a task did. */
  claimScope?: string;
  claimedBy?: string;
  /** What the email was, as the claim recorded it (claims from before the console have none). */
  message?: OutboxMessageMeta;
};

/** What the console shows of an email, recorded with its claim: never the body, which holds links. */
export interface OutboxMessageMeta {
  kind: EmailKind;
  /** The recipients' addresses. */
  to: string[];
  subject: string;
  /** The board member it went to, when it went to one: a bounce or complaint is recorded on them. */
  recipient?: EmailRecipient;
}

/** The board member an email goes to. */
export interface EmailRecipient {
  boardId: string;
  memberId: string;
}

/** A bounce, complaint or delivery delay SES reported for a sent email. */
export interface DeliveryReport {
  state: 'bounced' | 'complaint' | 'delayed';
  /** In words, from SES's report: "permanent bounce (General): smtp; 550 5.1.1 user unknown". */
  reason: string;
  /** When SES reported it. */
  at: string;
}

/** One email of a cycle, as listed: its key and where it stands. */
export type OutboxEntry = OutboxState & { key: string };

/**
 * One run of a Step Functions task. Step Functions starts a retry only once the run before it has
 * ended (failed, or timed out: each function's timeout is below its Task's), so an unsent claim that an
 * earlier run of the same task made is that run's leftover, however recent: the retry sends it.
 */
export interface TaskAttempt {
  /** The execution and the state (`<execution name>#<state>`): every retry of one task shares it. */
  scope: string;
  /** This invocation (Lambda's request id): different for every run. */
  by: string;
  /** When this run started. */
  startedAt: string;
}

/** At-least-once tasks claim a key before sending, so a retry never sends twice. */
export interface Outbox {
  /**
   * True if this call claimed the key; false if it was sent before, or claimed at or after
   * `staleBefore` (ISO time). A claim older than that and never marked sent was left by an attempt that
   * died before the send finished: it may be taken again, by one caller only. So may a claim that an
   * earlier run of the same task made (same scope, another invocation, claimed at or before `attempt.startedAt`): `attempt` is recorded on the claim.
   * `message` is recorded too, and a claim of a cycle's key (`cycleOfOutboxKey`) is listed for that cycle.
   */
  claim(key: string, at: string, staleBefore?: string, attempt?: TaskAttempt, message?: OutboxMessageMeta): Promise<boolean>;
  /** Records the provider's id on a claim, and that id's way back to `key` ({@link Outbox.findSent}). */
  markSent(key: string, messageId: string): Promise<void>;
  /** Marks a claim never to be sent, with the reason: it holds like a sent email (no retry sends it). */
  markWithheld(key: string, reason: string): Promise<void>;
  /** The email SES knows by `messageId` (the provider's id given to markSent), if it was ours. */
  findSent(messageId: string): Promise<OutboxEntry | undefined>;
  /**
   * Records what SES reported after the send; a `delayed` report never replaces a bounce or complaint.
   * NotFoundError when the key was never claimed.
   */
  recordDelivery(key: string, report: DeliveryReport): Promise<void>;
  /**
   * Gives up the claim made at `claimedAt` after a failed send, so a retry may try again; a claim taken
   * over since (it went stale) or a sent message is left as it is.
   */
  release(key: string, claimedAt: string): Promise<void>;
  get(key: string): Promise<OutboxState | undefined>;
  /**
   * The emails of one cycle claimed so far (sent, or claimed and not sent), oldest claim first. A claim
   * released after a failed send is not listed: nothing went, and a retry claims it again.
   */
  listForCycle(cycleId: string): Promise<OutboxEntry[]>;
}

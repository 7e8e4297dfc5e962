import type { WaitKind } from '../domain/types';
import { PREFIXES } from './object-keys';

/**
 * THE idempotency keys of the outbox (`sendOnce`, stored as pk = OUTBOX#<key>, see keys.ts): one email
 * per key, ever. A key is built only from what a retry of the same step sees again (ids, versions,
 * counters already recorded, the day in the board's zone), never from the clock or a random value,
 * so a retried Lambda or a redelivered event finds its earlier claim and sends nothing twice. Each
 * also names the person it goes to, so one recipient's failure does not hold back the others. The
 * strings are stored: changing one re-sends every email whose claim it no longer matches.
 */
export const outboxKeys = {
  /** The agenda call of a cycle, once per member. */
  agendaCall: (cycleId: string, memberId: string) => `agenda-call#${cycleId}#${memberId}`,
  /** Asking the secretariat to confirm the draft agenda, once per secretariat member. */
  agendaConfirmation: (cycleId: string, memberId: string) => `agenda-confirmation#${cycleId}#${memberId}`,
  /** A presenter's paper request (`paper-request`) or reminder (`paper-reminder`), once per item. */
  paperAsk: (kind: 'paper-request' | 'paper-reminder', cycleId: string, itemNumber: number) => `${kind}#${cycleId}#${itemNumber}`,
  /** The secretariat's list of papers not received at the deadline, once per secretariat member. */
  papersNotReceived: (cycleId: string, memberId: string) => `papers-not-received#${cycleId}#${memberId}`,
  /** The prefix of a cycle's circulation; each member's key is {@link outboxKeys.circulationTo}. */
  circulation: (cycleId: string) => `circulation#${cycleId}`,
  /**
   * The prefix of one supplementary circulation: the build time of the packs it follows tells this
   * round of late papers from the next, and is recorded before any email goes.
   */
  supplementary: (cycleId: string, builtAt: string) => `supplementary#${cycleId}#${builtAt}`,
  /** One member's copy of a (supplementary) circulation under `prefix`. */
  circulationTo: (prefix: string, memberId: string) => `${prefix}#${memberId}`,
  /** Members told the meeting moved: `move` counts the cycle's recorded moves, this one included. */
  meetingMoved: (cycleId: string, move: number, memberId: string) => `meeting-moved#${cycleId}#${move}#${memberId}`,
  /** Asking for the minutes draft: `round` is the latest minutes version (0 before the first). */
  minutesDraft: (cycleId: string, round: number, memberId: string) => `minutes-draft#${cycleId}#${round}#${memberId}`,
  /** Asking the chair to approve one minutes version. */
  chairApproval: (cycleId: string, version: number) => `chair-approval#${cycleId}#${version}`,
  /** A reminder on a waiting callback: `chase` is the reminder count the wait recorded. */
  chase: (cycleId: string, kind: WaitKind, chase: number, memberId: string) => `chase#${cycleId}#${kind}#${chase}#${memberId}`,
  /** The escalation after the last reminder on a waiting callback. */
  escalation: (cycleId: string, kind: WaitKind, chase: number, memberId: string) => `escalation#${cycleId}#${kind}#${chase}#${memberId}`,
  /** The approved minutes sent to each member. */
  minutesPublished: (cycleId: string, memberId: string) => `minutes-published#${cycleId}#${memberId}`,
  /** Telling the secretariat no public copy of a minutes version was published. */
  publicMinutesWithheld: (cycleId: string, version: number, memberId: string) => `public-minutes-withheld#${cycleId}#${version}#${memberId}`,
  /** An owner asked for an update on an action after the minutes were approved. */
  actionUpdate: (actionId: string, memberId: string) => `action-update#${actionId}#${memberId}`,
  /** A new owner given an action: `version` is the action's version after the reassignment. */
  actionAssigned: (actionId: string, version: number, memberId: string) => `action-assigned#${actionId}#v${version}#${memberId}`,
  /** An owner's reminders for one day (`YYYY-MM-DD` in the board's zone). */
  actionReminder: (boardId: string, day: string, memberId: string) => `action-reminder#${boardId}#${day}#${memberId}`,
  /** The secretariat's actions digest for one day (`YYYY-MM-DD` in the board's zone). */
  actionDigest: (boardId: string, day: string, memberId: string) => `action-digest#${boardId}#${day}#${memberId}`,
  /** Telling the secretariat which actions a leaving member's departure left to reassign. */
  memberLeft: (boardId: string, leaverId: string, memberId: string) => `member-left#${boardId}#${leaverId}#${memberId}`,
  /** Asking the secretariat to confirm the next meeting proposed from a cycle's minutes. */
  nextMeetingConfirmation: (cycleId: string, memberId: string) => `next-meeting-confirmation#${cycleId}#${memberId}`,
  /** The secretariat told a cycle failed; after its `resumes`-th resume, told again if it fails again. */
  cycleFailed: (cycleId: string, memberId: string, resumes = 0) => `cycle-failed#${cycleId}#${memberId}${resumes > 0 ? `#r${resumes}` : ''}`,
  /** The secretariat told a failed cycle was resumed, once per resume (`resume` counts them, this one included). */
  cycleResumed: (cycleId: string, resume: number, memberId: string) => `cycle-resumed#${cycleId}#${resume}#${memberId}`,
  /** The secretariat told a cycle's follow-up closed. */
  cycleClosed: (cycleId: string, memberId: string) => `cycle-closed#${cycleId}#${memberId}`,
  /** The answer to an emailed reply, once per inbound Message-ID (SES may deliver a message twice). */
  inboundReply: (messageId: string) => `inbound#${messageId}`,
  /** The receipt for a proposed agenda item. */
  proposal: (cycleId: string, proposalId: string) => `proposal#${cycleId}#${proposalId}`,
  /** The secretariat warned that apologies put the quorum at risk, once per cycle. */
  quorumWarning: (cycleId: string, memberId: string) => `quorum-warning#${cycleId}#${memberId}`,
  /** A proposer told their item made the agenda. */
  proposalAccepted: (cycleId: string, itemNumber: number, memberId: string) => `proposal-accepted#${cycleId}#${itemNumber}#${memberId}`,
  /** A proposer told their item did not make the agenda. */
  proposalDeclined: (cycleId: string, itemNumber: number, memberId: string) => `proposal-declined#${cycleId}#${itemNumber}#${memberId}`,
  /** The receipt for an uploaded paper: the S3 key is unique per upload. */
  paperReceipt: (s3Key: string) => `paper-receipt#${s3Key}`,
  /**
   * Asking the secretariat to decide an owner's proposal (`action-due-proposed`,
   * `action-delegation-proposed`): `changeId` is the proposal's id, stored on the action.
   */
  actionAsk: (kind: 'action-due-proposed' | 'action-delegation-proposed', actionId: string, changeId: string, memberId: string) =>
    `${kind}#${actionId}#${changeId}#${memberId}`,
  /** A new owner's update request after a confirmed hand-over (`changeId`: the hand-over). */
  actionHandedOver: (actionId: string, memberId: string, changeId: string) => `action-update#${actionId}#${memberId}#${changeId}`,
  /** An owner told the secretariat's decision on their proposed due date. */
  actionDueDecision: (actionId: string, changeId: string) => `action-due-decision#${actionId}#${changeId}`,
  /** An owner told the secretariat's decision on their hand-over request. */
  actionDelegationDecision: (actionId: string, changeId: string) => `action-delegation-decision#${actionId}#${changeId}`,
  /** A fresh update link for an expired one: at most one per expired link per day in the board's zone. */
  actionFreshLink: (tokenHash: string, day: string) => `action-fresh-link#${tokenHash}#${day}`,
  /**
   * Telling `to` (a secretariat member's id, or a fallback address) that a member's address reached
   * `state`: once per address and state, however many bounces or redelivered events report it.
   */
  addressUndeliverable: (boardId: string, memberId: string, address: string, state: string, to: string) =>
    `address-undeliverable#${boardId}#${memberId}#${address.toLowerCase()}#${state}#${to}`,
  /** Asking the chair to approve or refuse a late item, once per item and chair. */
  lateItemRequest: (cycleId: string, lateItemId: string, memberId: string) => `late-item-request#${cycleId}#${lateItemId}#${memberId}`,
  /** Telling the secretariat and the presenter the chair's decision on a late item. */
  lateItemDecision: (cycleId: string, lateItemId: string, memberId: string) => `late-item-decision#${cycleId}#${lateItemId}#${memberId}`,
  /**
   * A member's deputy sent the papers: `round` is `circulation`, or a supplementary circulation's pack
   * build time; `seal` is the deputy link's seal (deputySeal), so another deputy named later gets them too.
   */
  deputyPapers: (cycleId: string, memberId: string, seal: string, round: string) => `deputy-papers#${cycleId}#${memberId}#${seal}#${round}`,
  /** A cancelled meeting told to one person: `who` is a member id, or `to:<address>` for someone else invited. */
  meetingCancelled: (cycleId: string, who: string) => `meeting-cancelled#${cycleId}#${who}`,
  /** Asking the vice-chair, for the chair, to approve one minutes version. */
  viceChairApproval: (cycleId: string, version: number, memberId: string) => `vice-chair-approval#${cycleId}#${version}#${memberId}`,
} as const;

/**
 * Prefixes of the keys whose second `#` segment is the cycle's id: the emails of one cycle. The others
 * are about a board's actions or members, a reply or an upload (see {@link cycleOfOutboxKey}).
 */
const CYCLE_KEY_PREFIXES: ReadonlySet<string> = new Set([
  'agenda-call',
  'agenda-confirmation',
  'paper-request',
  'paper-reminder',
  'papers-not-received',
  'circulation',
  'supplementary',
  'meeting-moved',
  'minutes-draft',
  'chair-approval',
  'chase',
  'escalation',
  'minutes-published',
  'public-minutes-withheld',
  'next-meeting-confirmation',
  'cycle-failed',
  'cycle-resumed',
  'cycle-closed',
  'proposal',
  'quorum-warning',
  'proposal-accepted',
  'proposal-declined',
  'late-item-request',
  'late-item-decision',
  'deputy-papers',
  'meeting-cancelled',
  'vice-chair-approval',
]);

const PAPER_RECEIPT = 'paper-receipt#';

/**
 * The cycle an outbox key's email belongs to, read from the key as {@link outboxKeys} builds it (the
 * console lists a cycle's emails by it); undefined for a board-level email (action reminders, digests,
 * a member leaving), a reply's answer, and any key these builders do not make.
 */
export function cycleOfOutboxKey(key: string): string | undefined {
  // A receipt is keyed by the paper's S3 key, papers/<cycle>/item-<n>/…, which names the cycle.
  if (key.startsWith(PAPER_RECEIPT)) {
    const objectKey = key.slice(PAPER_RECEIPT.length);
    const [prefix, cycleId] = objectKey.split('/');
    return (prefix === PREFIXES.papers.slice(0, -1) || prefix === PREFIXES.paperUploads.slice(0, -1)) && cycleId ? cycleId : undefined;
  }
  const [prefix, cycleId] = key.split('#');
  return prefix !== undefined && CYCLE_KEY_PREFIXES.has(prefix) && cycleId ? cycleId : undefined;
}

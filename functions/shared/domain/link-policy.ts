/**
 * How long each kind of link works, and whether it works once: one table, read wherever a link or a
 * reply address is issued, so that a lifetime is changed in one place. Pure: no I/O.
 */
import { DAY_MS } from './calendar';
import { holderSeal } from './member-identity';
import type { LinkRecord, Member, ReplyPurpose, Role, Timeline } from './types';

/**
 * How long a claim (of a link, or of a wait's answer) holds while its request runs: longer than any
 * request may live (API Gateway gives up after 29 s), so only the claim of a request that died is taken over.
 */
export const CLAIM_STALE_MS = 2 * 60_000;

/** When a link stops working. */
export type LinkLifetime =
  /** A number of days from the moment it is issued. */
  | { readonly days: number }
  /** A date of the cycle's timeline, plus a number of days (0: at that moment). */
  | { readonly at: keyof Timeline; readonly plusDays: number }
  /** A number of days after the answer it asks for is due (its policy's `answerDue`): late answers still count. */
  | { readonly daysAfterAnswerDue: number }
  /** At least a number of days from issue, and until the proposed meeting if that is later. */
  | { readonly atLeastDays: number; readonly orUntil: 'proposedMeeting' };

export interface LinkPolicy {
  /** True where following the link changes state once (approve, confirm, decide). */
  readonly singleUse: boolean;
  readonly expires: LinkLifetime;
  /** When the holder is asked to answer by: a timeline date, but never less than some days from now. */
  readonly answerDue?: { readonly at: keyof Timeline; readonly atLeastDays: number };
  /** The lifetime of the fresh link that a reminder carries when the answer is late. */
  readonly reminder?: LinkLifetime;
  /** The role the holder must still have when the link is used: it was sent to them for that role. */
  readonly holderRole?: Role;
}

/**
 * Every link purpose, with its lifetime and use: the one place a purpose is declared. `LinkPurpose` is
 * derived from these keys, so a new purpose starts here, and a purpose without a page (functions/http/
 * links/pages.ts) does not compile.
 */
export const LINK_POLICY = {
  // Proposals close at the item deadline: the link works until then and is used for every proposal.
  'propose-item': { singleUse: false, expires: { at: 'itemDeadline', plusDays: 0 } },
  // The confirmation may come late, up to the day after the meeting; each reminder carries a fresh link.
  'confirm-agenda': { singleUse: true, expires: { at: 'meeting', plusDays: 1 }, reminder: { days: 14 }, holderRole: 'secretariat' },
  // Every upload is a new version, until the meeting.
  'upload-paper': { singleUse: false, expires: { at: 'meeting', plusDays: 0 } },
  'submit-minutes': {
    singleUse: true,
    answerDue: { at: 'minutesDraftDue', atLeastDays: 2 },
    expires: { daysAfterAnswerDue: 14 },
    reminder: { days: 14 },
    holderRole: 'secretariat',
  },
  'approve-minutes': {
    singleUse: true,
    answerDue: { at: 'chairApprovalDue', atLeastDays: 3 },
    expires: { daysAfterAnswerDue: 14 },
    reminder: { days: 14 },
    holderRole: 'chair',
  },
  // An owner's link serves every later update; an expired one offers a fresh link by email.
  'update-action': { singleUse: false, expires: { days: 90 } },
  // Papers stay readable for a while after the meeting, when the minutes are written.
  'view-papers': { singleUse: false, expires: { at: 'meeting', plusDays: 90 } },
  // As long as the papers link it used to hang off: after the meeting its page says the meeting took place.
  'send-apologies': { singleUse: false, expires: { at: 'meeting', plusDays: 90 } },
  'decide-due-date': { singleUse: true, expires: { days: 30 }, holderRole: 'secretariat' },
  'decide-delegation': { singleUse: true, expires: { days: 30 }, holderRole: 'secretariat' },
  'confirm-next-cycle': { singleUse: true, expires: { atLeastDays: 14, orUntil: 'proposedMeeting' }, holderRole: 'secretariat' },
  // Declarations before the meeting; those made at it are for the minutes. Once used, it says what was declared.
  'declare-interest': { singleUse: true, expires: { at: 'meeting', plusDays: 0 } },
  // The yearly confirmation of a member's register: a month to answer, then the next circulation asks again.
  'confirm-interests': { singleUse: true, expires: { days: 30 } },
  // The chair decides a late item before the meeting starts: after that it is not taken.
  'decide-late-item': { singleUse: true, expires: { at: 'meeting', plusDays: 0 }, holderRole: 'chair' },
  // A deputy's papers, as long as the member's: it also stops when the member's apologies stop naming them.
  'deputy-papers': { singleUse: false, expires: { at: 'meeting', plusDays: 90 } },
  // Recorded after the meeting, with the minutes draft; a second save needs a fresh link (or the console).
  'record-attendance': { singleUse: true, expires: { days: 30 }, holderRole: 'secretariat' },
} as const satisfies Record<string, LinkPolicy>;

/** What a link in an email lets its holder do: one page, and one lifetime and use, each. */
export type LinkPurpose = keyof typeof LINK_POLICY;

/** Every link purpose, in the order of LINK_POLICY. */
export const LINK_PURPOSES = Object.keys(LINK_POLICY) as readonly LinkPurpose[];

/** True for a link's purpose, false for a reply address's (they share the store). */
export const isLinkPurpose = (purpose: string): purpose is LinkPurpose => Object.hasOwn(LINK_POLICY, purpose);

/** Reply addresses: always single-use, since each reply is one answer. */
export const REPLY_POLICY = {
  // Sent with the chair's approval link, and works as long as it does.
  'reply-minutes': { ...LINK_POLICY['approve-minutes'], singleUse: true },
  // As long as an owner's update link, which it comes with.
  'reply-action': { singleUse: true, expires: LINK_POLICY['update-action'].expires },
} as const satisfies Record<ReplyPurpose, LinkPolicy & { singleUse: true }>;

/** Purposes whose link asks for an answer by a date of its own. */
export type AnswerDuePurpose = {
  [P in LinkPurpose]: (typeof LINK_POLICY)[P] extends { answerDue: object } ? P : never;
}[LinkPurpose];

/** Purposes whose late answer is chased with a reminder carrying a fresh link. */
export type RemindedPurpose = {
  [P in LinkPurpose]: (typeof LINK_POLICY)[P] extends { reminder: object } ? P : never;
}[LinkPurpose];

/** What a lifetime may be counted from: now, the cycle's timeline, and the proposed meeting's moment. */
export interface ExpiryBasis {
  now: Date;
  timeline?: Timeline;
  /** For `orUntil: 'proposedMeeting'`: the proposed meeting, when it is a real moment. */
  proposedMeeting?: Date;
}

const policyOf = (purpose: LinkPurpose | ReplyPurpose): LinkPolicy =>
  Object.hasOwn(REPLY_POLICY, purpose) ? REPLY_POLICY[purpose as ReplyPurpose] : LINK_POLICY[purpose as LinkPurpose];

const addDays = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS);
const laterOf = (a: Date, b: Date): Date => (a.getTime() > b.getTime() ? a : b);

function timelineOf(basis: ExpiryBasis, purpose: string): Timeline {
  if (!basis.timeline) throw new Error(`A ${purpose} link's lifetime is counted from the cycle's timeline; none was given.`);
  return basis.timeline;
}

function dueOf(policy: LinkPolicy, basis: ExpiryBasis, purpose: string): Date {
  if (!policy.answerDue) throw new Error(`A ${purpose} link asks for no answer by a date.`);
  const { at, atLeastDays } = policy.answerDue;
  return laterOf(new Date(timelineOf(basis, purpose)[at]), addDays(basis.now, atLeastDays));
}

/**
 * When a link of `purpose` issued now stops working, by its policy; `occasion: 'reminder'` for the fresh
 * link a reminder carries.
 * @throws Error when the policy counts from something `basis` lacks (a programming error)
 */
export function linkExpiry(purpose: LinkPurpose | ReplyPurpose, basis: ExpiryBasis, occasion: 'issue' | 'reminder' = 'issue'): Date {
  const policy = policyOf(purpose);
  const lifetime = occasion === 'reminder' ? policy.reminder : policy.expires;
  if (!lifetime) throw new Error(`A ${purpose} link is not sent again with reminders.`);
  if ('days' in lifetime) return addDays(basis.now, lifetime.days);
  if ('at' in lifetime) return addDays(new Date(timelineOf(basis, purpose)[lifetime.at]), lifetime.plusDays);
  if ('daysAfterAnswerDue' in lifetime) return addDays(dueOf(policy, basis, purpose), lifetime.daysAfterAnswerDue);
  return laterOf(addDays(basis.now, lifetime.atLeastDays), basis.proposedMeeting ?? basis.now);
}

/** When the holder of a link of `purpose` is asked to answer by: the policy's timeline date, or later. */
export function answerDue(purpose: AnswerDuePurpose, basis: ExpiryBasis): Date {
  return dueOf(LINK_POLICY[purpose], basis, purpose);
}

/** Whether a link of `purpose` works once. */
export const isSingleUse = (purpose: LinkPurpose | ReplyPurpose): boolean => policyOf(purpose).singleUse;

/** The role a link of `purpose` needs its holder to have still, if any (LINK_POLICY's `holderRole`). */
export const holderRoleFor = (purpose: LinkPurpose | ReplyPurpose): Role | undefined => policyOf(purpose).holderRole;

/** Why a link's holder may not act through it: gone from the board, revoked, or no longer in the role. */
export type HolderRefusal = { reason: 'not-a-member' } | { reason: 'revoked' } | { reason: 'role'; role: Role };

/**
 * Whom a link lets act, checked against the board's current members: the member it was issued to (by
 * id), provided their seal is still the one the link carries and they still have the role its purpose
 * needs. Whoever follows the link acts as that member (a forwarded link works for its holder, not for
 * the person it was forwarded to); a removed member's link works for nobody, since ids are never reused.
 */
export function linkHolder(
  link: Pick<LinkRecord, 'purpose' | 'memberId' | 'holderSeal'>,
  members: readonly Member[],
): { holder: Member; refused?: undefined } | { holder?: undefined; refused: HolderRefusal } {
  const holder = members.find((m) => m.memberId === link.memberId);
  if (!holder) return { refused: { reason: 'not-a-member' } };
  // A link without a seal never matches: fail closed.
  if (link.holderSeal === undefined || link.holderSeal !== holderSeal(holder)) return { refused: { reason: 'revoked' } };
  const role = holderRoleFor(link.purpose);
  // The vice-chair holds the chair's links that were issued to them, when the chair's business went to them.
  const deputy = role === 'chair' && holder.roles.includes('vice-chair');
  if (role && !holder.roles.includes(role) && !deputy) return { refused: { reason: 'role', role } };
  return { holder };
}

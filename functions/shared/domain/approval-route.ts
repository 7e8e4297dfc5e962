/**
 * Who approves a cycle's minutes: the chair, unless the board names a vice-chair and the chair cannot
 * answer for the meeting (apologies sent, an interest declared in its business) or has not answered after
 * the second reminder. Once handed over, the approval stays with the vice-chair for the cycle (every
 * revised version goes to them), unless they are no longer the vice-chair: then it is the chair's again.
 */
import type { ApprovalHandover, Attendance, HandoverReason, Member } from './types';

/** Reminders the chair gets before the approval goes to the vice-chair (the second chase is the last). */
export const CHAIR_CHASES_BEFORE_HANDOVER = 2;

/** Who is asked to approve, and in which capacity. */
export interface ApprovalRoute {
  approver: Member;
  capacity: 'chair' | 'vice-chair';
  /** Why the vice-chair answers for the chair; absent when the chair does. */
  because?: HandoverReason;
}

/** The words an approval statement and an email use for a capacity: "Vice-Chair", or "" for the chair. */
export const capacityTitle = (capacity: 'chair' | 'vice-chair' | undefined): string => (capacity === 'vice-chair' ? 'Vice-Chair' : '');

/** Why the approval went to the vice-chair, in words for the secretariat and the vice-chair. */
export const HANDOVER_WORDS: Record<HandoverReason, string> = {
  'chair-apologies': 'the chair sent apologies for the meeting',
  'chair-conflicted': 'the chair declared an interest in the business of the meeting',
  'chair-silent': `the chair did not answer after ${CHAIR_CHASES_BEFORE_HANDOVER} reminders`,
};

/**
 * The board's vice-chair: the one member with the role who is not also the chair. None when nobody has
 * the role, when more than one member has it (nobody can tell which is meant), or when it is the chair.
 */
export function viceChairOf(members: readonly Member[]): Member | undefined {
  const named = members.filter((m) => m.roles.includes('vice-chair'));
  const only = named.length === 1 ? named[0] : undefined;
  return only && !only.roles.includes('chair') ? only : undefined;
}

/** Why a member cannot take the vice-chair role, or undefined when they can. */
export function viceChairProblem(member: Pick<Member, 'name' | 'roles'>, others: readonly Pick<Member, 'name' | 'roles'>[]): string | undefined {
  if (!member.roles.includes('vice-chair')) return undefined;
  if (member.roles.includes('chair')) return `${member.name} is the chair: the vice-chair must be someone else`;
  const holder = others.find((m) => m.roles.includes('vice-chair'));
  return holder ? `${holder.name} is already the vice-chair: take the role from them first` : undefined;
}

/**
 * Whether the chair has declared a prejudicial interest (one that means they take no part) in any item
 * of the meeting whose minutes are to be approved: they cannot vouch for the record of business they
 * left. An interest declared by a chair who still took part leaves the approval with them.
 */
export function chairConflicted(chair: Pick<Member, 'memberId'>, declarations: readonly { memberId: string; prejudicial?: boolean }[] = []): boolean {
  return declarations.some((d) => d.memberId === chair.memberId && d.prejudicial !== false);
}

/** What the route is decided from: the board's members now, the chair's word, and what the cycle recorded. */
export interface ApprovalRouteInput {
  members: readonly Member[];
  /** The cycle's attendance records (apologies). */
  attendance: readonly Pick<Attendance, 'memberId' | 'status'>[];
  /** Declarations of interest in the meeting's business, when the board keeps them. */
  declarations?: readonly { memberId: string; prejudicial?: boolean }[];
  /** Reminders the current approver has had for this wait (0 when first asked). */
  chases?: number;
  /** A handover the cycle recorded before. */
  handover?: ApprovalHandover;
}

/**
 * Who approves the minutes now. The chair, unless a valid vice-chair exists and the approval was handed
 * over before, or the chair sent apologies, declared an interest, or had `CHAIR_CHASES_BEFORE_HANDOVER`
 * reminders without answering. Undefined when the board has neither a chair nor a vice-chair to ask.
 */
export function approvalRoute(input: ApprovalRouteInput): ApprovalRoute | undefined {
  const chair = input.members.find((m) => m.roles.includes('chair'));
  const vice = viceChairOf(input.members);
  const toVice = (because: HandoverReason): ApprovalRoute | undefined => (vice ? { approver: vice, capacity: 'vice-chair', because } : undefined);
  if (input.handover && vice && input.handover.to === vice.memberId) return { approver: vice, capacity: 'vice-chair', because: input.handover.because };
  if (!chair) return undefined;
  const asChair: ApprovalRoute = { approver: chair, capacity: 'chair' };
  if (input.attendance.some((a) => a.memberId === chair.memberId && a.status === 'apologies')) return toVice('chair-apologies') ?? asChair;
  if (chairConflicted(chair, input.declarations)) return toVice('chair-conflicted') ?? asChair;
  if ((input.chases ?? 0) > CHAIR_CHASES_BEFORE_HANDOVER && !input.handover) return toVice('chair-silent') ?? asChair;
  return asChair;
}

/**
 * The closing line of approved minutes: "Approved by Sam Lee, Vice-Chair, by email reply on Tuesday 9
 * March 2027 (version 2)." The chair approves without a title, as before.
 */
export function approvalStatement(input: { name: string; approvedAs?: 'vice-chair'; via: 'link' | 'reply'; on: string; version: number }): string {
  const title = capacityTitle(input.approvedAs);
  const how = input.via === 'reply' ? ' by email reply' : '';
  return `Approved by ${input.name}${title ? `, ${title},` : ''}${how} on ${input.on} (version ${input.version}).`;
}

/** How a meeting is held and who approves its minutes when the chair cannot: nouns of types.ts, kept here. */

/** A meeting held online, or hybrid: how to join it. */
export interface OnlineMeeting {
  /** An `https:` address (online-meeting.ts checks it). */
  joinUrl?: string;
  /** Numbers and PINs to dial in, as the secretariat wrote them; lines separated by LF. */
  dialIn?: string;
}

/** Why the chair does not approve this cycle's minutes. */
export type HandoverReason = 'chair-apologies' | 'chair-conflicted' | 'chair-silent';

/** The minutes' approval given to the vice-chair (approval-route.ts). */
export interface ApprovalHandover {
  /** The vice-chair's member id. */
  to: string;
  because: HandoverReason;
  at: string;
  /** The chase of the approval wait that handed it over, when the chair's silence did. */
  atChase?: number;
}

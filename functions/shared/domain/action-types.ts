/**
 * The action register's nouns: actions as extracted from minutes, as stored, their pending proposals and
 * history, and the fields a change sets. Dates as in types.ts.
 */

/** An action as read from minutes text, before it enters the register. */
export interface ExtractedAction {
  number?: number;
  /** The action's reference when the minutes number it by its item or month ("5.1", "05-06"), and `number` is absent. */
  reference?: string;
  itemNumber?: number;
  /** Owners exactly as written (people and/or organisations); empty when the minutes name none. */
  ownersAsWritten: string[];
  text: string;
  /** A date, or "next meeting", when the minutes state one. */
  due?: string;
}

export type ActionStatus = 'open' | 'in-progress' | 'done' | 'dropped';
export const ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in-progress', 'done', 'dropped'];

export interface Action {
  boardId: string;
  actionId: string;
  /** Stable per-board number, as people refer to it ("Action 12"). */
  number: number;
  cycleId: string;
  itemNumber?: number;
  ownerMemberIds: string[];
  /** Owners exactly as the minutes wrote them. */
  ownersAsWritten: string[];
  text: string;
  due?: string;
  status: ActionStatus;
  version: number;
  /** A new due date an owner proposed, waiting for the secretariat; a later proposal replaces it. */
  pendingDue?: PendingDue;
  /** An owner asked to hand the action to another member, waiting for the secretariat to confirm. */
  pendingDelegation?: PendingDelegation;
}

/** An owner's proposed due date (`YYYY-MM-DD`); `id` ties it to the secretariat's links. */
export interface PendingDue {
  id: string;
  due: string;
  /** The owner who proposed it. */
  by: string;
  at: string;
  reason?: string;
}

/** An owner's request to hand the action on: `from` (the owner asking) is replaced by `to` once confirmed. */
export interface PendingDelegation {
  id: string;
  from: string;
  to: string;
  at: string;
  reason: string;
}

/**
 * What an entry in an action's history records: an owner's update (absent on older entries), or a step
 * of a due-date proposal or a hand-over, whose `ref` is the proposal's or request's id.
 */
export type ActionEventKind =
  | 'update'
  | 'due-proposed'
  | 'due-accepted'
  | 'due-declined'
  | 'delegation-requested'
  | 'delegation-confirmed'
  | 'delegation-declined'
  /** An owner left the board; the action went back to the secretariat (or stayed with its other owners). */
  | 'owner-left'
  /** The secretariat gave the action to new owners. */
  | 'reassigned';

export interface ActionEvent {
  actionId: string;
  at: string;
  by: string;
  status: ActionStatus;
  note: string;
  /** How the update came: the link's page (when absent) or a reply, with the reply's Message-ID. */
  via?: 'link' | 'reply';
  messageId?: string;
  /** Absent for an owner's update. */
  kind?: ActionEventKind;
  /** The id of the due-date proposal or hand-over request the entry is about. */
  ref?: string;
}

/** Fields of an action a change sets; `null` removes a pending proposal or request. */
export interface ActionChange {
  status?: Action['status'];
  due?: string;
  ownerMemberIds?: string[];
  pendingDue?: Action['pendingDue'] | null;
  pendingDelegation?: Action['pendingDelegation'] | null;
}

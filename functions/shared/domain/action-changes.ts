import { randomBytes } from 'node:crypto';
import { formatCalendarDate, isCalendarDate } from './calendar';
import { ValidationError } from './errors';
import { ACTION_STATUSES, type Action, type ActionChange, type ActionEvent, type ActionEventKind, type ActionStatus, type Member } from './types';

/** Longest note an owner may add to an update, in characters. */
export const MAX_NOTE_CHARS = 2000;
/** Longest reason given with a proposed due date, a hand-over or a decision, in characters. */
export const MAX_REASON_CHARS = 500;

const CLOSED: ReadonlySet<ActionStatus> = new Set(['done', 'dropped']);

/** Done or dropped: its history is final, and nothing more is asked of anyone. */
export const isClosed = (action: Pick<Action, 'status'>): boolean => CLOSED.has(action.status);

/** "in progress" for "in-progress": how a status reads on a page. */
export const statusLabel = (status: ActionStatus): string => status.replace('-', ' ');

/** "1 character", "50,000 characters". */
export const characters = (n: number): string => `${n.toLocaleString('en-GB')} ${n === 1 ? 'character' : 'characters'}`;

/** A due date as people read it: "Friday 30 April 2027" for a calendar date, the minutes' words otherwise. */
export function displayDue(due: string | undefined): string {
  if (due === undefined || due === '') return 'no due date';
  return isCalendarDate(due) ? formatCalendarDate(due) : due;
}

/** "Notes are limited to 2,000 characters; yours has 50,000 characters.", or undefined within the limit. */
export function overLimit(what: string, text: string, max: number): string | undefined {
  return text.length > max ? `${what} are limited to ${characters(max)}; yours has ${characters(text.length)}.` : undefined;
}

/** An address shown on a page without giving it away: "grace@example.org" → "g***@example.org". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** A short random id for a proposal or a hand-over request; the secretariat's links name it. */
export const newChangeId = (): string => randomBytes(6).toString('hex');

/** The subject of a secretariat's decision link: the action and the proposal or request it decides. */
export const decisionSubject = (actionId: string, changeId: string): string => `${actionId}/${changeId}`;

export function readDecisionSubject(subject: string | undefined): { actionId: string; changeId: string } {
  const [actionId = '', changeId = ''] = (subject ?? '').split('/');
  return { actionId, changeId };
}

const field = (form: Record<string, string>, name: string): string => (form[name] ?? '').trim();

function throwIfAny(issues: string[]): void {
  if (issues.length > 0) throw new ValidationError(issues.join(' '), issues);
}

/** An owner's update: a status, a note, and optionally a new due date proposed to the secretariat. */
export interface UpdateInput {
  status: ActionStatus;
  note: string;
  proposal?: { due: string; reason?: string };
}

/**
 * Reads the update form. `today` is the board's date (`YYYY-MM-DD`): a proposed due date must be a real
 * date, today or later.
 * @throws ValidationError naming every problem, each with its limit or what to do
 */
export function readUpdateForm(form: Record<string, string>, today: string): UpdateInput {
  const issues: string[] = [];
  const status = ACTION_STATUSES.find((s) => s === field(form, 'status'));
  if (!status) issues.push('Choose a status from the list.');
  const note = field(form, 'note');
  const noteProblem = overLimit('Notes', note, MAX_NOTE_CHARS);
  if (noteProblem) issues.push(noteProblem);
  const due = field(form, 'new_due');
  const reason = field(form, 'due_reason');
  const reasonProblem = overLimit('Reasons', reason, MAX_REASON_CHARS);
  if (reasonProblem) issues.push(reasonProblem);
  if (due === '') {
    if (reason !== '') issues.push('Give the due date you propose, or leave its reason empty.');
  } else if (!isCalendarDate(due)) {
    issues.push('The proposed due date must be a real date, such as 2027-03-31.');
  } else if (due < today) {
    issues.push(`The proposed due date, ${formatCalendarDate(due)}, is in the past: choose today or a later date.`);
  } else if (status && CLOSED.has(status)) {
    issues.push(`An action marked ${status} needs no new due date: leave the date empty, or keep the action open.`);
  }
  throwIfAny(issues);
  return { status: status as ActionStatus, note, ...(due !== '' ? { proposal: { due, ...(reason !== '' ? { reason } : {}) } } : {}) };
}

/** An owner's request to hand the action to another member. */
export interface DelegationInput {
  to: string;
  reason: string;
}

/** Reads the hand-over form; `candidates` are the members the action may go to. */
export function readDelegationForm(form: Record<string, string>, candidates: readonly Pick<Member, 'memberId'>[]): DelegationInput {
  const issues: string[] = [];
  const to = field(form, 'delegate');
  if (!candidates.some((m) => m.memberId === to)) issues.push('Choose the board member who should take the action on.');
  const reason = field(form, 'delegate_reason');
  if (reason === '') issues.push('Say why you are handing the action on.');
  const reasonProblem = overLimit('Reasons', reason, MAX_REASON_CHARS);
  if (reasonProblem) issues.push(reasonProblem);
  throwIfAny(issues);
  return { to, reason };
}

/** The secretariat's answer to a proposal or a hand-over request. */
export interface DecisionInput {
  decision: 'accept' | 'decline';
  reason: string;
}

export function readDecisionForm(form: Record<string, string>): DecisionInput {
  const issues: string[] = [];
  const decision = field(form, 'decision');
  if (decision !== 'accept' && decision !== 'decline') issues.push('Use one of the buttons on the page.');
  const reason = field(form, 'reason');
  const reasonProblem = overLimit('Reasons', reason, MAX_REASON_CHARS);
  if (reasonProblem) issues.push(reasonProblem);
  throwIfAny(issues);
  return { decision: decision as DecisionInput['decision'], reason };
}

/** Owners after a confirmed hand-over: `to` takes `from`'s place (once, if already an owner). */
export function handOver(owners: readonly string[], from: string, to: string): string[] {
  const next = owners.map((id) => (id === from ? to : id));
  return next.filter((id, i) => next.indexOf(id) === i);
}

type NewEvent = Omit<ActionEvent, 'actionId'>;

/** What a change writes, decided on the action as read; or why it cannot be made. */
export type Planned = { change: ActionChange; events: NewEvent[] } | { refused: Refusal };

/**
 * Why a change was not made: the action is closed, the person is no longer an owner, another owner's
 * request is waiting, or the proposal or request being decided is no longer the pending one.
 */
export type Refusal = { reason: 'closed' | 'not-owner' | 'other-request' | 'not-pending'; message: string };

const refuse = (reason: Refusal['reason'], message: string): Planned => ({ refused: { reason, message } });

/** Who did what, when: passed to every plan. */
export interface Actor {
  by: string;
  at: string;
  /** A member's name for history notes; a former member's id reads as "a former member". */
  name: (memberId: string) => string;
}

function event(action: Action, actor: Actor, kind: ActionEventKind, note: string, ref: string, status = action.status): NewEvent {
  return { at: actor.at, by: actor.by, status, note, kind, ref };
}

const withReason = (text: string, reason: string | undefined): string => (reason ? `${text} Reason: ${reason}` : text);

function ownerCheck(action: Action, actor: Actor): Planned | undefined {
  if (isClosed(action)) return refuse('closed', `Action ${action.number} is ${action.status}; it cannot be changed.`);
  if (!action.ownerMemberIds.includes(actor.by)) return refuse('not-owner', `You are no longer an owner of action ${action.number}.`);
  return undefined;
}

/**
 * An owner's update. With a proposed due date, the proposal is stored as pending (replacing one that
 * was) and the history says so; the update itself is recorded unless it changes nothing. Closing the
 * action withdraws whatever was pending.
 */
export function planUpdate(action: Action, input: UpdateInput, actor: Actor & { changeId: string }): Planned {
  const refused = ownerCheck(action, actor);
  if (refused) return refused;
  const events: NewEvent[] = [];
  const change: ActionChange = { status: input.status };
  const saysSomething = input.status !== action.status || input.note !== '';
  if (saysSomething || !input.proposal) events.push({ at: actor.at, by: actor.by, status: input.status, note: input.note, kind: 'update' });
  if (input.proposal) {
    const { due, reason } = input.proposal;
    change.pendingDue = { id: actor.changeId, due, by: actor.by, at: actor.at, ...(reason ? { reason } : {}) };
    const replaced = action.pendingDue ? ` It replaces the proposal of ${displayDue(action.pendingDue.due)}.` : '';
    events.push(
      event(
        action,
        actor,
        'due-proposed',
        withReason(`Proposed a new due date: ${displayDue(due)} (due ${displayDue(action.due)} until the secretariat accepts).${replaced}`, reason),
        actor.changeId,
        input.status,
      ),
    );
  }
  if (CLOSED.has(input.status)) {
    if (action.pendingDue) change.pendingDue = null;
    if (action.pendingDelegation) change.pendingDelegation = null;
  }
  return { change, events };
}

/** An owner asks to hand the action on; one request at a time, and an owner's own new request replaces theirs. */
export function planDelegationRequest(action: Action, input: DelegationInput, actor: Actor & { changeId: string }): Planned {
  const refused = ownerCheck(action, actor);
  if (refused) return refused;
  const waiting = action.pendingDelegation;
  if (waiting && waiting.from !== actor.by) {
    return refuse(
      'other-request',
      `${actor.name(waiting.from)} has already asked to hand action ${action.number} to ${actor.name(waiting.to)}; please try again once the secretariat has answered.`,
    );
  }
  return {
    change: { pendingDelegation: { id: actor.changeId, from: actor.by, to: input.to, at: actor.at, reason: input.reason } },
    events: [event(action, actor, 'delegation-requested', withReason(`Asked to hand the action to ${actor.name(input.to)}.`, input.reason), actor.changeId)],
  };
}

/** The secretariat accepts or declines the proposed due date `changeId`, if it is still the pending one. */
export function planDueDecision(action: Action, changeId: string, input: DecisionInput, actor: Actor): Planned {
  const pending = action.pendingDue;
  if (isClosed(action)) return refuse('closed', `Action ${action.number} is ${action.status}; its due date no longer matters.`);
  if (pending?.id !== changeId) return refuse('not-pending', 'This proposal is no longer waiting for an answer.');
  const reason = input.reason || undefined;
  if (input.decision === 'accept') {
    return {
      change: { due: pending.due, pendingDue: null },
      events: [
        event(
          action,
          actor,
          'due-accepted',
          withReason(`Due date changed to ${displayDue(pending.due)} (was ${displayDue(action.due)}), as ${actor.name(pending.by)} proposed.`, reason),
          changeId,
        ),
      ],
    };
  }
  return {
    change: { pendingDue: null },
    events: [
      event(
        action,
        actor,
        'due-declined',
        withReason(`Proposed due date ${displayDue(pending.due)} not accepted; still due ${displayDue(action.due)}.`, reason),
        changeId,
      ),
    ],
  };
}

/** The secretariat confirms or declines the hand-over `changeId`, if it is still the pending one. */
export function planDelegationDecision(action: Action, changeId: string, input: DecisionInput, actor: Actor): Planned {
  const pending = action.pendingDelegation;
  if (isClosed(action)) return refuse('closed', `Action ${action.number} is ${action.status}; it needs no new owner.`);
  if (pending?.id !== changeId) return refuse('not-pending', 'This request is no longer waiting for an answer.');
  const reason = input.reason || undefined;
  const who = `${actor.name(pending.from)} to ${actor.name(pending.to)}`;
  if (input.decision === 'decline') {
    return {
      change: { pendingDelegation: null },
      events: [event(action, actor, 'delegation-declined', withReason(`Hand-over from ${who} not confirmed.`, reason), changeId)],
    };
  }
  if (!action.ownerMemberIds.includes(pending.from)) {
    return refuse('not-owner', `${actor.name(pending.from)} is no longer an owner of action ${action.number}, so there is nothing to hand over.`);
  }
  return {
    change: { ownerMemberIds: handOver(action.ownerMemberIds, pending.from, pending.to), pendingDelegation: null },
    events: [event(action, actor, 'delegation-confirmed', withReason(`Handed over from ${who}.`, reason), changeId)],
  };
}

/** How a decision link's proposal or request ended, from the history: decided (by whom), or replaced. */
export function fateOf(events: readonly ActionEvent[], changeId: string, kinds: readonly ActionEventKind[]): ActionEvent | undefined {
  return events.find((e) => e.ref === changeId && e.kind !== undefined && kinds.includes(e.kind));
}

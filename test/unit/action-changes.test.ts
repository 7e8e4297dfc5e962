import {
  decisionSubject,
  displayDue,
  handOver,
  maskEmail,
  planDelegationDecision,
  planDelegationRequest,
  planDueDecision,
  planUpdate,
  readDecisionForm,
  readDecisionSubject,
  readDelegationForm,
  readUpdateForm,
  type Actor,
  type Planned,
} from '../../functions/shared/domain/action-changes';
import { ValidationError } from '../../functions/shared/domain/errors';
import type { Action } from '../../functions/shared/domain/types';

const TODAY = '2027-01-10';
const action = (over: Partial<Action> = {}): Action => ({
  boardId: 'b',
  actionId: 'a1',
  number: 12,
  cycleId: 'c',
  ownerMemberIds: ['ann', 'sam'],
  ownersAsWritten: ['Ann', 'Sam'],
  text: 'Circulate the strategy.',
  due: '2027-02-15',
  status: 'open',
  version: 3,
  ...over,
});
const names: Record<string, string> = { ann: 'Ann Other', sam: 'Sam Reid', jo: 'Jo Bell', grace: 'Grace Lin' };
const actor = (by: string, changeId = 'p1'): Actor & { changeId: string } => ({ by, at: '2027-01-10T10:00:00.000Z', name: (id) => names[id] ?? id, changeId });
const errorOf = (f: () => unknown): ValidationError => {
  try {
    f();
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
};
const written = (planned: Planned) => {
  if ('refused' in planned) throw new Error(`refused: ${planned.refused.message}`);
  return planned;
};

describe('reading the update form', () => {
  it('states the note limit and the note’s length, both with their unit', () => {
    const err = errorOf(() => readUpdateForm({ status: 'open', note: 'x'.repeat(50_000) }, TODAY));
    expect(err.message).toBe('Notes are limited to 2,000 characters; yours has 50,000 characters.');
  });

  it('accepts a note of exactly 2,000 characters, trimmed', () => {
    expect(readUpdateForm({ status: 'done', note: ` ${'x'.repeat(2000)} ` }, TODAY).note).toHaveLength(2000);
  });

  it('takes a proposed due date only if it is a real date, today or later', () => {
    expect(readUpdateForm({ status: 'open', new_due: TODAY, due_reason: ' late data ' }, TODAY).proposal).toEqual({ due: TODAY, reason: 'late data' });
    expect(errorOf(() => readUpdateForm({ status: 'open', new_due: '2027-02-29' }, TODAY)).message).toContain('must be a real date');
    expect(errorOf(() => readUpdateForm({ status: 'open', new_due: '10/02/2027' }, TODAY)).message).toContain('must be a real date');
    expect(errorOf(() => readUpdateForm({ status: 'open', new_due: '2027-01-09' }, TODAY)).message).toBe(
      'The proposed due date, Saturday 9 January 2027, is in the past: choose today or a later date.',
    );
  });

  it('refuses a reason with no date, a new date for an action being closed, and a status not on the list', () => {
    expect(errorOf(() => readUpdateForm({ status: 'open', due_reason: 'why' }, TODAY)).message).toContain('Give the due date you propose');
    expect(errorOf(() => readUpdateForm({ status: 'done', new_due: '2027-03-01' }, TODAY)).message).toContain('An action marked done needs no new due date');
    expect(errorOf(() => readUpdateForm({ status: 'finished' }, TODAY)).message).toBe('Choose a status from the list.');
  });
});

describe('reading the hand-over and decision forms', () => {
  it('wants a member from the list and a reason within 500 characters', () => {
    const candidates = [{ memberId: 'sam' }];
    expect(readDelegationForm({ delegate: 'sam', delegate_reason: ' leads on it ' }, candidates)).toEqual({ to: 'sam', reason: 'leads on it' });
    expect(errorOf(() => readDelegationForm({ delegate: 'mallory', delegate_reason: 'x' }, candidates)).issues).toEqual([
      'Choose the board member who should take the action on.',
    ]);
    expect(errorOf(() => readDelegationForm({ delegate: 'sam', delegate_reason: 'x'.repeat(501) }, candidates)).message).toBe(
      'Reasons are limited to 500 characters; yours has 501 characters.',
    );
  });

  it('wants one of the two decisions', () => {
    expect(readDecisionForm({ decision: 'decline', reason: ' no ' })).toEqual({ decision: 'decline', reason: 'no' });
    expect(() => readDecisionForm({ decision: 'maybe' })).toThrow(ValidationError);
  });
});

describe('planning an update', () => {
  it('records the update and the proposal, and stores the proposal as pending', () => {
    const planned = written(planUpdate(action(), { status: 'in-progress', note: 'Drafting', proposal: { due: '2027-03-31', reason: 'data' } }, actor('ann')));
    expect(planned.change).toEqual({
      status: 'in-progress',
      pendingDue: { id: 'p1', due: '2027-03-31', by: 'ann', at: '2027-01-10T10:00:00.000Z', reason: 'data' },
    });
    expect(planned.events.map((e) => [e.kind, e.note])).toEqual([
      ['update', 'Drafting'],
      ['due-proposed', 'Proposed a new due date: Wednesday 31 March 2027 (due Monday 15 February 2027 until the secretariat accepts). Reason: data'],
    ]);
  });

  it('records only the proposal when the update says nothing new, and says which proposal it replaces', () => {
    const pending = { id: 'p0', due: '2027-03-01', by: 'sam', at: '2027-01-01T10:00:00.000Z' };
    const planned = written(planUpdate(action({ pendingDue: pending }), { status: 'open', note: '', proposal: { due: '2027-04-01' } }, actor('ann')));
    expect(planned.events.map((e) => e.kind)).toEqual(['due-proposed']);
    expect(planned.events[0]?.note).toContain('It replaces the proposal of Monday 1 March 2027.');
  });

  it('withdraws what is pending when the action closes', () => {
    const open = action({
      pendingDue: { id: 'p0', due: '2027-03-01', by: 'ann', at: 'x' },
      pendingDelegation: { id: 'd0', from: 'ann', to: 'jo', at: 'x', reason: 'r' },
    });
    expect(written(planUpdate(open, { status: 'done', note: 'Sent' }, actor('ann'))).change).toEqual({
      status: 'done',
      pendingDue: null,
      pendingDelegation: null,
    });
  });

  it('refuses a closed action, and someone who is no longer an owner', () => {
    expect(planUpdate(action({ status: 'dropped' }), { status: 'open', note: '' }, actor('ann'))).toMatchObject({ refused: { reason: 'closed' } });
    expect(planUpdate(action(), { status: 'open', note: 'x' }, actor('jo'))).toMatchObject({ refused: { reason: 'not-owner' } });
  });
});

describe('planning a hand-over', () => {
  it('stores the request as pending', () => {
    const planned = written(planDelegationRequest(action(), { to: 'jo', reason: 'Jo leads' }, actor('ann', 'd1')));
    expect(planned.change.pendingDelegation).toEqual({ id: 'd1', from: 'ann', to: 'jo', at: '2027-01-10T10:00:00.000Z', reason: 'Jo leads' });
    expect(planned.events[0]).toMatchObject({ kind: 'delegation-requested', ref: 'd1', note: 'Asked to hand the action to Jo Bell. Reason: Jo leads' });
  });

  it("does not let one owner's request replace another owner's", () => {
    const waiting = action({ pendingDelegation: { id: 'd0', from: 'sam', to: 'jo', at: 'x', reason: 'r' } });
    expect(planDelegationRequest(waiting, { to: 'grace', reason: 'r' }, actor('ann'))).toMatchObject({
      refused: { reason: 'other-request', message: expect.stringContaining('Sam Reid has already asked to hand action 12 to Jo Bell') },
    });
    expect('change' in planDelegationRequest(waiting, { to: 'grace', reason: 'r' }, actor('sam'))).toBe(true);
  });

  it('confirmed, puts the delegate in the owner’s place, once', () => {
    expect(handOver(['ann', 'sam'], 'ann', 'jo')).toEqual(['jo', 'sam']);
    expect(handOver(['ann', 'sam'], 'ann', 'sam')).toEqual(['sam']);
    const waiting = action({ pendingDelegation: { id: 'd1', from: 'ann', to: 'jo', at: 'x', reason: 'r' } });
    const planned = written(planDelegationDecision(waiting, 'd1', { decision: 'accept', reason: '' }, actor('grace')));
    expect(planned.change).toEqual({ ownerMemberIds: ['jo', 'sam'], pendingDelegation: null });
    expect(planned.events[0]).toMatchObject({ kind: 'delegation-confirmed', by: 'grace', ref: 'd1', note: 'Handed over from Ann Other to Jo Bell.' });
  });

  it('decides only the pending request', () => {
    const waiting = action({ pendingDelegation: { id: 'd2', from: 'ann', to: 'jo', at: 'x', reason: 'r' } });
    expect(planDelegationDecision(waiting, 'd1', { decision: 'accept', reason: '' }, actor('grace'))).toMatchObject({ refused: { reason: 'not-pending' } });
    expect(written(planDelegationDecision(waiting, 'd2', { decision: 'decline', reason: 'busy' }, actor('grace'))).change).toEqual({ pendingDelegation: null });
  });
});

describe("planning the secretariat's answer to a proposed due date", () => {
  const waiting = action({ pendingDue: { id: 'p1', due: '2027-03-31', by: 'ann', at: 'x' } });

  it('accepted, moves the due date', () => {
    const planned = written(planDueDecision(waiting, 'p1', { decision: 'accept', reason: '' }, actor('grace')));
    expect(planned.change).toEqual({ due: '2027-03-31', pendingDue: null });
    expect(planned.events[0]?.note).toBe('Due date changed to Wednesday 31 March 2027 (was Monday 15 February 2027), as Ann Other proposed.');
  });

  it('declined, keeps it, with the reason in the history', () => {
    const planned = written(planDueDecision(waiting, 'p1', { decision: 'decline', reason: 'Needed sooner' }, actor('grace')));
    expect(planned.change).toEqual({ pendingDue: null });
    expect(planned.events[0]).toMatchObject({ kind: 'due-declined', note: expect.stringContaining('Reason: Needed sooner') });
  });

  it('refuses a superseded proposal, and any proposal of a closed action', () => {
    expect(planDueDecision(waiting, 'p0', { decision: 'accept', reason: '' }, actor('grace'))).toMatchObject({ refused: { reason: 'not-pending' } });
    expect(planDueDecision({ ...waiting, status: 'done' }, 'p1', { decision: 'accept', reason: '' }, actor('grace'))).toMatchObject({
      refused: { reason: 'closed' },
    });
  });
});

describe('small helpers', () => {
  it('masks an address, keeping its first letter and its domain', () => {
    expect(maskEmail('grace@example.org')).toBe('g***@example.org');
    expect(maskEmail('not-an-address')).toBe('***');
  });

  it('reads due dates as people do', () => {
    expect(displayDue('2027-03-31')).toBe('Wednesday 31 March 2027');
    expect(displayDue('next meeting')).toBe('next meeting');
    expect(displayDue(undefined)).toBe('no due date');
  });

  it('round-trips a decision link’s subject', () => {
    expect(readDecisionSubject(decisionSubject('a1', 'p1'))).toEqual({ actionId: 'a1', changeId: 'p1' });
  });
});

import {
  actionFilterSlug,
  describeActionCount,
  isOverdue,
  matchesActionFilter,
  readActionFilter,
  type ActionFilter,
} from '../../functions/shared/domain/action-filters';
import { ValidationError } from '../../functions/shared/domain/errors';
import type { Action } from '../../functions/shared/domain/types';

const TODAY = '2027-04-10';

const action = (number: number, extra: Partial<Action> = {}): Action => ({
  boardId: 'b',
  actionId: `a${number}`,
  number,
  cycleId: 'c',
  ownerMemberIds: ['ann'],
  ownersAsWritten: ['Ann Able'],
  text: `Action ${number}`,
  status: 'open',
  version: 1,
  ...extra,
});

const ACTIONS = [
  action(1, { due: '2027-04-09' }),
  action(2, { due: '2027-04-10', status: 'in-progress', ownerMemberIds: ['ann', 'bob'] }),
  action(3, { due: '2027-03-01', status: 'done', cycleId: 'c0' }),
  action(4, { due: 'next meeting', ownerMemberIds: [] }),
  action(5, { due: '2027-01-01', status: 'in-progress', ownerMemberIds: ['bob'], cycleId: 'c0' }),
];

const numbers = (filter: ActionFilter) => ACTIONS.filter((a) => matchesActionFilter(a, filter, TODAY)).map((a) => a.number);

describe('isOverdue', () => {
  it('is due before today and not closed', () => {
    expect(ACTIONS.filter((a) => isOverdue(a, TODAY)).map((a) => a.number)).toEqual([1, 5]);
  });

  it('is never an action due on a day in words, or without a due date', () => {
    expect(isOverdue(action(9, { due: 'next meeting' }), '2099-01-01')).toBe(false);
    expect(isOverdue(action(9), '2099-01-01')).toBe(false);
  });
});

describe('matchesActionFilter', () => {
  it('keeps everything when nothing is chosen', () => {
    expect(numbers({})).toEqual([1, 2, 3, 4, 5]);
  });

  it('filters by status, overdue, owner (one of several) and meeting, all together', () => {
    expect(numbers({ status: 'open' })).toEqual([1, 4]);
    expect(numbers({ status: 'overdue' })).toEqual([1, 5]);
    expect(numbers({ owner: 'bob' })).toEqual([2, 5]);
    expect(numbers({ meeting: 'c0' })).toEqual([3, 5]);
    expect(numbers({ status: 'overdue', owner: 'bob', meeting: 'c0' })).toEqual([5]);
    expect(numbers({ status: 'overdue', owner: 'ann', meeting: 'c0' })).toEqual([]);
  });
});

describe('readActionFilter', () => {
  it('reads the form, an empty choice meaning no filter', () => {
    expect(readActionFilter({ status: '', owner: 'ann', meeting: '', other: 'x' })).toEqual({ owner: 'ann' });
    expect(readActionFilter({ status: 'overdue' })).toEqual({ status: 'overdue' });
    expect(readActionFilter({})).toEqual({});
  });

  it('refuses a status that is not one of the choices', () => {
    expect(() => readActionFilter({ status: 'late' })).toThrow(ValidationError);
    expect(() => readActionFilter({ status: 'late' })).toThrow(/status: choose a status from the list/);
    expect(() => readActionFilter({ owner: 'x'.repeat(101) })).toThrow(ValidationError);
  });
});

describe('describeActionCount', () => {
  it('counts the actions and how many are overdue', () => {
    expect(describeActionCount(ACTIONS, TODAY)).toBe('5 actions, 2 overdue');
    expect(describeActionCount([ACTIONS[1]!], TODAY)).toBe('1 action, 0 overdue');
  });
});

describe('actionFilterSlug', () => {
  it('names the filter for a file name, safely', () => {
    expect(actionFilterSlug({ status: 'overdue' })).toBe('overdue');
    expect(actionFilterSlug({ status: 'in-progress', owner: 'Ann/../X', meeting: 'c-2027' })).toBe('in-progress-ann-x-c-2027');
    expect(actionFilterSlug({})).toBe('');
  });
});

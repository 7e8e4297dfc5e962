import { buildDraftAgenda, DEFAULT_STANDING_ITEMS } from '../../functions/shared/domain/agenda';
import type { Action, Proposal } from '../../functions/shared/domain/types';

const proposal = (title: string, createdAt: string, extra: Partial<Proposal> = {}): Proposal => ({
  cycleId: 'c',
  proposalId: title,
  title,
  purpose: 'decision',
  presenterMemberId: 'p',
  estimatedMinutes: 20,
  confidential: false,
  proposedBy: 'm',
  createdAt,
  ...extra,
});
const action = (n: number): Action => ({
  boardId: 'b',
  actionId: `a${n}`,
  number: n,
  cycleId: 'earlier',
  ownerMemberIds: [],
  ownersAsWritten: [],
  text: 'x',
  status: 'open',
  version: 1,
});

describe('buildDraftAgenda', () => {
  it('puts proposals, oldest first, between the opening standing items and any other business', () => {
    const items = buildDraftAgenda({
      cycleId: 'c',
      standingItems: DEFAULT_STANDING_ITEMS,
      proposals: [proposal('Later', '2026-01-02T00:00:00Z'), proposal('Earlier', '2026-01-01T00:00:00Z', { confidential: true })],
      openActions: [],
    });
    expect(items.map((i) => [i.number, i.title])).toEqual([
      [1, 'Welcome, introductions and apologies'],
      [2, 'Declarations of interest'],
      [3, 'Minutes of the last meeting and matters arising'],
      [4, 'Earlier'],
      [5, 'Later'],
      [6, 'Any other business'],
      [7, 'Date of next meeting'],
    ]);
    expect(items[3]).toMatchObject({ source: 'proposal', paperExpected: true, confidential: true, presenterMemberId: 'p' });
    expect(items[0]).toMatchObject({ source: 'standing', paperExpected: false });
  });

  it('adds a matters-arising item for open actions when no standing item covers them', () => {
    const items = buildDraftAgenda({ cycleId: 'c', standingItems: ['Welcome', 'Any other business'], proposals: [], openActions: [action(1)] });
    expect(items.map((i) => i.title)).toEqual(['Welcome', 'Matters arising', 'Any other business']);
    expect(items[1]?.source).toBe('matters-arising');
  });

  it('folds matters arising into the minutes item when the board has one', () => {
    const items = buildDraftAgenda({ cycleId: 'c', standingItems: DEFAULT_STANDING_ITEMS, proposals: [], openActions: [action(1)] });
    expect(items.some((i) => i.source === 'matters-arising')).toBe(false);
  });

  it('appends proposals at the end when the board has no closing items', () => {
    const items = buildDraftAgenda({ cycleId: 'c', standingItems: ['Welcome'], proposals: [proposal('Budget', '2026-01-01T00:00:00Z')], openActions: [] });
    expect(items.map((i) => i.title)).toEqual(['Welcome', 'Budget']);
  });
});

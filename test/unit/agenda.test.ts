import { applyAgendaEdits, buildDraftAgenda, mattersArising, mattersArisingLine } from '../../functions/shared/domain/agenda';
import { DEFAULT_STANDING_ITEMS } from '../../functions/shared/domain/board-defaults';
import { ValidationError } from '../../functions/shared/domain/errors';
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

describe('applyAgendaEdits', () => {
  const draft = buildDraftAgenda({
    cycleId: 'c',
    standingItems: ['Welcome', 'Any other business'],
    proposals: [proposal('Budget', '2026-01-01T00:00:00Z'), proposal('Parking', '2026-01-02T00:00:00Z')],
    openActions: [],
  });
  const keepAll = () => new Map(draft.map((i) => [i.number, { order: i.number, title: i.title, keep: true }]));

  it('reorders and retitles, renumbering from 1', () => {
    const edits = keepAll();
    edits.set(3, { order: 1, title: '  Car parking charges ', keep: true });
    expect(applyAgendaEdits(draft, edits).items.map((i) => [i.number, i.title])).toEqual([
      [1, 'Car parking charges'],
      [2, 'Welcome'],
      [3, 'Budget'],
      [4, 'Any other business'],
    ]);
  });

  it('returns the proposals left out, for their proposers to be told', () => {
    const edits = keepAll();
    edits.set(2, { order: 2, title: 'Budget', keep: false });
    const { items, declined } = applyAgendaEdits(draft, edits);
    expect(items.map((i) => i.title)).toEqual(['Welcome', 'Parking', 'Any other business']);
    expect(declined.map((i) => i.title)).toEqual(['Budget']);
  });

  it('refuses an empty agenda, a missing item and a blank title, changing nothing', () => {
    const none = new Map(draft.map((i) => [i.number, { order: i.number, title: i.title, keep: false }]));
    expect(() => applyAgendaEdits(draft, none)).toThrow('An empty agenda cannot be confirmed');
    const missing = keepAll();
    missing.delete(2);
    expect(() => applyAgendaEdits(draft, missing)).toThrow('Item 2 is missing from the form');
    const blank = keepAll();
    blank.set(1, { order: 1, title: ' ', keep: true });
    expect(() => applyAgendaEdits(draft, blank)).toThrow(ValidationError);
  });
});

describe('matters arising', () => {
  const day = (iso: string) => iso.slice(0, 10);
  it('writes each open action with its status, due date and latest update', () => {
    const a = { ...action(3), status: 'in-progress' as const, due: 'next meeting', text: 'Circulate the plan.' };
    expect(mattersArisingLine(a, { actionId: 'a3', at: '2027-01-12T10:00:00Z', by: 'm', status: 'in-progress', note: 'Shared with partners.' }, day)).toBe(
      'Action 3 (in progress, due next meeting): Circulate the plan. Latest update, 2027-01-12: Shared with partners.',
    );
    expect(mattersArisingLine(action(4), undefined, day)).toBe('Action 4 (open): x No update yet.');
  });

  it('marks an open action overdue once its date has passed, and only a real date', () => {
    const due = (d: string) => ({ ...action(5), due: d });
    expect(mattersArisingLine(due('2027-02-15'), undefined, day, '2027-02-16')).toBe('Action 5 (open, due 2027-02-15, overdue): x No update yet.');
    expect(mattersArisingLine(due('2027-02-15'), undefined, day, '2027-02-15')).toBe('Action 5 (open, due 2027-02-15): x No update yet.');
    expect(mattersArisingLine(due('next meeting'), undefined, day, '2099-01-01')).toBe('Action 5 (open, due next meeting): x No update yet.');
  });

  it("lists the open actions of earlier cycles with their owners' latest update, and those closed since the last meeting as completed", () => {
    const event = (id: string, at: string, status: Action['status'], note: string, kind?: 'due-proposed') => ({
      actionId: id,
      at,
      by: 'm',
      status,
      note,
      ...(kind ? { kind } : {}),
    });
    const result = mattersArising({
      cycleId: 'now',
      since: '2027-01-20T15:30:00Z',
      today: '2027-04-01',
      day,
      actions: [
        {
          action: { ...action(1), status: 'in-progress' },
          events: [
            event('a1', '2027-02-01T09:00:00Z', 'in-progress', 'Started.'),
            event('a1', '2027-02-02T09:00:00Z', 'in-progress', 'New date?', 'due-proposed'),
          ],
        },
        { action: { ...action(2), status: 'done' }, events: [event('a2', '2027-03-01T09:00:00Z', 'done', 'Sent to all.')] },
        { action: { ...action(3), status: 'done' }, events: [event('a3', '2027-01-10T09:00:00Z', 'done', 'Closed before the last meeting.')] },
        { action: { ...action(4), status: 'dropped' }, events: [event('a4', '2027-03-02T09:00:00Z', 'dropped', 'No longer needed.')] },
        { action: { ...action(6), cycleId: 'now' }, events: [] },
      ],
    });
    expect(result.open.map((a) => a.number)).toEqual([1]);
    expect(result.openLines).toEqual(['Action 1 (in progress): x Latest update, 2027-02-01: Started.']);
    expect(result.closedLines).toEqual(['Action 2 (done on 2027-03-01): x Sent to all.', 'Action 4 (dropped on 2027-03-02): x No longer needed.']);
  });

  it('puts the lines under the minutes item, or under an item of their own', () => {
    const withMinutes = buildDraftAgenda({
      cycleId: 'c',
      standingItems: DEFAULT_STANDING_ITEMS,
      proposals: [],
      openActions: [action(1)],
      mattersArising: ['Action 1 (open): x'],
    });
    expect(withMinutes.find((i) => /matters arising/i.test(i.title))?.notes).toEqual(['Action 1 (open): x']);
    const without = buildDraftAgenda({
      cycleId: 'c',
      standingItems: ['Welcome'],
      proposals: [],
      openActions: [action(1)],
      mattersArising: ['Action 1 (open): x'],
    });
    expect(without.find((i) => i.source === 'matters-arising')?.notes).toEqual(['Action 1 (open): x']);
  });
});

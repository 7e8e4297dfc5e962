import { ValidationError } from '../../functions/shared/domain/errors';
import {
  declarationLine,
  readDeclarationForm,
  readRegisterForm,
  registerConfirmationDue,
  withheldItems,
  type Declaration,
} from '../../functions/shared/domain/interests';
import { draftMinutes } from '../../functions/shared/domain/minutes';
import { item, member } from '../support/builders';

const ITEMS = [item(1, 'Apologies'), item(2, 'Declarations of interest'), item(3, 'Contract award', { confidential: true }), item(4, 'Budget')];

const declared = (extra: Partial<Declaration> = {}): Declaration => ({
  boardId: 'b',
  cycleId: 'c',
  memberId: 'ann',
  itemNumber: 3,
  kind: 'non-registrable',
  description: 'Partner works for a bidder',
  prejudicial: true,
  at: '2027-03-03T09:00:00.000Z',
  ...extra,
});

const refusal = (fn: () => unknown): ValidationError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('not refused');
};

describe('reading the declaration form', () => {
  it('reads each item with a kind chosen, tidying the description; "No interest" rows are skipped', () => {
    const form = {
      'kind-3': 'other-registrable',
      'description-3': '  Trustee of\n the  charity ',
      'prejudicial-3': 'yes',
      'kind-4': 'none',
      'description-4': 'ignored',
    };
    expect(readDeclarationForm(form, ITEMS)).toEqual([{ itemNumber: 3, kind: 'other-registrable', description: 'Trustee of the charity', prejudicial: true }]);
  });

  it('makes a disclosable pecuniary interest prejudicial whatever the box says', () => {
    expect(readDeclarationForm({ 'kind-4': 'pecuniary', 'description-4': 'Shares in the supplier' }, ITEMS)[0]?.prejudicial).toBe(true);
    expect(readDeclarationForm({ 'kind-4': 'non-registrable', 'description-4': 'A friend bids' }, ITEMS)[0]?.prejudicial).toBe(false);
  });

  it('refuses the whole form when an item is not on the agenda, naming it', () => {
    const err = refusal(() =>
      readDeclarationForm({ 'kind-3': 'pecuniary', 'description-3': 'Shares', 'kind-9': 'pecuniary', 'description-9': 'x y z' }, ITEMS),
    );
    expect(err.message).toBe("Nothing was recorded. Item 9 is not on this meeting's agenda.");
  });

  it('refuses an unknown kind, a missing or over-long description, and control characters', () => {
    expect(refusal(() => readDeclarationForm({ 'kind-3': 'bribe', 'description-3': 'Shares' }, ITEMS)).message).toContain(
      'Item 3: choose the kind of interest.',
    );
    expect(refusal(() => readDeclarationForm({ 'kind-3': 'pecuniary' }, ITEMS)).message).toContain('Item 3: describe the interest in a few words.');
    expect(refusal(() => readDeclarationForm({ 'kind-3': 'pecuniary', 'description-3': 'x'.repeat(301) }, ITEMS)).message).toContain('under 300 characters');
    expect(refusal(() => readDeclarationForm({ 'kind-3': 'pecuniary', 'description-3': 'Shares\u202e in' }, ITEMS)).message).toContain('control characters');
  });
});

describe('the register', () => {
  it('is due for confirmation when never confirmed, and again 12 calendar months after the last', () => {
    const now = new Date('2027-03-03T09:00:00.000Z');
    expect(registerConfirmationDue(undefined, now)).toBe(true);
    expect(registerConfirmationDue({}, now)).toBe(true);
    expect(registerConfirmationDue({ confirmedAt: '2026-03-04T09:00:00.000Z' }, now)).toBe(false);
    expect(registerConfirmationDue({ confirmedAt: '2026-03-03T09:00:00.000Z' }, now)).toBe(true);
  });

  it('keeps the entries ticked and adds the new ones; a non-registrable interest is not for the register', () => {
    const current = [
      { kind: 'pecuniary' as const, description: 'Shares in Acme', registeredAt: '2026-01-01T00:00:00.000Z' },
      { kind: 'other-registrable' as const, description: 'Trustee', registeredAt: '2026-01-01T00:00:00.000Z' },
    ];
    const now = '2027-03-03T09:00:00.000Z';
    expect(readRegisterForm({ 'keep-1': 'yes', 'new-kind-0': 'pecuniary', 'new-description-0': 'Director of Beta Ltd' }, current, now)).toEqual([
      current[1],
      { kind: 'pecuniary', description: 'Director of Beta Ltd', registeredAt: now },
    ]);
    expect(refusal(() => readRegisterForm({ 'new-kind-0': 'non-registrable', 'new-description-0': 'A friend' }, current, now)).message).toContain(
      'New interest 1: choose a kind the register holds.',
    );
  });
});

describe('papers withheld', () => {
  it('are those of confidential items the member declared a prejudicial interest in, until the secretariat allows them', () => {
    expect(withheldItems(ITEMS, [declared()], 'ann')).toEqual(new Set([3]));
    expect(withheldItems(ITEMS, [declared()], 'bob')).toEqual(new Set());
    expect(withheldItems(ITEMS, [declared({ itemNumber: 4 })], 'ann')).toEqual(new Set());
    expect(withheldItems(ITEMS, [declared({ prejudicial: false })], 'ann')).toEqual(new Set());
    expect(withheldItems(ITEMS, [declared({ papersAllowed: { by: 'Sam', at: '2027-03-04T09:00:00.000Z', reason: 'Presents it' } })], 'ann')).toEqual(new Set());
  });
});

describe('declarations in words', () => {
  it('names a confidential item by number only', () => {
    expect(declarationLine(declared(), 'Ann Able', ITEMS[2])).toBe(
      'Ann Able declared a non-registrable interest in item 3 (Partner works for a bidder) and will take no part in that item.',
    );
    expect(declarationLine(declared({ itemNumber: 4, kind: 'other-registrable', prejudicial: false }), 'Ann Able', ITEMS[3])).toBe(
      'Ann Able declared an other registrable interest in item 4, Budget (Partner works for a bidder).',
    );
  });

  it('go into the minutes draft under the declarations item, or say there were none', () => {
    const base = {
      boardName: 'Board',
      meetingWhen: 'Wednesday 10 March 2027, 15:30',
      venue: 'Room 1',
      members: [member('ann', 'Ann Able', 'Police')],
      apologies: [],
      items: ITEMS,
      mattersArising: { openLines: [], closedLines: [] },
      presenterName: () => undefined,
    };
    const withOne = draftMinutes({ ...base, declarations: ['Ann Able declared a pecuniary interest in item 3 (Shares).'] });
    expect(withOne).toContain('ITEM 2. Declarations of interest\n\nAnn Able declared a pecuniary interest in item 3 (Shares).\n\n2.1 [Summary');
    expect(draftMinutes({ ...base, declarations: [] })).toContain('ITEM 2. Declarations of interest\n\nNo interests were declared before the meeting.\n');
    expect(draftMinutes(base)).not.toContain('declared');
  });
});

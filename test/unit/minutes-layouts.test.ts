/**
 * The ways small bodies write their actions, each in a short synthetic text in the layout of a parish council, an
 * NHS or charity board, or a school's governors: an owner tag closing a paragraph, owners in square brackets,
 * several actions in one line, a review of the last meeting's actions, and names that are also English words.
 */
import { extractActions } from '../../functions/shared/domain/minutes';
import { parseMinutes, readMinutesInFull } from '../../functions/shared/minutes';

const PARISH = [
  'Ayford Parish Council',
  'Minutes of the meeting held on Tuesday 4 March 2025 at 7.30pm in the Village Hall',
  '',
  'Present: Cllr Jane Smith (Chair), Cllr Keith Moore, Cllr Will Turner, Cllr Rose Hope, Mark Evans (Clerk)',
  'Apologies: Cllr Bill Hart',
  '',
].join('\n');

const BOARD = [
  'Ayford Community Trust: Board of Trustees',
  'Minutes of the meeting on 12 February 2025 at 10:00, Trust Offices',
  '',
  'Present',
  'Ann Baker (AB)',
  'Colin Dale (CD)',
  'Jo Sands (JS)',
  'Kim Marsh (KM)',
  '',
].join('\n');

const GOVERNORS = [
  'Ayford Primary School: Full Governing Body',
  'Minutes of the meeting held on 20 January 2025 at 6pm',
  '',
  'Governors present: Will Price (Chair), Mark Lee, Hope Adams, Rose Kerr',
  '',
].join('\n');

const read = (heading: string, body: string) => parseMinutes(`${heading}\n${body}\n`);
const ownedActions = (heading: string, body: string) => read(heading, body).actions.map((a) => ({ text: a.text, owners: a.owners }));

describe('an owner tag closing a paragraph ("… Action: Clerk")', () => {
  it('makes the paragraph an action of that owner, in a charity board', () => {
    const actions = ownedActions(
      BOARD,
      '1. Risk register\nThe board discussed the refresh of the risk register and agreed it should come back in March. Action: CD\n\n2. Any other business\nNone.',
    );
    expect(actions).toEqual([{ text: 'The board discussed the refresh of the risk register and agreed it should come back in March.', owners: ['CD'] }]);
  });

  it('reads a post, and a tag on a line of its own under the paragraph, in a parish council', () => {
    const actions = ownedActions(
      PARISH,
      '1. Footpaths\nCouncillors noted the broken stile on footpath 12 and asked for it to be reported to the county council.\nAction: Clerk\n\n2. Planning\nNo applications.',
    );
    expect(actions).toEqual([
      { text: 'Councillors noted the broken stile on footpath 12 and asked for it to be reported to the county council.', owners: ['Clerk'] },
    ]);
  });

  it('reads two owners in one tag', () => {
    const actions = ownedActions(BOARD, '1. Premises\nThe lease renewal was discussed and terms are to be sought from two agents. Action: JS/KM');
    expect(actions.map((a) => a.owners)).toEqual([['JS', 'KM']]);
  });
});

describe('an owner tag that is a body, or says only who', () => {
  it('keeps a body not in the attendance as written, for the secretariat to map to people', () => {
    const m = readMinutesInFull(`${PARISH}\n1. Allotments\nThe waiting list has grown to 30 and new plots are needed. Action: Allotments Working Group\n`);
    expect(m.actions.map((a) => a.owners)).toEqual([['Allotments Working Group']]);
    expect(m.ownerChecks.some((c) => c.includes('"Allotments Working Group" is not in the attendance lists'))).toBe(true);
  });

  it('flags a tag that follows no paragraph, and does not read "Action: Noted" or "Action: Agreed" as owners', () => {
    const m = read(
      BOARD,
      '1. Grants\nAction: AB to apply to the lottery fund.\nAction: KM\n\n2. Reports\nThe reports were received.\nAction: Noted\n\nThe plan was discussed.\nAction: Agreed',
    );
    expect(m.actions.map((a) => ({ text: a.text, owners: a.owners }))).toContainEqual({ text: 'KM', owners: ['KM'] });
    expect(m.flags).toContain('In item 1, "Action: KM" names who but no action.');
    expect(m.actions.flatMap((a) => a.owners)).not.toContain('Noted');
    expect(m.actions.flatMap((a) => a.owners)).not.toContain('Agreed');
  });
});

describe('owners in square brackets', () => {
  it('reads "[JS] to …" on a line of its own as an action of JS, with its deadline', () => {
    const { actions } = read(
      BOARD,
      '1. Governance\nThe draft terms of reference were reviewed.\n[JS] to circulate the revised terms of reference by 14 March 2025.',
    );
    expect(actions.map((a) => ({ owners: a.owners, due: a.due }))).toEqual([{ owners: ['JS'], due: '2025-03-14' }]);
    expect(actions[0]!.text).toContain('circulate the revised terms of reference');
  });

  it('reads "Circulate the revised terms [Clerk]" as an action of the Clerk', () => {
    const actions = ownedActions(PARISH, '1. Standing orders\nThe revised standing orders were discussed.\n\nCirculate the revised terms [Clerk]\n\n2. Close');
    expect(actions).toHaveLength(1);
    expect(actions[0]!.owners).toEqual(['Clerk']);
    expect(actions[0]!.text).toContain('Circulate the revised terms');
  });

  it('reads an owner in square brackets inside an "Action:" line', () => {
    const actions = ownedActions(GOVERNORS, '1. Policies\nAction: Review the charging policy [Mark Lee] before the summer term.');
    expect(actions.map((a) => a.owners)).toEqual([['Mark Lee']]);
  });

  it('does not read a bracketed reference as an owner', () => {
    const actions = ownedActions(BOARD, '1. Finance\nThe accounts were noted [Appendix A]. The auditors were thanked.');
    expect(actions).toEqual([]);
  });
});

describe('several actions in one line or one paragraph', () => {
  it('reads "Action: JS to …; KM to …" as two actions, one owner each', () => {
    const actions = ownedActions(BOARD, '1. AGM\nAction: JS to circulate the terms; KM to book the room.');
    expect(actions).toEqual([
      { text: 'JS to circulate the terms', owners: ['JS'] },
      { text: 'KM to book the room.', owners: ['KM'] },
    ]);
  });

  it('reads "Action: AB to …. Action: CD to …." as two actions', () => {
    const actions = ownedActions(BOARD, '1. Correspondence\nAction: AB to draft the letter. Action: CD to check the budget.');
    expect(actions).toEqual([
      { text: 'AB to draft the letter.', owners: ['AB'] },
      { text: 'CD to check the budget.', owners: ['CD'] },
    ]);
  });

  it('reads "Action: JS to …. KM to …." as two actions, and keeps a sentence that names no one in its action', () => {
    const actions = ownedActions(BOARD, '1. AGM\nAction: JS to circulate the terms. This should include the budget. KM to book the room.');
    expect(actions).toEqual([
      { text: 'JS to circulate the terms. This should include the budget.', owners: ['JS'] },
      { text: 'KM to book the room.', owners: ['KM'] },
    ]);
  });
});

describe('an action with no owner', () => {
  it('is kept and flagged, with no owner invented', () => {
    const m = read(PARISH, '1. Website\nAction: Update the website with the new meeting dates.');
    expect(m.actions.map((a) => a.owners)).toEqual([[]]);
    expect(m.flags.some((f) => /names no owner/.test(f) && /Update the website/.test(f))).toBe(true);
  });
});

describe("a review of the last meeting's actions", () => {
  const body = [
    '1. Matters arising / review of actions from the last meeting',
    'Action 3: completed.',
    'Action 4 (ongoing): KM to book the room.',
    'Action 5: JS to circulate the terms – ongoing.',
    'Action 6: AB to write to the bank – Completed',
    '',
    '| Action | Owner | Status |',
    '| --- | --- | --- |',
    '| Draft the reserves policy | CD | Completed |',
    '| Renew the insurance | AB | Carried forward |',
    '',
    '2. Fundraising',
    'Action: KM to contact the community foundation by 30 April 2025.',
  ].join('\n');

  it('reads the status updates as updates, not as new actions', () => {
    expect(ownedActions(BOARD, body)).toEqual([{ text: 'KM to contact the community foundation by 30 April 2025.', owners: ['KM'] }]);
  });
});

describe('names that are also English words', () => {
  it('reads "Will", "Mark", "Rose", "Hope" as owners where they stand as names', () => {
    const actions = ownedActions(
      GOVERNORS,
      ['1. Premises', 'Action: Will to write to the council about the crossing.', 'Action: Mark and Rose to visit the nursery.', 'Action: Hope'].join('\n'),
    );
    expect(actions.map((a) => a.owners)).toEqual([['Will'], ['Mark', 'Rose'], ['Hope']]);
  });

  it('does not read "will" or "mark" in a sentence as a person', () => {
    const m = readMinutesInFull(
      `${GOVERNORS}\n1. Crossing\nThe council will write to parents about the crossing. Governors will mark the anniversary in June.\nAction: The council to write to parents.`,
    );
    expect(m.actions.map((a) => a.owners)).toEqual([[]]);
  });
});

describe('an action numbered by its item, on to the action register', () => {
  it('keeps its reference ("5.1")', () => {
    const text = `${BOARD}\n5. Safeguarding\nACTION 5.1: JS to update the safeguarding policy by 31 March 2025.\n`;
    expect(extractActions(text)).toEqual([
      { reference: '5.1', itemNumber: 5, ownersAsWritten: ['JS'], text: 'JS to update the safeguarding policy by 31 March 2025.', due: '2025-03-31' },
    ]);
  });
});

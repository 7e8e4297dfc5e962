import { draftMinutes, extractActions, resolveOwners } from '../../functions/shared/domain/minutes';
import { parseMinutes } from '../../functions/shared/minutes';
import { item, member } from '../support/builders';
import { fixturePath } from '../support/fixtures';
import fs from 'node:fs';

const members = [
  member('chair', 'Alex Morgan', "Mayor's Office", ['chair', 'member']),
  member('lucy', 'Lucy Bogue', 'NOMS'),
  member('mopac', 'Dan Hale', 'MOPAC', ['officer']),
  member('sec', 'Grace Lin', 'Secretariat', ['secretariat']),
];

describe('draftMinutes', () => {
  const draft = draftMinutes({
    boardName: 'Riverside Community Safety Board',
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    venue: 'City Hall',
    members,
    apologies: ['lucy'],
    substitutes: new Map([['lucy', 'Sam Deputy']]),
    items: [item(1, 'Minutes of the last meeting and matters arising'), item(2, 'Counter terrorism', { presenterMemberId: 'mopac', source: 'proposal' })],
    mattersArising: {
      openLines: ['Action 4 (open, due 2015-02-01, overdue): Lucy Bogue to write to partners. No update yet.'],
      closedLines: ['Action 3 (done on Monday 2 March 2015): Dan Hale to circulate the plan. Sent to all.'],
    },
    presenterName: (id) => members.find((m) => m.memberId === id)?.name,
  });

  it('follows the house style: heading, Present, Apologies, Officers, then ITEM n. Title', () => {
    expect(draft.startsWith('Riverside Community Safety Board\n\nMinutes of Meeting\n\nTuesday 10 March 2015, 15:30 City Hall')).toBe(true);
    expect(draft).toMatch(/Present\n\nAlex Morgan\tChair\n/);
    expect(draft).toMatch(/Apologies\n\nLucy Bogue\tNOMS \(represented by Sam Deputy\)\n/);
    expect(draft).toMatch(/Present\n\nAlex Morgan\tChair\n(.+\n)*Sam Deputy\tNOMS \(for Lucy Bogue\)\n/);
    // Read back as the parser reads any minutes: the substitute present, the member with apologies.
    const read = parseMinutes(draft);
    expect(read.present.map((p) => p.name)).toContain('Sam Deputy');
    expect(read.apologies.map((p) => p.name)).toEqual(['Lucy Bogue']);
    expect(draft).toMatch(/Officers\n\nDan Hale\tMOPAC\nGrace Lin\tSecretariat\n/);
    expect(draft).toContain('ITEM 2. Counter terrorism\n\nPresented by Dan Hale.');
  });

  it('says when the next meeting is, when it is known, in words the parser reads back; a placeholder otherwise', () => {
    const withNext = (nextMeeting?: string) =>
      draftMinutes({
        boardName: 'Riverside Community Safety Board',
        meetingWhen: 'Tuesday 10 March 2015, 15:30',
        venue: 'City Hall',
        members,
        apologies: [],
        items: [item(1, 'Welcome'), item(2, 'Date of next meeting')],
        mattersArising: { openLines: [], closedLines: [] },
        presenterName: () => undefined,
        ...(nextMeeting ? { nextMeeting } : {}),
      });
    const known = withNext('Tuesday 9 June 2015 at 14:00');
    expect(known).toContain('ITEM 2. Date of next meeting\n\nThe next meeting will be held on Tuesday 9 June 2015 at 14:00.\n');
    expect(known).not.toContain('2.1 [Summary');
    expect(parseMinutes(known).nextMeeting).toEqual({ date: '2015-06-09', time: '14:00', venue: null });
    const unknown = parseMinutes(withNext());
    expect(unknown.nextMeeting).toBeNull();
    expect(unknown.flags).toEqual(expect.arrayContaining([expect.stringContaining('placeholder is left in item 2')]));
  });

  it('leaves placeholders that the action reader skips', () => {
    expect(draft).toContain('Action: [owner] to [what, by when].');
    expect(extractActions(draft)).toEqual([]);
  });

  it('reports earlier actions under matters arising, open and completed, in words the action reader does not take for new actions', () => {
    expect(draft).toContain('Update on action 4 (open, due 2015-02-01, overdue): Lucy Bogue to write to partners. No update yet.');
    expect(draft).toContain('Completed since the last meeting: action 3 (done on Monday 2 March 2015): Dan Hale to circulate the plan. Sent to all.');
    expect(draft.indexOf('Update on action 4')).toBeLessThan(draft.indexOf('ITEM 2.'));
    expect(extractActions(draft)).toEqual([]);
  });
});

describe('extractActions', () => {
  it('reads numbered and unnumbered actions under their items, with owners as written', () => {
    const text = [
      'ITEM 3. Counter Terrorism',
      'Action 1: Partners from MOPAC, MPS, London Councils and Health will meet to design a new board.',
      'ITEM 4 – Reform',
      'Action: Lucy Bogue (NOMS) to report back to the next meeting.',
      'Action: An update to be presented in June.',
    ].join('\n');
    expect(extractActions(text)).toEqual([
      {
        number: 1,
        itemNumber: 3,
        ownersAsWritten: ['MOPAC', 'MPS', 'London Councils', 'Health'],
        text: 'Partners from MOPAC, MPS, London Councils and Health will meet to design a new board.',
      },
      { itemNumber: 4, ownersAsWritten: ['Lucy Bogue (NOMS)'], text: 'Lucy Bogue (NOMS) to report back to the next meeting.', due: 'next meeting' },
      // No one is named: the register lists it for the secretariat to assign.
      { itemNumber: 4, ownersAsWritten: [], text: 'An update to be presented in June.' },
    ]);
  });

  it('finds both actions in real minutes of the London Crime Reduction Board', () => {
    const actions = extractActions(fs.readFileSync(fixturePath('minutes/lcrb-2015-03-10.txt'), 'utf8'));
    expect(actions.map((a) => [a.number, a.itemNumber])).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(actions[1]?.ownersAsWritten).toEqual(['London Councils', 'MOPAC']);
  });
});

describe('resolveOwners', () => {
  it('matches people by name and organisations by their member', () => {
    expect(resolveOwners(['Lucy Bogue (NOMS)'], members)).toEqual(['lucy']);
    expect(resolveOwners(['MOPAC'], members)).toEqual(['mopac']);
    expect(resolveOwners(['Nobody we know'], members)).toEqual([]);
  });
});

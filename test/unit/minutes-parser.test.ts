import fs from 'node:fs';
import { ValidationError } from '../../functions/shared/domain/errors';
import { parseMinutes, type ParsedMinutes } from '../../functions/shared/minutes';
import { fixturePath } from '../support/fixtures';

const fixture = (name: string) => fs.readFileSync(fixturePath(`minutes/${name}`), 'utf8');
const names = (list: ParsedMinutes['present']) => list.map((p) => p.name);

/** Minutes around one body of text, so each case states only what it is about. */
const minutes = (body: string, heading = 'Riverside Board\nMinutes of Meeting\nTuesday 10 March 2015, 3:30 City Hall\n\nPresent\nJane Smith\tChair\n') =>
  `${heading}\n${body}\n`;
const onlyAction = (line: string) => {
  const { actions } = parseMinutes(minutes(`ITEM 1. Finance\n\n${line}`));
  expect(actions).toHaveLength(1);
  return actions[0]!;
};

describe('parseMinutes on the London Crime Reduction Board, 12 March 2012', () => {
  const m = parseMinutes(fixture('lcrb-2012-03-12.txt'));

  it('reads the meeting from the heading, with "3pm" and the time it finished', () => {
    expect(m.meeting).toEqual({ board: 'London Crime Reduction Board', date: '2012-03-12', time: '15:00', venue: 'City Hall, GLA', endTime: '15:50' });
  });

  it('tells names from posts in a flattened table with no tabs', () => {
    expect(m.present).toEqual([
      { name: 'Boris Johnson', title: 'Mayor of London', role: null, group: null },
      { name: 'Kit Malthouse', title: 'Deputy Mayor for Policing', role: null, group: null },
      { name: 'Jules Pipe', title: 'LB Hackney Mayor', role: null, group: null },
    ]);
    expect(m.officers).toHaveLength(8);
    expect(m.officers[0]).toEqual({ name: 'Craig Mackey', title: 'Deputy Commissioner', role: 'Metropolitan Police Service', group: null });
    expect(m.officers).toContainEqual({ name: 'Jane Harwood', title: 'Deputy Chief Executive', role: 'Mayor’s Office for Policing and Crime', group: null });
    // The post was wrapped onto a paragraph of its own above the name.
    expect(m.officers).toContainEqual({ name: 'Doug Flight', title: 'Head of Strategic Policy Group', role: 'London Councils', group: null });
    expect(m.officers).toContainEqual({
      name: 'Lucy Bogue',
      title: 'Head of Business Development Unit',
      role: 'National Offender Management Service',
      group: null,
    });
    expect(names(m.presenting)).toEqual(['Christian Steenberg', 'Jain Lemom']);
    expect(m.inAttendance).toEqual([
      { name: 'Siobhan Coldwell', title: null, role: 'MOPC', group: null },
      { name: 'Sara Robinson', title: null, role: 'Mayor’s Office', group: null },
      { name: 'Roisha Hughes', title: null, role: 'Mayor’s Office', group: null },
    ]);
  });

  it('reads every apology', () => {
    expect(m.apologies).toEqual([
      { name: 'Claire Kober', title: 'Cllr.', role: null, group: null },
      { name: 'Bernard Hogan-Howe', title: 'Commissioner', role: null, group: null },
    ]);
  });

  it('reads "3. TITLE" items and joins paragraphs broken across blank lines', () => {
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual([
      '1 WELCOME AND INTRODUCTIONS',
      '2 MINUTES OF LAST MEETING',
      '3 LONDON ANTI-GANGS STRATEGY',
      '4 JUSTICE REINVESTMENT PILOT',
      '5 REFUGE PROVISION IN LONDON',
      '6 HEALTH UPDATE',
      '7 AOB/MEETING CLOSE',
    ]);
    expect(m.items[2]!.paragraphs.map((p) => p.number)).toEqual(['3.1', '3.2', '3.3', '3.4', '3.5']);
    expect(m.items[2]!.paragraphs[0]!.text).toContain('The paper proposes that developing a pan-London Gangs Strategy');
    expect(m.previousMinutesAgreed).toBe(true);
  });

  it('reads both actions, the second with no owner and due at the next meeting', () => {
    expect(m.actions).toEqual([
      {
        number: 1,
        item: '3',
        owners: ['Lucy Bogue (NOMS)'],
        text: 'Lucy Bogue (NOMS) to investigate whether action could be taken to stop imprisoned gang members receiving prison visits from other gang members.',
        due: null,
      },
      { number: 2, item: '4', owners: [], text: 'Justice Reinvestment Pilot update to be presented to the next meeting of the LCRB.', due: 'next meeting' },
    ]);
    expect(m.flags).toContainEqual(expect.stringMatching(/^Action 2 names no owner/));
  });

  it('reports a next meeting "TBC" with no date, and flags it', () => {
    expect(m.nextMeeting).toEqual({ date: null, time: null, venue: null });
    expect(m.flags).toContainEqual(expect.stringContaining('TBC'));
    expect(m.flags).toHaveLength(2);
  });

  it('reads the same with Windows line endings', () => {
    expect(parseMinutes(fixture('lcrb-2012-03-12.txt').replace(/\n/g, '\r\n'))).toEqual(m);
  });
});

describe('parseMinutes on the London Crime Reduction Board, 10 March 2015', () => {
  const m = parseMinutes(fixture('lcrb-2015-03-10.txt'));

  it('reads a bare "3:30" in the heading as 15:30', () => {
    expect(m.meeting).toEqual({
      board: 'London Crime Reduction Board',
      date: '2015-03-10',
      time: '15:30',
      venue: "Mayor's Office, City Hall, GLA",
      endTime: null,
    });
  });

  it('reads tab-separated attendance under its sub-heading', () => {
    expect(m.present).toHaveLength(17);
    expect(m.present[0]).toEqual({ name: 'Boris Johnson', title: 'Mayor', role: 'Chair', group: 'Board and advisors' });
    expect(m.present).toContainEqual({
      name: 'Craig Mackey',
      title: 'Deputy Commissioner',
      role: 'Metropolitan Police Service (MPS)',
      group: 'Board and advisors',
    });
    expect(m.present).toContainEqual({ name: 'Lib Peck', title: 'Cllr', role: 'LB Lambeth', group: 'Board and advisors' });
    expect(m.present).toContainEqual({ name: "John O'Brien", title: null, role: 'CEO, London Councils', group: 'Board and advisors' });
    expect(m.present[16]).toEqual({ name: 'Kate Gilbert', title: null, role: 'Probation', group: 'Board and advisors' });
    expect(m.officers).toEqual([
      { name: 'Dan Hales', title: null, role: 'MOPAC', group: null },
      { name: 'Doug Flight', title: null, role: 'London Councils', group: null },
      { name: 'Tony Hawker', title: null, role: 'MOPAC', group: null },
    ]);
    // These minutes record no apologies.
    expect(m.apologies).toEqual([]);
  });

  it('reads "ITEM n." items with paragraphs numbered across the whole minutes', () => {
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual([
      '1 Welcome and Introductions',
      '2 Minutes Of Last Meeting/Actions (15 September)',
      '3 Counter Terrorism',
      '4 Public Service Reform',
      '5 Any other business',
    ]);
    expect(m.items[2]!.paragraphs.map((p) => p.number)).toEqual(['1', '2', '3', '4']);
    expect(m.items[2]!.paragraphs[3]!.text).toMatch(
      /\(chaired by Martin Esom\)\. This was agreed by the Board\. The details will be worked up outside the LCRB\.$/,
    );
    expect(m.items[3]!.paragraphs.map((p) => p.number)).toEqual(['5', '6', '7', '8', null, '9']);
    expect(m.previousMinutesAgreed).toBe(true);
  });

  it('reads both actions with every owner as written', () => {
    expect(m.actions).toEqual([
      {
        number: 1,
        item: '3',
        owners: ['MOPAC', 'MPS', 'London Councils', 'Health', 'MoJ/HO'],
        text: 'Partners from MOPAC, MPS, London Councils, Health and MoJ/HO will meet to design and create a new London-Wide CT CONTEST Board. Partners will aim to hold the first full CONTEST board in May or June 2015.',
        due: null,
      },
      {
        number: 2,
        item: '4',
        owners: ['London Councils', 'MOPAC'],
        text: 'London Councils and MOPAC to continue working on the shared approach to public service reform as outlined in the paper.',
        due: null,
      },
    ]);
  });

  it('reads the next meeting, "12:00pm" being noon', () => {
    expect(m.nextMeeting).toEqual({ date: '2015-06-09', time: '12:00', venue: 'City Hall' });
    expect(m.flags).toEqual([]);
  });

  it('reads the same from .docx text, where every paragraph is followed by a blank line', () => {
    const docx = parseMinutes(fixture('lcrb-2015-03-10.txt').split('\n').join('\n\n'));
    expect(docx.present).toEqual(m.present);
    expect(docx.actions).toEqual(m.actions);
    expect(docx.items.map((i) => i.paragraphs.length)).toEqual(m.items.map((i) => i.paragraphs.length));
  });
});

describe('parseMinutes on minutes in other formats', () => {
  const markdown = `# Riverside Community Safety Board
## Minutes of the meeting held on Thursday 4 June 2020 at 10am, Committee Room 2, Town Hall

## Present
- Jane Smith (Chair)
- Cllr Raj Patel, Riverside Council
- Dr Amy Chen – NHS Riverside

Apologies: Tom Brown (Police), Sarah Jones and Cllr Peck

## In attendance
- Dan Hales, Secretariat

## Item 1: Welcome
The Chair welcomed everyone.

## Item 2: Minutes of the last meeting
The minutes of the meeting on 5 March were approved.

## Item 3: Counter terrorism
Discussion of the Prevent duty.

Actions:
- Police to brief the board on the threat level by 30 June 2020
- To circulate the paper – Dan Hales
- update on funding to be brought to the
  next meeting

## Item 4 – Any other business
None.

## Date of next meeting
Thursday 3 September 2020, 2pm
`;

  it('reads Markdown headings, bullet lists and inline apologies', () => {
    const m = parseMinutes(markdown);
    expect(m.meeting).toEqual({
      board: 'Riverside Community Safety Board',
      date: '2020-06-04',
      time: '10:00',
      venue: 'Committee Room 2, Town Hall',
      endTime: null,
    });
    expect(m.present).toEqual([
      { name: 'Jane Smith', title: null, role: 'Chair', group: null },
      { name: 'Raj Patel', title: 'Cllr', role: 'Riverside Council', group: null },
      { name: 'Amy Chen', title: 'Dr', role: 'NHS Riverside', group: null },
    ]);
    expect(m.apologies).toEqual([
      { name: 'Tom Brown', title: null, role: 'Police', group: null },
      { name: 'Sarah Jones', title: null, role: null, group: null },
      { name: 'Peck', title: 'Cllr', role: null, group: null },
    ]);
    expect(names(m.inAttendance)).toEqual(['Dan Hales']);
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual(['1 Welcome', '2 Minutes of the last meeting', '3 Counter terrorism', '4 Any other business']);
    expect(m.previousMinutesAgreed).toBe(true);
    expect(m.nextMeeting).toEqual({ date: '2020-09-03', time: '14:00', venue: null });
  });

  it('reads an "Actions:" bullet list, owners before and after the verb, and flags the one with no owner', () => {
    const m = parseMinutes(markdown);
    expect(m.actions).toEqual([
      { number: null, item: '3', owners: ['Police'], text: 'Police to brief the board on the threat level by 30 June 2020', due: '2020-06-30' },
      { number: null, item: '3', owners: ['Dan Hales'], text: 'To circulate the paper – Dan Hales', due: null },
      { number: null, item: '3', owners: [], text: 'update on funding to be brought to the next meeting', due: 'next meeting' },
    ]);
    expect(m.flags).toEqual(['The action "update on funding to be brought to the next meeting" (item 3) names no owner.']);
  });

  it.each([
    ['ITEM 3. Finance', '3', 'Finance'],
    ['ITEM 3 – Finance.', '3', 'Finance'],
    ['Item 3: Finance', '3', 'Finance'],
    ['Item 3\n\nFinance', '3', 'Finance'],
    ['Agenda item 3 - Finance', '3', 'Finance'],
    ['## Item 3: Finance', '3', 'Finance'],
    ['## 3. Finance', '3', 'Finance'],
    ['3. FINANCE', '3', 'FINANCE'],
    ['3) Finance', '3', 'Finance'],
    ['3. Finance', '3', 'Finance'],
  ])('reads the item heading %j', (heading, number, title) => {
    const m = parseMinutes(minutes(`${heading}\n\n3.1 The Treasurer presented the accounts.\n\nAction: MOPAC to publish them.`));
    expect(m.items).toEqual([{ number, title, paragraphs: [{ number: '3.1', text: 'The Treasurer presented the accounts.' }] }]);
    expect(m.actions).toEqual([{ number: null, item: number, owners: ['MOPAC'], text: 'MOPAC to publish them.', due: null }]);
  });

  it('does not take a numbered sentence, or a list under an earlier item, for an item', () => {
    const m = parseMinutes(minutes('1. Welcome\n\n2. Finance\n\n1. The Treasurer presented the accounts and they were approved.\n\nActions:\n1. Audit letter'));
    expect(m.items.map((i) => i.number)).toEqual(['1', '2']);
    expect(m.items[1]!.paragraphs).toEqual([{ number: '1', text: 'The Treasurer presented the accounts and they were approved.' }]);
    expect(m.actions.map((a) => a.number)).toEqual([1]);
  });

  it.each([
    ['Action 1: Lucy Bogue (NOMS) to investigate visits.', ['Lucy Bogue (NOMS)']],
    ['Action: MOPAC to circulate the paper.', ['MOPAC']],
    ['Action: London Councils and MOPAC will lead on this.', ['London Councils', 'MOPAC']],
    ['Action: Partners from MOPAC, MPS and Health are to meet.', ['MOPAC', 'MPS', 'Health']],
    ['Action: The Secretariat should write to members.', ['The Secretariat']],
    ['Action: Jane Smith, Tom Brown and Cllr Peck to draft a response.', ['Jane Smith', 'Tom Brown', 'Cllr Peck']],
    ["Action: Mayor's Office for Policing and Crime and MPS to meet.", ["Mayor's Office for Policing and Crime", 'MPS']],
    ['Action: It was agreed that MOPAC would write to the Home Office.', ['MOPAC']],
    ['Action: To circulate the paper – Dan Hales', ['Dan Hales']],
    ['Action: Circulate the paper (Dan Hales).', ['Dan Hales']],
    ['Action: Dan Hales – circulate the paper.', ['Dan Hales']],
    ['Action (Dan Hales): circulate the paper.', ['Dan Hales']],
    ['Action: Circulate the revised figures (Owner: Finance Officer)', ['Finance Officer']],
    ['Action: Update to be circulated by the Secretariat.', ['the Secretariat']],
    ['Action: Paper to be circulated by 12 May 2015.', []],
    ['Action: Update to be presented to the next meeting.', []],
    ['Action: circulate the paper.', []],
    ['ACTION 4 - All members to review the strategy.', ['All members']],
    ['The Board agreed the plan. Action: MPS to lead.', ['MPS']],
  ])('finds the owners of %j', (line, owners) => {
    expect(onlyAction(line).owners).toEqual(owners);
  });

  it.each([
    ['MOPAC to report by 30 June 2015.', '2015-06-30'],
    ['MOPAC to report by 30/06/2015.', '2015-06-30'],
    ['MOPAC to report by 2015-06-30.', '2015-06-30'],
    ['MOPAC to report by Tuesday 30th June.', '2015-06-30'],
    ['MOPAC to report by 5 January.', '2016-01-05'],
    ['MOPAC to report by the end of June 2015.', '2015-06-30'],
    ['MOPAC to report to the next meeting.', 'next meeting'],
    ['MOPAC to report before the next Board meeting.', 'next meeting'],
    ['MOPAC to aim for May or June 2015.', null],
    ['MOPAC to report.', null],
  ])('reads the deadline of %j', (text, due) => {
    expect(onlyAction(`Action: ${text}`).due).toBe(due);
  });

  it('flags a deadline it had to complete (no year, end of a month)', () => {
    const m = parseMinutes(minutes('ITEM 1. Finance\n\nAction 1: MOPAC to report by 5 January.\n\nAction 2: MPS to report by end of May.'));
    expect(m.flags).toEqual(
      expect.arrayContaining([
        'Action 1: "by 5 January" has no year; read as 2016-01-05.',
        'Action 2: "by end of May" read as 2015-05-31, the end of the month.',
      ]),
    );
  });

  it.each([
    ['Tuesday 10 March 2015, 3:30 City Hall', '15:30', 'City Hall'],
    ['Tuesday 10 March 2015, 15:30, City Hall', '15:30', 'City Hall'],
    ['10 March 2015 at 3.30pm in Committee Room 1, City Hall', '15:30', 'Committee Room 1, City Hall'],
    ['10 March 2015, 10am – 12pm, Online', '10:00', 'Online'],
    ['Tuesday, March 10, 2015 9:30 Town Hall', '09:30', 'Town Hall'],
    ['10/03/2015 noon', '12:00', null],
  ])('reads the time and venue of %j', (line, time, venue) => {
    const m = parseMinutes(`Riverside Board\n${line}\n\nPresent\nJane Smith\tChair\n\nITEM 1. Welcome\n`);
    expect(m.meeting).toMatchObject({ date: '2015-03-10', time, venue });
  });

  it('reads the next meeting from a sentence ending "at 14:00.", and from a numbered paragraph', () => {
    expect(parseMinutes(minutes('ITEM 1. Date of next meeting\n\nThe next meeting will be held on Wednesday 9 June 2015 at 14:00.\n')).nextMeeting).toEqual({
      date: '2015-06-09',
      time: '14:00',
      venue: null,
    });
    const numbered = parseMinutes(
      minutes('ITEM 1. Finance\n\n1.1 Noted.\n\nITEM 2. Date of next meeting\n\n2.1 The next meeting will be on 9 June 2015, 10.30am.\n'),
    );
    expect(numbered.nextMeeting).toEqual({ date: '2015-06-09', time: '10:30', venue: null });
    // A date written with full stops is still a date, not a time.
    expect(parseMinutes(minutes('ITEM 1. Date of next meeting\n\nNext meeting: 09.06.2015\n')).nextMeeting).toMatchObject({ date: '2015-06-09', time: null });
  });

  it('reads Date:, Time: and Venue: lines', () => {
    const m = parseMinutes(
      'Northshire Police and Crime Panel\nDate: 12/11/2019\nTime: 3.30pm\nVenue: County Hall\n\nAttendees:\nAlan Green\tChair\n\n1) Welcome\n',
    );
    expect(m.meeting).toEqual({ board: 'Northshire Police and Crime Panel', date: '2019-11-12', time: '15:30', venue: 'County Hall', endTime: null });
  });

  it('pairs names and roles from a two-column table saved as text, and reads apologies given in a sentence', () => {
    const m = parseMinutes(
      minutes(
        'Apologies: None\n\nITEM 1. Welcome\n\nThe Chair opened the meeting. Apologies were received from Carl Black and Diane Grey.',
        'Present\n\nJane Smith\n\nChair\n\nTom Brown\n\nDirector, Riverside Council\n',
      ),
    );
    expect(m.present).toEqual([
      { name: 'Jane Smith', title: null, role: 'Chair', group: null },
      { name: 'Tom Brown', title: null, role: 'Director, Riverside Council', group: null },
    ]);
    expect(names(m.apologies)).toEqual(['Carl Black', 'Diane Grey']);
  });

  it('reads a Markdown actions table and merges it with the same action minuted under its item', () => {
    const m = parseMinutes(
      minutes(`## 3. Accounts
3.1 The accounts were presented. ACTION: Bob Ray to send the audit letter.

## 4. Risk register
The register was reviewed.

## Actions

| No | Item | Action | Owner | Due |
|----|------|--------|-------|-----|
| 1 | 3 | Send the audit letter | Bob Ray | 31/03/2015 |
| 2 | 4 | Update the risk register | Cy Dunn | next meeting |
`),
    );
    expect(m.actions).toEqual([
      { number: 1, item: '3', owners: ['Bob Ray'], text: 'Bob Ray to send the audit letter.', due: '2015-03-31' },
      { number: 2, item: '4', owners: ['Cy Dunn'], text: 'Update the risk register', due: 'next meeting' },
    ]);
  });

  it('leaves out reviews of earlier actions and flags placeholders left from the draft', () => {
    const m = parseMinutes(
      minutes(
        'ITEM 2. Matters arising\n\nAction 3 (open): MOPAC to report.\n\nITEM 3. Finance\n\n3.1 [Summary of the discussion.]\n\nAction: [owner] to [what, by when].',
      ),
    );
    expect(m.actions).toEqual([]);
    expect(m.flags).toContainEqual('A placeholder is left in item 3: "3.1 [Summary of the discussion.]"');
    expect(m.flags).toContainEqual('A placeholder is left in item 3: "Action: [owner] to [what, by when]."');
  });

  it('flags repeated and missing action numbers, and a next meeting not after this one', () => {
    const m = parseMinutes(
      minutes('ITEM 1. Finance\n\nAction 1: MPS to report.\n\nAction 1: MOPAC to write.\n\nAction 3: MPS to call.\n\nDate of next meeting: 1 March 2015'),
    );
    expect(m.flags).toEqual(
      expect.arrayContaining(['Action numbers used twice: 1.', 'Action numbers skip 2.', 'The next meeting (2015-03-01) is not after this one (2015-03-10).']),
    );
  });

  it('reads and flags minutes with items but no attendance list', () => {
    const m = parseMinutes('ITEM 1. Welcome\n\nThe minutes were not agreed.\n');
    expect(m.items).toHaveLength(1);
    expect(m.previousMinutesAgreed).toBe(false);
    expect(m.flags).toEqual(
      expect.arrayContaining([
        'No attendance list (Present, Apologies, Officers) was found.',
        "The meeting's date was not found in the heading.",
        'The minutes do not give the date of the next meeting.',
      ]),
    );
  });
});

describe('parseMinutes on text that is not minutes', () => {
  it('names what it could not find', () => {
    const letter = 'Dear colleagues,\n\nThank you for your time yesterday. We talked about many things.\n\nRegards\n';
    expect(() => parseMinutes(letter)).toThrow(ValidationError);
    try {
      parseMinutes(letter);
    } catch (err) {
      expect((err as ValidationError).issues).toEqual(['agenda items', 'attendance list']);
      expect((err as ValidationError).message).toMatch(/no agenda items .* and no attendance list/);
    }
  });

  it('refuses empty text', () => {
    expect(() => parseMinutes(' \n\n')).toThrow('The minutes are empty.');
  });
});

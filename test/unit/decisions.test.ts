import { decisionRows, decisionsCsv, matchesDecisionFilter, meetingDecisions, readDecisionFilter } from '../../functions/shared/domain/decisions';
import { ValidationError } from '../../functions/shared/domain/errors';
import { decisionsInMinutes } from '../../functions/shared/minutes';
import { recordDecisions } from '../../functions/shared/services/decisions';
import { InMemoryActionRepository } from '../support/fake-repositories';

const MINUTES = `Riverside Board
Minutes of the meeting held on 10 March 2027 at 15:30, Town Hall

Present: Ann Able (Chair), Bob Best

ITEM 1. Minutes of the last meeting
The minutes of the meeting on 13 January were approved.

ITEM 2. Budget
RESOLVED that the budget for 2027/28 be approved.
Action 1: Bob Best to publish the budget by 31 March 2027.

ITEM 3. Premises
It was agreed that =HYPERLINK("http://evil.example","the hall") be booked.
`;

const march = { boardId: 'b', cycleId: 'c-march', meetingAt: '2027-03-10T15:30:00.000Z' };
const january = { boardId: 'b', cycleId: 'c-january', meetingAt: '2027-01-13T23:30:00.000Z' };

describe('the decisions register', () => {
  it('numbers a meeting’s decisions in the minutes’ order, with their items, and leaves the actions out', () => {
    const decisions = meetingDecisions(march, decisionsInMinutes(MINUTES));
    expect(decisions.map((d) => [d.number, d.item, d.text.slice(0, 24)])).toEqual([
      [1, '1', 'The minutes of the meetin'.slice(0, 24)],
      [2, '2', 'RESOLVED that the budget'],
      [3, '3', 'It was agreed that =HYPE'],
    ]);
    expect(decisions.every((d) => d.cycleId === 'c-march' && d.boardId === 'b')).toBe(true);
  });

  it('reads the four words of a decision: resolved, agreed, approved, and a noting by the meeting', () => {
    const text = `Riverside Board
Minutes of the meeting held on 10 March 2027 at 15:30, Town Hall

Present: Ann Able (Chair), Bob Best

ITEM 1. Performance
The Board noted the quarterly performance report.
Bob Best presented the figures.

ITEM 2. Risks
The Committee noted the risk register and approved its new format.
`;
    expect(decisionsInMinutes(text).map((d) => [d.item, d.text])).toEqual([
      ['1', 'The Board noted the quarterly performance report.'],
      ['2', 'The Committee noted the risk register and approved its new format.'],
    ]);
  });

  it('lists the latest meeting first, each meeting in order, with its date in the board’s zone', () => {
    const rows = decisionRows(
      [...meetingDecisions(january, [{ text: 'Noted the report.', item: null }]), ...meetingDecisions(march, decisionsInMinutes(MINUTES))].reverse(),
      'Europe/London',
    );
    expect(rows.map((r) => `${r.meetingDate} ${r.number}`)).toEqual(['2027-03-10 1', '2027-03-10 2', '2027-03-10 3', '2027-01-13 1']);
    expect(rows.at(-1)).toEqual({ meetingDate: '2027-01-13', meeting: 'c-january', number: 1, item: '', text: 'Noted the report.' });
  });

  it('exports CSV with a header and guards a cell a spreadsheet would run as a formula', () => {
    const rows = decisionRows(meetingDecisions(march, [{ text: '=HYPERLINK("http://evil.example")', item: '3' }]), 'Europe/London');
    expect(decisionsCsv(rows)).toBe('meetingDate,meeting,number,item,text\r\n2027-03-10,c-march,1,3,"\'=HYPERLINK(""http://evil.example"")"\r\n');
  });

  it('filters by meeting, and refuses a filter it does not have, naming it', () => {
    expect(readDecisionFilter({ meeting: 'c-march' })).toEqual({ meeting: 'c-march' });
    expect(readDecisionFilter({ meeting: '' })).toEqual({});
    expect(matchesDecisionFilter({ cycleId: 'c-january' }, { meeting: 'c-march' })).toBe(false);
    expect(() => readDecisionFilter({ status: 'open' })).toThrow(ValidationError);
    expect(() => readDecisionFilter({ status: 'open' })).toThrow('The decisions register has no filter "status": it can be filtered by meeting only.');
  });

  it('stores a meeting’s decisions once however often the minutes are published, and none from text that is not minutes', async () => {
    const actions = new InMemoryActionRepository();
    expect(await recordDecisions({ actions }, march, MINUTES)).toBe(3);
    expect(await recordDecisions({ actions }, march, MINUTES)).toBe(3);
    expect(await actions.listDecisions('b')).toHaveLength(3);
    expect(await recordDecisions({ actions }, january, 'A shopping list, not minutes.')).toBe(0);
    expect(await actions.listDecisions('b')).toHaveLength(3);
  });
});

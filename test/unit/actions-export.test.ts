import { actionRows, actionsCsv } from '../../functions/shared/domain/actions-export';
import type { Action, Member } from '../../functions/shared/domain/types';

const member: Member = { boardId: 'b', memberId: 'sam', name: 'Sam Reid', email: 'sam@example.org', organisation: 'CPS', roles: ['member'] };
const action = (n: number, extra: Partial<Action> = {}): Action => ({
  boardId: 'b',
  actionId: `a${n}`,
  number: n,
  cycleId: 'b-2027-01-20',
  ownerMemberIds: ['sam'],
  ownersAsWritten: ['Sam Reid'],
  text: `Action text ${n}`,
  status: 'open',
  version: 1,
  ...extra,
});

describe('the action register export', () => {
  it('lists actions in number order with owners by name, unassigned ones as the minutes wrote them, and the latest update', () => {
    const rows = actionRows(
      [action(2, { ownerMemberIds: [], ownersAsWritten: ['Partners'] }), action(1, { due: 'next meeting', itemNumber: 3 })],
      [member],
      (id) => (id === 'a1' ? { actionId: 'a1', at: '2027-01-12T10:00:00Z', by: 'sam', status: 'in-progress', note: 'Started' } : undefined),
    );
    expect(rows.map((r) => [r.number, r.owners, r.due, r.item, r.latestUpdate])).toEqual([
      [1, 'Sam Reid', 'next meeting', '3', '2027-01-12 in-progress: Started'],
      [2, 'Unassigned (Partners)', '', '', ''],
    ]);
  });

  it('writes CSV that quotes commas and quotes, and never lets a spreadsheet run a formula', () => {
    const rows = actionRows([action(1, { text: '=HYPERLINK("http://x","click"), then more' })], [member], () => undefined);
    const csv = actionsCsv(rows);
    expect(csv.split('\r\n')[0]).toBe('number,status,owners,text,due,meeting,item,latestUpdate');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""click""), then more"`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it.each([
    ['full-width equals', '＝HYPERLINK("http://x")'],
    ['full-width plus', '＋1+2'],
    ['full-width minus', '－1+2'],
    ['full-width at', '＠SUM(A1)'],
    ['spaces before a sign', '  =1+2'],
    ['a leading line break', '\n=1+2'],
    ['a leading CR', '\r=1+2'],
    ['a leading tab', '\t=1+2'],
  ])('guards a cell starting with %s', (_what, text) => {
    const [, row] = actionsCsv(actionRows([action(1, { text })], [member], () => undefined)).split('\r\n');
    expect(row).toMatch(/^1,open,Sam Reid,"?'/);
  });

  it('leaves ordinary text alone', () => {
    const [, row] = actionsCsv(actionRows([action(1, { text: 'Circulate the paper – all' })], [member], () => undefined)).split('\r\n');
    expect(row).toBe('1,open,Sam Reid,Circulate the paper – all,,b-2027-01-20,,');
  });
});

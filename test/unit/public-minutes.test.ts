import fs from 'node:fs';
import { EXEMPT_ITEM_TEXT } from '../../functions/shared/domain/agenda';
import { ValidationError } from '../../functions/shared/domain/errors';
import { parseMinutes } from '../../functions/shared/minutes';
import { exemptItemLine, publicMinutesText } from '../../functions/shared/domain/public-minutes';
import { fixturePath } from '../support/fixtures';

type Item = { number: number; title: string; confidential: boolean };
const agenda = (titles: readonly string[], exempt: readonly number[]): Item[] =>
  titles.map((title, i) => ({ number: i + 1, title, confidential: exempt.includes(i + 1) }));

const HEAD = `Riverside Community Safety Board

Minutes of Meeting

Wednesday 20 January 2027, 15:30 Committee Room 1, Riverside Town Hall

Present

Alex Morgan\tChair
Priya Shah\tPolicing and Crime Office

`;
const ITEM_1 = `ITEM 1. Welcome and apologies

1.1 The Chair welcomed members.

`;
const ITEM_2 = `ITEM 2. Finance report

2.1 The Board noted the budget position for the quarter.

Action 1: Priya Shah to circulate the revised budget by 1 March 2027.

`;
const ITEM_3 = `ITEM 3. Staff restructure

3.1 The Board discussed the proposal to remove twelve posts from the community safety team.
3.2 Redundancy terms for the named officers were agreed in private.

Action 2: Tom Okafor to write to the affected staff by 5 February 2027.

`;
const ITEM_4 = `ITEM 4. Any other business

4.1 None was raised.

`;
const SUMMARY = `Summary of actions

Action 1: Priya Shah to circulate the revised budget by 1 March 2027.

Action 2: Tom Okafor to write to the affected staff by 5 February 2027.

`;
const NEXT = `Date of next meeting: 21 April 2027, 15:30
`;
const MINUTES = HEAD + ITEM_1 + ITEM_2 + ITEM_3 + ITEM_4 + SUMMARY + NEXT;
const AGENDA = agenda(['Welcome and apologies', 'Finance report', 'Staff restructure', 'Any other business'], [3]);
const SECRETS = ['Staff restructure', 'twelve posts', 'Redundancy terms', 'named officers', 'Tom Okafor', 'affected staff', '5 February'];

/** Every line of the public text is a line of the minutes as written, or an exempt item's line. */
function expectOnlyLinesOf(original: string, published: string): void {
  const lines = new Set(original.split(/\r\n?|\n/));
  for (const line of published.split(/\r\n?|\n/)) if (!line.endsWith(EXEMPT_ITEM_TEXT)) expect(lines).toContain(line);
}

/** The text from one line to the next that starts with `end` (or the end). */
function section(text: string, start: string, end?: string): string {
  const from = text.indexOf(start);
  const to = end === undefined ? text.length : text.indexOf(end, from + start.length);
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  return text.slice(from, to);
}

describe('publicMinutesText', () => {
  it("withholds an exempt item's heading, paragraphs and actions, and its actions in the summary", () => {
    const published = publicMinutesText(MINUTES, AGENDA);

    expect(published).toContain(`\n${exemptItemLine('3')}\n\nITEM 4. Any other business\n`);
    expect(exemptItemLine('3')).toBe(`ITEM 3. ${EXEMPT_ITEM_TEXT}`);
    for (const secret of SECRETS) expect(published).not.toContain(secret);
    expect(published).not.toContain('Action 2');
    expect(parseMinutes(published).actions.map((a) => a.number)).toEqual([1]);
  });

  it('keeps everything else exactly as written', () => {
    const published = publicMinutesText(MINUTES, AGENDA);

    const summaryWithout2 = `Summary of actions

Action 1: Priya Shah to circulate the revised budget by 1 March 2027.

`;
    expect(published).toBe(`${HEAD}${ITEM_1}${ITEM_2}${exemptItemLine('3')}\n\n${ITEM_4}${summaryWithout2}${NEXT}`);
  });

  it('returns the minutes unchanged when no item is exempt', () => {
    const text = `${MINUTES}\r\nTrailing line without a break`;
    expect(publicMinutesText(text, agenda(['A', 'B', 'C', 'D'], []))).toBe(text);
  });

  it('fails closed, naming the item, when an exempt item has no heading in the minutes', () => {
    const items = [...AGENDA, { number: 6, title: 'Legal advice on the contract', confidential: true }];
    const attempt = () => publicMinutesText(MINUTES, items);

    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(/Item 6 \("Legal advice on the contract"\) is exempt, but the minutes have no heading for item 6/);
    try {
      attempt();
    } catch (err) {
      expect((err as ValidationError).issues).toEqual(['item 6']);
    }
  });

  it('fails closed when a heading the exempt item needs is written inside a paragraph rather than as a heading', () => {
    const text = MINUTES.replace('ITEM 3. Staff restructure\n', 'Under item 3. Staff restructure was taken in private.\n');
    expect(() => publicMinutesText(text, AGENDA)).toThrow(/Item 3 \("Staff restructure"\) is exempt/);
  });

  it('withholds the summary copy of an exempt action by its number or by naming the item, and a table row of it', () => {
    const summary = `Summary of actions

Action 1: Priya Shah to circulate the revised budget by 1 March 2027.
Action 2: Write to staff.
Action (item 3): Brief the unions on the twelve posts.

| No. | Item | Action | Owner | Due |
|---|---|---|---|---|
| 1 | 2 | Circulate the revised budget | Priya Shah | 1 March 2027 |
| 3 | 3 | Consult the unions on redundancies | Tom Okafor | 5 February 2027 |

`;
    const published = publicMinutesText(HEAD + ITEM_1 + ITEM_2 + ITEM_3 + ITEM_4 + summary + NEXT, AGENDA);

    expect(published).not.toContain('Write to staff');
    expect(published).not.toContain('unions');
    expect(published).toContain('Action 1: Priya Shah to circulate the revised budget by 1 March 2027.\n');
    expect(published).toContain('| 1 | 2 | Circulate the revised budget | Priya Shah | 1 March 2027 |\n');
    expect(published).toContain('| No. | Item | Action | Owner | Due |\n');
  });

  it('withholds an exempt action that a public item mentions', () => {
    const text = MINUTES.replace('4.1 None was raised.\n', '4.1 None was raised.\n\nAction 3 (item 3): Tom Okafor to brief the unions.\n');
    const published = publicMinutesText(text, AGENDA);
    expect(published).toContain('4.1 None was raised.\n');
    expect(published).not.toContain('unions');
  });

  it('keeps the next meeting and the summary when the last item is exempt, and withholds what the parser reads into it', () => {
    const items = agenda(['Welcome and apologies', 'Finance report', 'Any other business', 'Staff restructure'], [4]);
    const last = ITEM_3.replace('ITEM 3.', 'ITEM 4.');
    const text = `${HEAD}${ITEM_1}${ITEM_2}${ITEM_4.replace('ITEM 4.', 'ITEM 3.')}${last}${SUMMARY}Action 9: Draft the redundancy letters.\n\n${NEXT}\nThe Board then approved the severance payments.\n`;
    const published = publicMinutesText(text, items);

    expect(published).toContain(`${exemptItemLine('4')}\n\nSummary of actions\n\nAction 1: Priya Shah to circulate the revised budget by 1 March 2027.\n\n`);
    expect(published).toContain(NEXT);
    expect(published).toContain(ITEM_2);
    for (const secret of [...SECRETS, 'redundancy letters', 'severance']) expect(published).not.toContain(secret);
    expectOnlyLinesOf(text, published);
  });

  it('withholds the sub-items of an exempt item', () => {
    const text = MINUTES.replace(
      'ITEM 4. Any other business',
      'ITEM 3a. Staff consultation\n\n3a.1 The unions were consulted on the twelve posts.\n\nITEM 4. Any other business',
    );
    const published = publicMinutesText(text, AGENDA);
    expect(published).toContain(`${exemptItemLine('3')}\n\n${exemptItemLine('3a')}\n\nITEM 4.`);
    expect(published).not.toContain('unions');
  });

  describe('hostile text', () => {
    it('withholds markup, a split-off action and lines that only look like headings, and keeps CRLF line breaks', () => {
      const hostile = `ITEM 3. <script>alert(1)</script>Staff restructure

3.1 <img src=x onerror=alert(2)> The twelve posts go. Action 5: Tom Okafor to notify the affected staff.
item 3 is continued here with the named officers.
ITEM 3 was closed in private session.

`;
      const text = (HEAD + ITEM_1 + ITEM_2 + hostile + ITEM_4 + NEXT).replace(/\n/g, '\r\n');
      const published = publicMinutesText(text, AGENDA);

      for (const secret of ['<script>', 'onerror', 'alert', ...SECRETS, 'private session']) expect(published).not.toContain(secret);
      expect(published).toBe((HEAD + ITEM_1 + ITEM_2 + `${exemptItemLine('3')}\n\n` + ITEM_4 + NEXT).replace(/\n/g, '\r\n'));
    });

    it('refuses an exempt item that hides a second heading for the next item', () => {
      const smuggled = ITEM_3.replace('3.2 Redundancy', 'ITEM 4. Any other business\n\nRedundancy');
      expect(() => publicMinutesText(HEAD + ITEM_1 + ITEM_2 + smuggled + ITEM_4 + NEXT, AGENDA)).toThrow(/two headings for item 4/);
    });

    it('refuses an unnumbered heading after an exempt item when the items are numbered', () => {
      const text = `${HEAD}## 1. Welcome\n\nHello.\n\n## 2. Staff restructure\n\nThe twelve posts.\n\n## Background\n\nThe named officers.\n`;
      expect(() => publicMinutesText(text, agenda(['Welcome', 'Staff restructure'], [2]))).toThrow(
        /heading after exempt item 2 \(line 20\) has no item number/,
      );
    });

    it('refuses text that does not read as minutes', () => {
      expect(() => publicMinutesText('We met and talked about many things.', AGENDA)).toThrow(ValidationError);
    });
  });

  describe('real minutes', () => {
    const lcrb2015 = fs.readFileSync(fixturePath('minutes/lcrb-2015-03-10.txt'), 'utf8');
    const lcrb2012 = fs.readFileSync(fixturePath('minutes/lcrb-2012-03-12.txt'), 'utf8');

    it('withholds Counter Terrorism from the 2015 LCRB minutes and keeps the other items verbatim', () => {
      const items = agenda(['Welcome', 'Minutes', 'Counter Terrorism', 'Public Service Reform', 'Any other business'], [3]);
      const published = publicMinutesText(lcrb2015, items);

      for (const secret of ['Counter Terrorism', 'CONTEST', 'London Prevent Board', 'Mark Rowley', 'Action 1']) expect(published).not.toContain(secret);
      expect(published).toContain(`${exemptItemLine('3')}\n\nITEM 4 – Public Service Reform.`);
      expect(section(published, 'ITEM 4 –')).toBe(section(lcrb2015, 'ITEM 4 –'));
      expect(section(published, 'London Crime Reduction Board', 'ITEM 3')).toBe(section(lcrb2015, 'London Crime Reduction Board', 'ITEM 3'));
      expect(parseMinutes(published).actions.map((a) => a.number)).toEqual([2]);
      expectOnlyLinesOf(lcrb2015, published);
    });

    it('withholds the last item of the 2015 minutes and keeps the date of the next meeting', () => {
      const items = agenda(['Welcome', 'Minutes', 'Counter Terrorism', 'Public Service Reform', 'Any other business'], [5]);
      const published = publicMinutesText(lcrb2015, items);

      for (const secret of ['corruption', 'Deputy Commissioner explained', 'America']) expect(published).not.toContain(secret);
      expect(published).toContain(`${exemptItemLine('5')}\n\nDate of next LCRB meeting: 9 June 2015. 12:00pm at City Hall`);
      expectOnlyLinesOf(lcrb2015, published);
    });

    it('withholds the Justice Reinvestment Pilot from the 2012 minutes, whose items are numbered without "Item"', () => {
      const items = agenda(['Welcome', 'Minutes', 'Anti-gangs strategy', 'Justice Reinvestment Pilot', 'Refuge provision', 'Health update', 'AOB'], [4]);
      const published = publicMinutesText(lcrb2012, items);

      for (const secret of ['Reinvestment', 'Brixton', 'resettlement', 'Action 2']) expect(published).not.toContain(secret);
      expect(published).toContain(`${exemptItemLine('4')}\n`);
      expect(section(published, '5. REFUGE PROVISION')).toBe(section(lcrb2012, '5. REFUGE PROVISION'));
      expect(published).toContain('Action 1: Lucy Bogue (NOMS) to investigate whether action could be taken to stop \nimprisoned gang members');
      expectOnlyLinesOf(lcrb2012, published);
    });
  });
});

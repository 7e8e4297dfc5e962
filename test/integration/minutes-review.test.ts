import { makeStartCycle } from '../../functions/admin/start-cycle';
import type { Cycle } from '../../functions/shared/domain/types';
import { follow, submit } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';
import { latestLink } from '../support/mail';

jest.setTimeout(90_000);
const cloud = useLocalCloud();
let cycle: Cycle;

const linkOf = (kind: string): string => latestLink(cloud(), kind);

beforeAll(async () => {
  ({ cycle } = await makeStartCycle(cloud().deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' }));
  await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.itemDeadline) + 60_000));
  await submit(await follow(linkOf('agenda-confirmation-request')), 'Confirm the agenda');
  await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.meeting) + 60_000));
});

describe('the pre-filled draft', () => {
  it("gives the next meeting's date once a later cycle is planned, and leaves a placeholder before", async () => {
    const before = await follow(linkOf('minutes-draft-request'));
    expect(before.forms[0]?.fields.text).toContain('The next meeting will be held on [date] at [time].');
    await makeStartCycle(cloud().deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-04-14', meetingTime: '14:00' });
    const after = await follow(linkOf('minutes-draft-request'));
    expect(after.forms[0]?.fields.text).toContain('The next meeting will be held on Wednesday 14 April 2027 at 14:00.');
  });
});

describe("the secretariat's check of the actions before the chair sees the minutes", () => {
  it('refuses minutes with no recognisable structure, naming what is missing, and saves nothing', async () => {
    const draft = await follow(linkOf('minutes-draft-request'));
    const answer = await submit(draft, 'Check the actions', { text: 'We met and talked about many things for a long while.' });
    expect(answer.status).toBe(422);
    expect(answer.html).toContain('agenda items');
    expect(answer.html).toContain('attendance list');
    expect(await cloud().deps.cycles.latestMinutes(cycle.cycleId)).toBeUndefined();
  });

  it('lists each action with the member asked for updates, or as unassigned, and saves nothing', async () => {
    const draft = await follow(linkOf('minutes-draft-request'));
    const text = `${draft.forms[0]?.fields.text ?? ''}\nITEM 9. Other business\n\nAction 1: Tom Okafor to brief the Board on knife crime.\nAction 2: An update to be presented to the next meeting.\n`;
    const review = await submit(draft, 'Check the actions', { text });

    expect(review.title).toBe('Check the actions (2)');
    expect(review.html).toMatch(/Tom Okafor<\/td>\s*<td>Tom Okafor<\/td>/);
    expect(review.html).toContain('<strong>Unassigned</strong>: the secretariat assigns it');
    expect(await cloud().deps.cycles.latestMinutes(cycle.cycleId)).toBeUndefined();
    expect(await cloud().deps.waits.getWait(cycle.cycleId, 'minutes-draft')).toBeDefined();

    const sent = await submit(review, 'Save and send to the chair');
    expect(sent.title).toBe('Minutes sent to the chair');
    expect((await cloud().deps.cycles.latestMinutes(cycle.cycleId))?.version).toBe(1);
  });
});

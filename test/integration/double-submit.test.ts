import { makeStartCycle } from '../../functions/admin/start-cycle';
import type { Cycle } from '../../functions/shared/domain/types';
import { replyTo } from '../../local/mail/inbound';
import type { CapturedEmail } from '../../local/mail/mail-capture';
import { appLinks, follow, submit } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
let cycle: Cycle;
const SECOND_CLERK = 'clerk.two@example.org';

const emailsOf = (kind: string, to?: string): CapturedEmail[] =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === kind && (to === undefined || e.to.includes(to)));
const linkOf = (kind: string, to?: string): string => appLinks(emailsOf(kind, to).at(-1)?.text ?? '', cloud().appUrl)[0] ?? '';
const statesEntered = (name: string): number =>
  cloud()
    .sfn.describe(cycle.executionArn ?? '')
    ?.events.filter((e) => e.type === 'StateEntered' && e.state === name).length ?? 0;

beforeAll(async () => {
  const d = cloud().deps;
  await d.boards.addMembers([
    { boardId: DEMO_BOARD_ID, memberId: 'clerk-two', name: 'Sam Clerk', email: SECOND_CLERK, organisation: 'Board Secretariat', roles: ['secretariat'] },
  ]);
  ({ cycle } = await makeStartCycle(d)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' }));
  await cloud().sfn.advanceTo(new Date(cycle.timeline.agendaCall));
  await submit(await follow(linkOf('agenda-call', 'tom.okafor@example.org')), 'Propose this item', { title: 'Knife crime summit' });
  await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.itemDeadline) + 60_000));
});

describe('two secretariat members confirming the agenda at once', () => {
  it('confirms it once, tells the proposer one thing, and tells the second member what the first did', async () => {
    const [grace, sam] = await Promise.all([
      follow(linkOf('agenda-confirmation-request', 'secretariat@example.org')),
      follow(linkOf('agenda-confirmation-request', SECOND_CLERK)),
    ]);
    const summit = (await cloud().deps.cycles.listItems(cycle.cycleId)).find((i) => i.title === 'Knife crime summit');
    expect(summit).toBeDefined();

    // Grace keeps the proposal; Sam leaves it out, in the same second.
    const answers = await Promise.all([submit(grace, 'Confirm the agenda'), submit(sam, 'Confirm the agenda', { [`keep_${summit?.number}`]: null })]);
    await cloud().sfn.settle();

    const confirmed = answers.filter((a) => a.title === 'Agenda confirmed');
    const refused = answers.filter((a) => a.title !== 'Agenda confirmed');
    expect(confirmed).toHaveLength(1);
    expect(refused.map((a) => [a.status, a.title])).toEqual([[409, 'This has already been answered']]);
    expect(refused[0]?.html).toMatch(/Someone (has already answered: The agenda \(\d+ items\) was confirmed by|else is answering)/);
    const toTom = [...emailsOf('proposal-accepted', 'tom.okafor@example.org'), ...emailsOf('proposal-declined', 'tom.okafor@example.org')];
    expect(toTom).toHaveLength(1);
    expect(statesEntered('RequestPapers')).toBe(1);
    expect(await cloud().deps.waits.getWait(cycle.cycleId, 'agenda-confirmation')).toBeUndefined();
  });
});

describe('"Save and send to the chair" pressed twice quickly', () => {
  it('stores and sends one version; the second press shows what the first did', async () => {
    await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.meeting) + 60_000));
    const draft = await follow(linkOf('minutes-draft-request', 'secretariat@example.org'));
    const text = `${draft.forms[0]?.fields.text ?? ''}\nAction 1: Tom Okafor to brief the Board on knife crime.\n`;
    const review = await submit(draft, 'Check the actions', { text });

    const answers = await Promise.all([submit(review, 'Save and send to the chair'), submit(review, 'Save and send to the chair')]);
    await cloud().sfn.settle();

    expect(answers.map((a) => a.title).sort()).toEqual(['Already done', 'Minutes sent to the chair']);
    for (const a of answers) expect(a.html).toContain('Version 1 of the minutes was saved by Grace Lin and sent to the chair.');
    expect((await cloud().deps.cycles.latestMinutes(cycle.cycleId))?.version).toBe(1);
    expect(emailsOf('chair-approval-request')).toHaveLength(1);
    expect(statesEntered('ExtractActions')).toBe(1);
  });
});

describe('the chair approving by link and by reply in the same second', () => {
  it('records one approval, resumes the cycle once, and tells the other channel what was decided', async () => {
    const request = emailsOf('chair-approval-request').at(-1)!;
    const approval = await follow(appLinks(request.text, cloud().appUrl)[0] ?? '');

    const [page, reply] = await Promise.all([submit(approval, 'Approve these minutes'), replyTo(cloud().deps, { original: request, text: 'Approved' })]);
    await cloud().sfn.settle();

    const byLink = page.title === 'Minutes approved';
    const byReply = reply.status === 'accepted';
    expect([byLink, byReply].filter(Boolean)).toHaveLength(1);
    if (byLink) expect(reply).toMatchObject({ status: 'refused', reason: expect.stringMatching(/approved|answer/) });
    else expect([page.status, page.html]).toEqual([409, expect.stringMatching(/approved|answer/)]);
    const v1 = await cloud().deps.cycles.getMinutes(cycle.cycleId, 1);
    expect(v1).toMatchObject({ status: 'approved', approval: { via: byLink ? 'link' : 'reply' } });
    expect(statesEntered('PublishMinutes')).toBe(1);
    const actions = await cloud().deps.actions.listActions(DEMO_BOARD_ID, { cycleId: cycle.cycleId });
    expect(actions.map((a) => a.text)).toEqual([expect.stringContaining('brief the Board on knife crime')]);
  });
});

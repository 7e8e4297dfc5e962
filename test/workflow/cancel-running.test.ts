import { makeCancelCycle } from '../../functions/admin/cancel-cycle';
import { makeMemberLeaves } from '../../functions/admin/member-leaves';
import { makeStartCycle } from '../../functions/admin/start-cycle';
import { makePlanTimeline } from '../../functions/plan-timeline/plan-timeline';
import { makeRecordFailure } from '../../functions/record-failure/record-failure';
import type { Cycle } from '../../functions/shared/domain/types';
import { appLinks, follow } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();

const JOIN = 'https://meet.example.org/j/81234?pwd=abc';
const emails = (kind: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === kind);
const invite = (e: { attachments: { fileName: string; text?: string }[] } | undefined) => e?.attachments.find((a) => a.fileName === 'invite.ics')?.text ?? '';
/** A property's value in an iCalendar text, its folded lines joined. */
const prop = (ics: string, name: string) => new RegExp(`^${name}[:;](.*)$`, 'm').exec(ics.replace(/\r\n[ \t]/g, ''))?.[1];

let cycle: Cycle;
let actionIds: string[];

beforeAll(async () => {
  const d = cloud().deps;
  // Open actions from an earlier meeting: they belong to the board, not to the cycle being cancelled.
  const created = await d.actions.createActions(DEMO_BOARD_ID, 'earlier#minutes', [
    { cycleId: 'demo-board-2026-10-14', ownerMemberIds: ['tom-okafor'], ownersAsWritten: ['Tom Okafor'], text: 'Report on knife crime.', status: 'open' },
  ] as never);
  actionIds = created.map((a) => a.actionId);
  ({ cycle } = await makeStartCycle(d)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', joinUrl: JOIN, dialIn: '020 7946 0000\nPIN 4321#' }));
  // The agenda call has gone out with its invitation; then a member leaves, holding the event in their diary.
  await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.agendaCall) + 3_600_000));
  await makeMemberLeaves(d)({ boardId: DEMO_BOARD_ID, member: 'marcus.bell@example.org', reason: 'retired' });
});

describe('cancelling a running meeting', () => {
  it('sends the joining link in the agenda call and its invitation', () => {
    const call = emails('agenda-call')[0];
    expect(call?.text).toContain(JOIN);
    expect(call?.text).toContain('PIN 4321#');
    expect(prop(invite(call), 'URL')).toBe(JOIN);
    expect(prop(invite(call), 'DESCRIPTION')).toContain('Dial-in:\\n020 7946 0000\\nPIN 4321#');
  });

  it("stops the cycle and gives every member's calendar a METHOD:CANCEL of the same event", async () => {
    const invitations = new Map(emails('agenda-call').map((e) => [e.to[0], invite(e)]));
    expect(invitations.size).toBe(9);

    const result = await makeCancelCycle(cloud().deps)({ cycleId: cycle.cycleId, by: 'Grace Lin', reason: 'Most members are called to the public inquiry.' });
    await cloud().sfn.settle();

    expect(result.told).toBe(9);
    expect(cloud().sfn.describe(cycle.executionArn ?? '')?.status).toBe('ABORTED');
    const stored = await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, cycle.cycleId);
    expect(stored).toMatchObject({ status: 'cancelled', cancellation: { by: 'Grace Lin', reason: 'Most members are called to the public inquiry.' } });
    const cancellations = emails('meeting-cancelled');
    // Every one invited, the member who has left since included; each once.
    expect(cancellations.map((e) => e.to[0]).sort()).toEqual([...invitations.keys()].sort());
    for (const email of cancellations) {
      const ics = invite(email);
      const invited = invitations.get(email.to[0]) ?? '';
      expect(prop(ics, 'METHOD')).toBe('CANCEL');
      expect(prop(ics, 'STATUS')).toBe('CANCELLED');
      expect(prop(ics, 'UID')).toBe(prop(invited, 'UID'));
      expect(Number(prop(ics, 'SEQUENCE'))).toBeGreaterThan(Number(prop(invited, 'SEQUENCE')));
      // The inline calendar part (what Outlook acts on) announces the same method as its body.
      expect(email.raw).toMatch(/^Content-Type: text\/calendar; charset=utf-8; method=CANCEL/m);
      expect(email.text).toContain('Most members are called to the public inquiry.');
      expect(email.text).toContain(JOIN);
      expect(email.html).toContain('Most members are called to the public inquiry.');
    }
  });

  it('answers a second cancel clearly and sends nothing twice', async () => {
    const before = cloud().mail.emails().length;
    const again = await makeCancelCycle(cloud().deps)({ cycleId: cycle.cycleId, by: 'Someone else', reason: 'Again' });
    expect(again).toMatchObject({ alreadyCancelled: true, told: 0, cycle: { cancellation: { by: 'Grace Lin' } } });
    expect(cloud().mail.emails()).toHaveLength(before);
  });

  it('keeps the open actions with the board', async () => {
    const open = await cloud().deps.actions.listActions(DEMO_BOARD_ID, { status: 'open' });
    expect(open.map((a) => a.actionId)).toEqual(expect.arrayContaining(actionIds));
  });

  it('turns the links of the cancelled meeting into a page that says so', async () => {
    const link = appLinks(emails('agenda-call')[0]?.text ?? '', cloud().appUrl)[0] ?? '';
    const page = await follow(link);
    expect(page.status).toBe(410);
    expect(page.html).toContain('This meeting was cancelled');
  });

  it('keeps a cycle cancelled when a task that was in flight finishes after the cancel', async () => {
    const d = cloud().deps;
    const { cycle: racing } = await makeStartCycle(d)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-03-17' });
    await makeCancelCycle(d)({ cycleId: racing.cycleId, by: 'Grace Lin', reason: 'Started by mistake.' });
    await cloud().sfn.settle();
    // The first task and the failure report, as a Lambda still running when the execution stopped ends them.
    const ref = { boardId: DEMO_BOARD_ID, cycleId: racing.cycleId };
    await makePlanTimeline(d)(ref);
    await makeRecordFailure(d)({ ...ref, error: { Error: 'States.Timeout', Cause: 'stopped' } });

    expect((await d.cycles.getCycle(DEMO_BOARD_ID, racing.cycleId))?.status).toBe('cancelled');
    expect(cloud().sfn.describe(racing.executionArn ?? '')?.status).toBe('ABORTED');
    expect(emails('cycle-failed')).toHaveLength(0);
  });
});

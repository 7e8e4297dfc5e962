import { makeAddLateItem } from '../../../functions/admin/late-items';
import { decideLateItem, lateItemDecisionForm } from '../../../functions/http/links/decide-late-item/core';
import { makeSendSupplementaryCirculation } from '../../../functions/send-supplementary-circulation/send-supplementary-circulation';
import { ValidationError } from '../../../functions/shared/domain/errors';
import { lateItemState, urgentItemMinutes } from '../../../functions/shared/domain/late-items';
import { draftMinutes } from '../../../functions/shared/domain/minutes';
import type { Cycle } from '../../../functions/shared/domain/types';
import { item } from '../../support/builders';
import type { FakeDeps } from '../../support/fakes';
import { context, people, recipients, refusal, scenario } from './scenario';

/** Cycle "c" once its papers went out: the pack exists, and the agenda holds three items. */
const CIRCULATED: Partial<Cycle> = {
  phase: 'WaitForSupplementaryCirculation',
  packs: {
    members: { s3Key: 'packs/c/members.pdf', pages: 3, size: 1000 },
    public: { s3Key: 'packs/c/public.pdf', pages: 3, size: 1000 },
    builtAt: '2027-03-02T09:00:00.000Z',
    papers: [],
  },
};
const REASON = 'The storm damaged the roof; the repair contract must be let before the next meeting.';

async function circulated(now = '2027-03-03T10:00:00.000Z') {
  const s = await scenario({ cycle: CIRCULATED, now });
  await s.d.cycles.putItems('c', [item(1, 'Apologies'), item(2, 'Minutes of the last meeting'), item(3, 'Budget')]);
  return s;
}

const add = (d: FakeDeps, title = 'Roof repairs') =>
  makeAddLateItem(d, { kind: 'secretariat', name: 'Sam Secretary', email: people.secretariat.email })({
    cycleId: 'c',
    title,
    reason: REASON,
    presenter: 'ann',
  });

const decide = async (d: FakeDeps, decision: 'approve' | 'refuse', reason = REASON) => {
  const cycle = await context(d);
  const lateItemId = cycle.cycle.lateItems?.[0]?.lateItemId ?? '';
  return decideLateItem(d, { cycle, lateItemId, chair: people.chair, form: lateItemDecisionForm.parse({ decision, reason }) });
};

describe('adding a late item', () => {
  it('stores it for the chair and emails the chair a link, once however often it is added', async () => {
    const { d } = await circulated();
    const first = await add(d);
    const again = await add(d, '  roof   REPAIRS ');

    expect(first.added).toBe(true);
    expect(again.added).toBe(false);
    const cycle = await d.cycles.getCycle('b', 'c');
    expect(cycle?.lateItems).toEqual([expect.objectContaining({ title: 'Roof repairs', reason: REASON, presenterMemberId: 'ann', addedBy: 'Sam Secretary' })]);
    const asked = d.mailer.sent.filter((e) => e.kind === 'late-item-request');
    expect(recipients(asked)).toEqual([people.chair.email]);
    expect(asked[0]?.text).toContain('s.100B(4)(b)');
    expect((await d.audit.list('b')).map((e) => e.what.type)).toContain('late-item-added');
  });

  it('refuses one before circulation and one after the meeting started, storing and sending nothing', async () => {
    const before = await scenario({ now: '2027-02-01T10:00:00.000Z' });
    await expect(add(before.d)).rejects.toThrow('The papers have not gone out yet');
    const after = await circulated('2027-03-10T15:31:00.000Z');
    await expect(add(after.d)).rejects.toThrow(/meeting started on Wednesday 10 March 2027, 15:30: a late item can no longer be added/);
    for (const { d } of [before, after]) {
      expect((await d.cycles.getCycle('b', 'c'))?.lateItems).toBeUndefined();
      expect(d.mailer.sent).toEqual([]);
    }
  });

  it('refuses a reason too short to say anything, and a presenter who is not on the board', async () => {
    const { d } = await circulated();
    await expect(makeAddLateItem(d)({ cycleId: 'c', title: 'Roof', reason: 'urgent' })).rejects.toThrow(ValidationError);
    await expect(makeAddLateItem(d)({ cycleId: 'c', title: 'Roof', reason: REASON, presenter: 'nobody@example.org' })).rejects.toThrow('not a member');
    expect((await d.cycles.getCycle('b', 'c'))?.lateItems).toBeUndefined();
  });
});

describe("the chair's decision", () => {
  it('asks for the special circumstances when approving', () => {
    expect(refusal(lateItemDecisionForm, { decision: 'approve', reason: '' }, 'decision').message).toContain('special circumstances');
    expect(lateItemDecisionForm.parse({ decision: 'refuse' })).toEqual({ decision: 'refuse', reason: '' });
  });

  it('puts an approved item on the agenda with its reason, tells the secretariat and presenter, and takes one decision only', async () => {
    const { d } = await circulated();
    await add(d);
    const first = await decide(d, 'approve');
    const second = await decide(d, 'refuse', 'Changed my mind.');

    expect(first).toMatchObject({ decidedNow: true, item: { decision: { decision: 'approved', itemNumber: 4, reason: REASON } } });
    expect(second.decidedNow).toBe(false);
    expect(second.item.decision?.decision).toBe('approved');
    const agenda = await d.cycles.listItems('c');
    expect(agenda.map((i) => i.number)).toEqual([1, 2, 3, 4]);
    expect(agenda[3]).toMatchObject({ title: 'Roof repairs', urgency: { reason: REASON, chair: people.chair.name } });
    expect(agenda[3]?.notes?.[0]).toContain(`by reason of these special circumstances: ${REASON}`);
    const told = d.mailer.sent.filter((e) => e.kind === 'late-item-decision');
    expect(recipients(told).sort()).toEqual([people.ann.email, people.secretariat.email].sort());
    // Before the supplementary circulation's day: it goes out with it, not now.
    expect(first.circulates).toBe('on Monday 8 March 2027, 09:00');
    expect(d.mailer.sent.filter((e) => e.kind === 'circulation')).toEqual([]);
  });

  it('goes out on the supplementary agenda with the chair’s reason, rebuilding the pack, and only once', async () => {
    const { d, ref } = await circulated();
    await add(d);
    await decide(d, 'approve');
    d.clock.set('2027-03-08T09:00:00.000Z');
    const send = makeSendSupplementaryCirculation(d);
    expect(await send(ref)).toEqual({ items: 1, sent: 4 });
    expect(await send(ref)).toEqual({ items: 0, sent: 0 });

    const supplementary = d.mailer.sent.filter((e) => e.kind === 'circulation');
    expect(supplementary).toHaveLength(4);
    expect(supplementary[0]?.subject).toMatch(/^Supplementary papers/);
    expect(supplementary[0]?.text).toContain('4. Roof repairs');
    expect(supplementary[0]?.text).toContain(`special circumstances: ${REASON}`);
    expect(supplementary[0]?.text).toContain('Item 4 was added to the agenda after it went out');
    expect((await d.cycles.getCycle('b', 'c'))?.packs?.builtAt).not.toBe(CIRCULATED.packs?.builtAt);
  });

  it('sends an item approved after the supplementary circulation at once, and the later run leaves it alone', async () => {
    const { d, ref } = await circulated('2027-03-09T09:00:00.000Z');
    await add(d);
    const done = await decide(d, 'approve');
    expect(done.circulates).toBe('now');
    expect(d.mailer.sent.filter((e) => e.kind === 'circulation')).toHaveLength(4);
    expect(await makeSendSupplementaryCirculation(d)(ref)).toEqual({ items: 0, sent: 0 });
    expect(d.mailer.sent.filter((e) => e.kind === 'circulation')).toHaveLength(4);
  });

  it('keeps a refused item off the agenda and tells the secretariat why', async () => {
    const { d } = await circulated();
    await add(d);
    await decide(d, 'refuse', 'It can wait for June.');
    expect((await d.cycles.listItems('c')).map((i) => i.number)).toEqual([1, 2, 3]);
    const told = d.mailer.sent.filter((e) => e.kind === 'late-item-decision');
    expect(told[0]?.subject).toMatch(/^Refused as urgent business/);
    expect(told[0]?.text).toContain('It can wait for June.');
  });

  it('is not taken when the meeting starts before the chair decides', async () => {
    const { d } = await circulated();
    await add(d);
    d.clock.set('2027-03-10T15:30:00.000Z');
    const late = (await d.cycles.getCycle('b', 'c'))?.lateItems?.[0];
    expect(lateItemState(late!, '2027-03-10T15:30:00.000Z', d.clock.now())).toBe('not-taken');
    const done = await decide(d, 'approve');
    expect(done.decidedNow).toBe(false);
    expect((await d.cycles.listItems('c')).map((i) => i.number)).toEqual([1, 2, 3]);
  });
});

describe('the minutes draft', () => {
  it("writes the chair's opinion and the special circumstances under an urgent item, and nothing under others", () => {
    const urgent = item(4, 'Roof repairs', { urgency: { lateItemId: 'l', reason: REASON, chair: 'Cara Chair', agreedAt: '2027-03-03T10:00:00.000Z' } });
    expect(urgentItemMinutes(item(3, 'Budget'))).toEqual([]);
    const text = draftMinutes({
      boardName: 'Riverside',
      meetingWhen: 'Wednesday 10 March 2027',
      venue: 'Room 1',
      members: [],
      apologies: [],
      items: [item(3, 'Budget'), urgent],
      mattersArising: { openLines: [], closedLines: [] },
      presenterName: () => undefined,
    });
    expect(text).toContain(
      `ITEM 4. Roof repairs\n\nThe Chair was of the opinion that this item should be considered at the meeting as a matter of urgency by reason of special circumstances (Local Government Act 1972, s.100B(4)(b)), namely: ${REASON}`,
    );
    expect(text.split('matter of urgency')).toHaveLength(2);
  });
});

import { cycleOfOutboxKey, outboxKeys } from '../../functions/shared/table/outbox-keys';
import { checkedPaperKey, paperUploadKey } from '../../functions/shared/table/object-keys';

const CYCLE = 'riverside-2027-03-10';

/**
 * Every builder, with the cycle it names (undefined for a board-level email): a builder added to
 * outboxKeys without a line here fails to compile, so its cycle is decided on purpose.
 */
const CASES: { [K in keyof typeof outboxKeys]: [key: string, cycle: string | undefined][] } = {
  agendaCall: [[outboxKeys.agendaCall(CYCLE, 'm1'), CYCLE]],
  agendaConfirmation: [[outboxKeys.agendaConfirmation(CYCLE, 'm1'), CYCLE]],
  paperAsk: [
    [outboxKeys.paperAsk('paper-request', CYCLE, 3), CYCLE],
    [outboxKeys.paperAsk('paper-reminder', CYCLE, 3), CYCLE],
  ],
  papersNotReceived: [[outboxKeys.papersNotReceived(CYCLE, 'm1'), CYCLE]],
  circulation: [[outboxKeys.circulation(CYCLE), CYCLE]],
  supplementary: [[outboxKeys.supplementary(CYCLE, '2027-03-05T09:00:00.000Z'), CYCLE]],
  circulationTo: [
    [outboxKeys.circulationTo(outboxKeys.circulation(CYCLE), 'm1'), CYCLE],
    [outboxKeys.circulationTo(outboxKeys.supplementary(CYCLE, '2027-03-05T09:00:00.000Z'), 'm1'), CYCLE],
  ],
  meetingMoved: [[outboxKeys.meetingMoved(CYCLE, 2, 'm1'), CYCLE]],
  minutesDraft: [[outboxKeys.minutesDraft(CYCLE, 0, 'm1'), CYCLE]],
  chairApproval: [[outboxKeys.chairApproval(CYCLE, 2), CYCLE]],
  chase: [[outboxKeys.chase(CYCLE, 'chair-approval', 1, 'm1'), CYCLE]],
  escalation: [[outboxKeys.escalation(CYCLE, 'minutes-draft', 3, 'm1'), CYCLE]],
  minutesPublished: [[outboxKeys.minutesPublished(CYCLE, 'm1'), CYCLE]],
  publicMinutesWithheld: [[outboxKeys.publicMinutesWithheld(CYCLE, 2, 'm1'), CYCLE]],
  actionUpdate: [[outboxKeys.actionUpdate('a1', 'm1'), undefined]],
  actionAssigned: [[outboxKeys.actionAssigned('a1', 3, 'm1'), undefined]],
  actionReminder: [[outboxKeys.actionReminder('riverside', '2027-04-01', 'm1'), undefined]],
  actionDigest: [[outboxKeys.actionDigest('riverside', '2027-04-05', 'm1'), undefined]],
  memberLeft: [[outboxKeys.memberLeft('riverside', 'm2', 'm1'), undefined]],
  nextMeetingConfirmation: [[outboxKeys.nextMeetingConfirmation(CYCLE, 'm1'), CYCLE]],
  cycleFailed: [
    [outboxKeys.cycleFailed(CYCLE, 'm1'), CYCLE],
    [outboxKeys.cycleFailed(CYCLE, 'm1', 2), CYCLE],
  ],
  cycleResumed: [[outboxKeys.cycleResumed(CYCLE, 1, 'm1'), CYCLE]],
  cycleClosed: [[outboxKeys.cycleClosed(CYCLE, 'm1'), CYCLE]],
  inboundReply: [[outboxKeys.inboundReply('0100018e-abc@email.amazonses.com'), undefined]],
  proposal: [[outboxKeys.proposal(CYCLE, 'p1'), CYCLE]],
  quorumWarning: [[outboxKeys.quorumWarning(CYCLE, 'm1'), CYCLE]],
  proposalAccepted: [[outboxKeys.proposalAccepted(CYCLE, 4, 'm1'), CYCLE]],
  proposalDeclined: [[outboxKeys.proposalDeclined(CYCLE, 4, 'm1'), CYCLE]],
  paperReceipt: [
    [outboxKeys.paperReceipt(paperUploadKey(CYCLE, 3, 'paper-abc')), CYCLE],
    [outboxKeys.paperReceipt(checkedPaperKey(CYCLE, 3, 'paper-abc', 'f'.repeat(64), 'pdf')), CYCLE],
  ],
  actionAsk: [
    [outboxKeys.actionAsk('action-due-proposed', 'a1', 'ch1', 'm1'), undefined],
    [outboxKeys.actionAsk('action-delegation-proposed', 'a1', 'ch1', 'm1'), undefined],
  ],
  actionHandedOver: [[outboxKeys.actionHandedOver('a1', 'm1', 'ch1'), undefined]],
  actionDueDecision: [[outboxKeys.actionDueDecision('a1', 'ch1'), undefined]],
  actionDelegationDecision: [[outboxKeys.actionDelegationDecision('a1', 'ch1'), undefined]],
  actionFreshLink: [[outboxKeys.actionFreshLink('e'.repeat(64), '2027-04-01'), undefined]],
  addressUndeliverable: [[outboxKeys.addressUndeliverable('riverside', 'm1', 'Tom@Example.org', 'suppressed', 'm2'), undefined]],
  lateItemRequest: [[outboxKeys.lateItemRequest(CYCLE, 'l1', 'm1'), CYCLE]],
  lateItemDecision: [[outboxKeys.lateItemDecision(CYCLE, 'l1', 'm1'), CYCLE]],
  deputyPapers: [[outboxKeys.deputyPapers(CYCLE, 'm1', 'seal', 'circulation'), CYCLE]],
  meetingCancelled: [
    [outboxKeys.meetingCancelled(CYCLE, 'm1'), CYCLE],
    [outboxKeys.meetingCancelled(CYCLE, 'to:left@example.org'), CYCLE],
  ],
  viceChairApproval: [[outboxKeys.viceChairApproval(CYCLE, 2, 'm1'), CYCLE]],
};

describe('cycleOfOutboxKey', () => {
  it.each(Object.entries(CASES).flatMap(([builder, cases]) => cases.map(([key, cycle]) => [builder, key, cycle] as const)))(
    '%s: %s belongs to %s',
    (_builder, key, cycle) => {
      expect(cycleOfOutboxKey(key)).toBe(cycle);
    },
  );

  it('covers every builder', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(outboxKeys).sort());
  });

  it('names no cycle for keys no builder makes', () => {
    for (const key of ['', 'agenda-call', 'agenda-call#', 'unknown#c#m', 'paper-receipt#elsewhere/c/x', 'paper-receipt#papers/', 'k1']) {
      expect(cycleOfOutboxKey(key)).toBeUndefined();
    }
  });
});

import { cancellationRecipients, cancelledLinkRefusal, recipientKey, runningCancelRefusal } from '../../functions/shared/domain/cancellation';
import { member } from '../support/builders';

const ann = member('ann', 'Ann Able', 'Health');
const bob = member('bob', 'Bob Baker', 'Police');
const sent = (kind: string, to: string, memberId?: string, status = 'sent') => ({
  status,
  message: { kind, to: [to], ...(memberId ? { recipient: { memberId } } : {}) },
});

describe('who is told a meeting is cancelled', () => {
  it('is every member, and each other address an invitation went to, once', () => {
    const recipients = cancellationRecipients(
      [ann, bob],
      [
        sent('agenda-call', 'ann@example.org', 'ann'),
        sent('agenda-call', 'left@example.org', 'gone'),
        sent('circulation', 'LEFT@example.org', 'gone'),
        sent('meeting-moved', 'Bob@Example.org'),
        // Not an invitation, or never sent: nobody holds the event from these.
        sent('paper-request', 'presenter@example.org'),
        sent('circulation', 'claimed@example.org', undefined, 'claimed'),
      ],
    );
    expect(recipients.map((r) => [r.email, recipientKey(r)])).toEqual([
      ['ann@example.org', 'ann'],
      ['bob@example.org', 'bob'],
      ['left@example.org', 'to:left@example.org'],
    ]);
  });

  it("adds a deputy who had the meeting's papers, by name, with no diary entry to clear unless an invitation went to them too", () => {
    const deputies = [{ name: 'Pat Lee', email: 'pat@example.org' }];
    const recipients = cancellationRecipients([ann], [sent('deputy-papers', 'pat@example.org'), sent('deputy-papers', 'jo@example.org')], deputies);
    expect(recipients.map((r) => [r.name, recipientKey(r), r.invited])).toEqual([
      ['Ann Able', 'ann', true],
      ['Pat Lee', 'to:pat@example.org', false],
      ['jo@example.org', 'to:jo@example.org', false],
    ]);
    const alsoInvited = cancellationRecipients([], [sent('deputy-papers', 'pat@example.org'), sent('meeting-moved', 'PAT@example.org')]);
    expect(alsoInvited).toEqual([{ name: 'pat@example.org', email: 'pat@example.org', invited: true }]);
  });
});

describe('a cancelled meeting', () => {
  const cancelled = { status: 'cancelled' as const, cancellation: { by: 'Grace', reason: 'Not quorate.', at: '2027-01-04T09:00:00Z' } };
  it("turns its meeting links off, not the board's action links", () => {
    expect(cancelledLinkRefusal(cancelled, 'send-apologies', (iso) => iso)).toBe(
      'This meeting was cancelled on 2027-01-04T09:00:00Z: Not quorate. Nothing more is needed.',
    );
    expect(cancelledLinkRefusal(cancelled, 'update-action', (iso) => iso)).toBeUndefined();
    expect(cancelledLinkRefusal({ status: 'running' }, 'send-apologies', (iso) => iso)).toBeUndefined();
  });

  it('cannot be one that completed or whose meeting began', () => {
    const timeline = { meeting: '2027-03-10T15:30:00.000Z' } as never;
    expect(runningCancelRefusal({ cycleId: 'c', status: 'completed', timeline }, new Date('2027-01-01'), String)).toContain('has completed');
    expect(runningCancelRefusal({ cycleId: 'c', status: 'running', timeline }, new Date('2027-03-10T15:30:00Z'), String)).toContain('cannot be cancelled');
    expect(runningCancelRefusal({ cycleId: 'c', status: 'running', timeline }, new Date('2027-03-10T15:29:00Z'), String)).toBeUndefined();
  });
});

import type { EmailMessage } from '../../functions/shared/ports';
import { outboxKeys } from '../../functions/shared/table/outbox-keys';
import { fakeDeps } from '../support/fakes';

const message = (to: string, subject: string): Omit<EmailMessage, 'messageId'> => ({
  to: [{ name: to, email: `${to}@example.org` }],
  subject,
  html: '<p>x</p>',
  text: 'x',
  kind: 'agenda-call',
});

describe("a cycle's emails in the outbox", () => {
  it('records what each email was with its claim and lists the emails of one cycle, oldest first', async () => {
    const d = fakeDeps({ now: '2027-01-04T09:00:00.000Z' });
    await d.sendOnce(outboxKeys.agendaCall('c', 'ann'), message('ann', 'Agenda call'));
    d.clock.set('2027-01-04T09:00:01.000Z');
    await d.sendOnce(outboxKeys.agendaCall('other', 'ann'), message('ann', 'Another cycle'));
    await d.sendOnce(outboxKeys.actionReminder('b', '2027-01-04', 'ann'), message('ann', 'Board-level'));
    await d.sendOnce(outboxKeys.agendaCall('c', 'bob'), message('bob', 'Agenda call'));

    const listed = await d.outbox.listForCycle('c');

    expect(listed.map((e) => [e.key, e.status, e.message?.to])).toEqual([
      [outboxKeys.agendaCall('c', 'ann'), 'sent', ['ann@example.org']],
      [outboxKeys.agendaCall('c', 'bob'), 'sent', ['bob@example.org']],
    ]);
    expect(listed[0]).toMatchObject({ claimedAt: '2027-01-04T09:00:00.000Z', messageId: 'ses-1', message: { kind: 'agenda-call', subject: 'Agenda call' } });
  });

  it('lists a claim not sent as claimed, and not a claim released after a failed send', async () => {
    const d = fakeDeps({ now: '2027-01-04T09:00:00.000Z' });
    await d.outbox.claim(outboxKeys.agendaCall('c', 'ann'), '2027-01-04T08:59:00.000Z', undefined, undefined, {
      kind: 'agenda-call',
      to: ['ann@example.org'],
      subject: 'Agenda call',
    });
    d.mailer.failNext = 1;
    await expect(d.sendOnce(outboxKeys.agendaCall('c', 'bob'), message('bob', 'Agenda call'))).rejects.toThrow('SES is down');

    expect((await d.outbox.listForCycle('c')).map((e) => [e.key, e.status])).toEqual([[outboxKeys.agendaCall('c', 'ann'), 'claimed']]);
  });
});

import { updateMember, memberFingerprint } from '../../../functions/admin/members';
import { TRANSIENT_BOUNCE_LIMIT, makeHandleMailEvent, type MailEventsOptions } from '../../../functions/mail-events/mail-events';
import { sesMailEvent, toMailEvent } from '../../../functions/mail-events/schema';
import { parseOrThrow } from '../../../functions/shared/domain/validate';
import { messageTo } from '../../../functions/shared/services/notify';
import type { FakeDeps } from '../../support/fakes';
import { people, scenario } from './scenario';

const rendered = (subject: string) => ({ subject, html: `<p>${subject}</p>`, text: subject });

/** Sends `subject` to Ann through send-once, as every core does; returns SES's (the fake's) id. */
async function sendToAnn(d: FakeDeps, key: string, subject = 'Papers for Wednesday 10 March'): Promise<string | undefined> {
  const ann = (await d.boards.getMember('b', 'ann'))!;
  return (await d.sendOnce(key, messageTo(ann, 'circulation', rendered(subject)))).messageId;
}

type Kind = 'Permanent' | 'Transient' | 'complaint' | 'delay';

/** An SES event as EventBridge delivers it, for `messageId`. */
function sesEvent(id: string, messageId: string, kind: Kind, address = 'ann@example.org'): unknown {
  const mail = { timestamp: '2027-01-04T09:00:00.000Z', messageId, destination: [address], tags: { 'ses:configuration-set': ['meeting-cycle'] } };
  const base = { version: '0', id, source: 'aws.ses', account: '123456789012', time: '2027-01-04T09:05:00Z', region: 'eu-west-2', resources: [] };
  if (kind === 'complaint') {
    return {
      ...base,
      'detail-type': 'Email Complaint Received',
      detail: {
        eventType: 'Complaint',
        mail,
        complaint: { complainedRecipients: [{ emailAddress: address }], timestamp: '2027-01-04T09:05:00.000Z', complaintFeedbackType: 'abuse' },
      },
    };
  }
  if (kind === 'delay') {
    return {
      ...base,
      'detail-type': 'Email Delivery Delayed',
      detail: {
        eventType: 'DeliveryDelay',
        mail,
        deliveryDelay: { delayType: 'MailboxFull', delayedRecipients: [{ emailAddress: address, status: '4.2.2' }], timestamp: '2027-01-04T09:05:00.000Z' },
      },
    };
  }
  const bounce = {
    bounceType: kind,
    bounceSubType: kind === 'Permanent' ? 'General' : 'MailboxFull',
    bouncedRecipients: [{ emailAddress: address, diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
    timestamp: '2027-01-04T09:05:00.000Z',
  };
  return { ...base, 'detail-type': 'Email Bounced', detail: { eventType: 'Bounce', mail, bounce } };
}

const handle = (d: FakeDeps, event: unknown, opts: MailEventsOptions = { fallbackTo: ['admin@example.org'] }) =>
  makeHandleMailEvent(d, opts)(toMailEvent(parseOrThrow(sesMailEvent, event, 'SES event')));

const toldAbout = (d: FakeDeps) => d.emails('address-undeliverable');

describe('mail events (bounces and complaints)', () => {
  it('suppresses an address that bounces permanently, records it on the email and tells the secretariat', async () => {
    const { d } = await scenario();
    const id = await sendToAnn(d, 'circulation#c#ann');

    const outcome = await handle(d, sesEvent('ev-1', id!, 'Permanent'));

    expect(outcome).toEqual({ outcome: 'member-marked', key: 'circulation#c#ann', state: 'suppressed', told: [people.secretariat.email] });
    expect((await d.boards.getMember('b', 'ann'))?.mailStatus).toMatchObject({
      state: 'suppressed',
      reason: expect.stringContaining('550 5.1.1 user unknown'),
    });
    expect((await d.outbox.get('circulation#c#ann'))?.delivery).toMatchObject({
      state: 'bounced',
      reason: expect.stringContaining('permanent bounce (General)'),
    });
    const [told] = toldAbout(d);
    expect(told?.to).toEqual([{ name: people.secretariat.name, email: people.secretariat.email }]);
    expect(told?.subject).toContain('Ann Able bounced permanently');
    expect(told?.text).toContain('Papers for Wednesday 10 March');
  });

  it('sends nothing more to a suppressed address: the outbox records the email as suppressed, not sent', async () => {
    const { d } = await scenario();
    await handle(d, sesEvent('ev-1', (await sendToAnn(d, 'circulation#c#ann'))!, 'Permanent'));
    const sentBefore = d.mailer.sent.length;

    const later = await sendToAnn(d, 'minutes-published#c#ann', 'Approved minutes');
    const again = await sendToAnn(d, 'minutes-published#c#ann', 'Approved minutes');

    expect(later).toBeUndefined();
    expect(again).toBeUndefined();
    expect(d.mailer.sent.length).toBe(sentBefore);
    expect(await d.outbox.get('minutes-published#c#ann')).toMatchObject({ status: 'suppressed', withheld: expect.stringContaining('address suppressed') });
    expect((await d.outbox.listForCycle('c')).map((e) => [e.key, e.status])).toEqual([
      ['circulation#c#ann', 'sent'],
      ['minutes-published#c#ann', 'suppressed'],
    ]);
  });

  it(`marks transient bounces as bouncing, and suppresses the address at the ${TRANSIENT_BOUNCE_LIMIT}rd`, async () => {
    const { d } = await scenario();
    const states: string[] = [];
    for (let n = 1; n <= TRANSIENT_BOUNCE_LIMIT; n++) {
      const id = await sendToAnn(d, `chase#c#agenda#${n}#ann`);
      const outcome = await handle(d, sesEvent(`ev-${n}`, id!, 'Transient'));
      states.push(outcome.outcome === 'member-marked' ? outcome.state : outcome.outcome);
    }

    expect(states).toEqual(['bouncing', 'bouncing', 'suppressed']);
    expect((await d.boards.getMember('b', 'ann'))?.mailStatus).toMatchObject({ state: 'suppressed', transientBounces: 3 });
    // Once when the address started bouncing, once when it was suppressed.
    expect(toldAbout(d).map((e) => e.subject)).toEqual([expect.stringContaining('bounced for now'), expect.stringContaining('bounced 3 times')]);
    expect(await sendToAnn(d, 'minutes-published#c#ann')).toBeUndefined();
  });

  it('stops sending to an address whose owner complained, and tells the secretariat', async () => {
    const { d } = await scenario();
    const outcome = await handle(d, sesEvent('ev-1', (await sendToAnn(d, 'circulation#c#ann'))!, 'complaint'));

    expect(outcome).toMatchObject({ outcome: 'member-marked', state: 'complained' });
    expect((await d.outbox.get('circulation#c#ann'))?.delivery?.state).toBe('complaint');
    expect(toldAbout(d)[0]?.subject).toContain('was marked as spam');
    expect(await sendToAnn(d, 'minutes-published#c#ann')).toBeUndefined();
    expect((await d.outbox.get('minutes-published#c#ann'))?.withheld).toContain('address complained');
  });

  it('notes a delivery delay on the email and changes nothing else; a later bounce replaces the note, not the reverse', async () => {
    const { d } = await scenario();
    const id = (await sendToAnn(d, 'circulation#c#ann'))!;

    expect(await handle(d, sesEvent('ev-1', id, 'delay'))).toEqual({ outcome: 'delay-noted', key: 'circulation#c#ann' });
    expect((await d.outbox.get('circulation#c#ann'))?.delivery).toMatchObject({ state: 'delayed', reason: 'delivery delayed (MailboxFull): 4.2.2' });
    expect((await d.boards.getMember('b', 'ann'))?.mailStatus).toBeUndefined();
    expect(toldAbout(d)).toEqual([]);

    await handle(d, sesEvent('ev-2', id, 'Permanent'));
    await handle(d, sesEvent('ev-3', id, 'delay'));
    expect((await d.outbox.get('circulation#c#ann'))?.delivery?.state).toBe('bounced');
  });

  it('changes nothing more and emails the secretariat once when the same event is delivered twice', async () => {
    const { d } = await scenario();
    const event = sesEvent('ev-1', (await sendToAnn(d, 'circulation#c#ann'))!, 'Transient');

    await handle(d, event);
    const status = (await d.boards.getMember('b', 'ann'))?.mailStatus;
    await handle(d, event);

    expect((await d.boards.getMember('b', 'ann'))?.mailStatus).toEqual(status);
    expect(status?.transientBounces).toBe(1);
    expect(toldAbout(d)).toHaveLength(1);
  });

  it('ignores an event about an email it did not send', async () => {
    const { d } = await scenario();
    await sendToAnn(d, 'circulation#c#ann');

    expect(await handle(d, sesEvent('ev-1', 'not-ours', 'Permanent'))).toEqual({ outcome: 'unknown-message' });
    expect((await d.boards.getMember('b', 'ann'))?.mailStatus).toBeUndefined();
    expect(toldAbout(d)).toEqual([]);
  });

  it('leaves a member alone whose address changed since the email bounced', async () => {
    const { d } = await scenario();
    const id = (await sendToAnn(d, 'circulation#c#ann'))!;
    const ann = (await d.boards.getMember('b', 'ann'))!;
    await d.boards.updateMember({ ...ann, email: 'ann.able@example.org' }, ann);

    expect(await handle(d, sesEvent('ev-1', id, 'Permanent'))).toEqual({ outcome: 'address-changed', key: 'circulation#c#ann' });
    expect((await d.boards.getMember('b', 'ann'))?.mailStatus).toBeUndefined();
  });

  it('never writes through the failing address: the only secretariat member bouncing tells the console admins', async () => {
    const { d } = await scenario();
    const sam = (await d.boards.getMember('b', 'sam'))!;
    const { messageId } = await d.sendOnce('papers-not-received#c#sam', messageTo(sam, 'papers-not-received', rendered('1 paper not received')));

    const outcome = await handle(d, sesEvent('ev-1', messageId!, 'Permanent', sam.email));

    expect(outcome).toMatchObject({ state: 'suppressed', told: ['admin@example.org'] });
    expect(toldAbout(d).map((e) => e.to[0]?.email)).toEqual(['admin@example.org']);
    expect(await handle(d, sesEvent('ev-2', messageId!, 'Permanent', sam.email), { fallbackTo: [] })).toMatchObject({ told: [] });
  });

  it('clears the status when the member is given a new address, so sending starts again', async () => {
    const { d } = await scenario();
    await handle(d, sesEvent('ev-1', (await sendToAnn(d, 'circulation#c#ann'))!, 'Permanent'));
    const ann = (await d.boards.getMember('b', 'ann'))!;

    await updateMember(
      d,
      {
        boardId: 'b',
        memberId: 'ann',
        fingerprint: memberFingerprint(ann),
        fields: { name: ann.name, email: 'ann.able@example.org', organisation: ann.organisation, roles: ann.roles },
      },
      { email: 'sam@example.org', admin: false },
    );

    expect((await d.boards.getMember('b', 'ann'))?.mailStatus).toBeUndefined();
    expect(await sendToAnn(d, 'minutes-published#c#ann')).toBeDefined();
  });

  it('refuses a bounce event without its bounce object', async () => {
    const event = sesEvent('ev-1', 'm', 'Permanent') as { detail: Record<string, unknown> };
    delete event.detail.bounce;
    expect(() => toMailEvent(parseOrThrow(sesMailEvent, event, 'SES event'))).toThrow(/without its bounce object/);
  });
});

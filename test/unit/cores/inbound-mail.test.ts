import { makeHandleInboundMail, type InboundMail } from '../../../functions/inbound-mail/inbound-mail';
import { makeNotifyActionOwners } from '../../../functions/notify-action-owners/notify-action-owners';
import { makeWaitForChairApproval } from '../../../functions/wait-for-chair-approval/wait-for-chair-approval';
import type { FakeDeps } from '../../support/fakes';
import { MINUTES, people, recipients, saveMinutes, scenario } from './scenario';

const NOW = '2027-03-15T09:00:00.000Z';
const PASS = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

/** Stores a raw reply as the SES receipt rule does and returns the event the core reads. */
async function received(
  d: FakeDeps,
  o: { id: string; from: string; to: string; body: string; verdicts?: InboundMail['verdicts']; headerFrom?: string[]; extraHeaders?: string[] },
): Promise<InboundMail> {
  const raw = [
    `From: ${o.from}`,
    ...(o.extraHeaders ?? []),
    `To: ${o.to}`,
    'Subject: Re: your email',
    `Message-ID: <${o.id}@mail.example.org>`,
    'Date: Mon, 15 Mar 2027 10:00:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    o.body,
    '',
    'On Mon, 15 Mar 2027 at 09:00, Riverside Safety Board <noreply@example.org> wrote:',
    '> the original',
  ].join('\r\n');
  await d.documents.putText(`inbound/${o.id}`, raw, 'message/rfc822');
  return { messageId: o.id, s3Key: `inbound/${o.id}`, recipients: [o.to], verdicts: o.verdicts ?? PASS, ...(o.headerFrom ? { headerFrom: o.headerFrom } : {}) };
}

/** The chair has been sent version 1 for approval; its reply address is returned. */
async function chairAsked(): Promise<{ d: FakeDeps; replyTo: string }> {
  const { d, ref } = await scenario({ now: NOW });
  await saveMinutes(d, MINUTES);
  await makeWaitForChairApproval(d)({ ...ref, taskToken: 'approval-token', minutesVersion: 1 });
  return { d, replyTo: d.emails('chair-approval-request')[0]!.replyTo! };
}

describe('inbound mail', () => {
  it("approves the minutes on the chair's reply, resumes the workflow once and answers the chair", async () => {
    const { d, replyTo } = await chairAsked();
    const mail = await received(d, { id: 'm1', from: 'Cara Chair <cara@example.org>', to: replyTo, body: 'Approved' });

    expect(await makeHandleInboundMail(d)(mail)).toMatchObject({ status: 'accepted' });

    expect(await d.cycles.getMinutes('c', 1)).toMatchObject({ status: 'approved', approval: { by: 'cara', via: 'reply', messageId: 'm1@mail.example.org' } });
    expect(d.workflow.resumed).toEqual([{ taskToken: 'approval-token', output: { decision: 'approved', version: 1 } }]);
    const answers = d.emails('reply-outcome');
    expect(recipients(answers)).toEqual([people.chair.email]);
    expect(answers[0]!.subject).toBe('Reply received: the minutes of Wednesday 10 March 2027');
    expect(d.links.forUrl(replyTo)?.usedAt).toBe(NOW);
  });

  it('changes nothing more and answers once when SES delivers the same reply again', async () => {
    const { d, replyTo } = await chairAsked();
    const mail = await received(d, { id: 'm1', from: 'cara@example.org', to: replyTo, body: 'Approved' });
    const handle = makeHandleInboundMail(d);

    await handle(mail);
    await handle(mail);

    expect(d.workflow.resumed).toHaveLength(1);
    expect(d.emails('reply-outcome')).toHaveLength(1);
  });

  it.each([
    ['whose DKIM check failed', { verdicts: { ...PASS, dkim: 'FAIL' } }, 'DKIM FAIL'],
    ['with no SPF result', { verdicts: { ...PASS, spf: 'GRAY' } }, 'SPF GRAY'],
    ['that SES found to be spam', { verdicts: { ...PASS, spam: 'FAIL' } }, 'spam'],
    ['with two From headers', { extraHeaders: ['From: mallory@example.org'] }, '2 From headers'],
    ['with two mailboxes in its From header', { from: 'cara@example.org, mallory@example.org' }, 'more than one mailbox'],
    ['with a group in its From header', { from: 'Board: cara@example.org;' }, 'no sender address'],
    ['whose From header SES read otherwise', { headerFrom: ['Mallory <mallory@example.org>'] }, "SES's reading"],
    ['whose From header SES read as two mailboxes', { headerFrom: ['cara@example.org', 'mallory@example.org'] }, "SES's reading"],
  ])('ignores a reply %s, answering nobody and changing nothing', async (_what, extra, says) => {
    const { d, replyTo } = await chairAsked();
    const mail = await received(d, { id: 'm2', from: 'cara@example.org', to: replyTo, body: 'Approved', ...extra });

    expect(await makeHandleInboundMail(d)(mail)).toMatchObject({ status: 'ignored', reason: expect.stringContaining(says) });

    expect((await d.cycles.getMinutes('c', 1))?.status).toBe('submitted');
    expect(d.workflow.resumed).toEqual([]);
    expect(d.emails('reply-outcome')).toEqual([]);
    expect(d.links.forUrl(replyTo)?.usedAt).toBeUndefined();
  });

  it('accepts a reply whose one From mailbox is the one SES read', async () => {
    const { d, replyTo } = await chairAsked();
    const mail = await received(d, {
      id: 'm6',
      from: 'Cara Chair <Cara@Example.org>',
      to: replyTo,
      body: 'Approved',
      headerFrom: ['Cara Chair <Cara@Example.org>'],
    });
    expect(await makeHandleInboundMail(d)(mail)).toMatchObject({ status: 'accepted' });
  });

  it('refuses a reply from someone other than the person the address was issued to', async () => {
    const { d, replyTo } = await chairAsked();
    const mail = await received(d, { id: 'm3', from: 'ann@example.org', to: replyTo, body: 'Approved' });

    expect(await makeHandleInboundMail(d)(mail)).toMatchObject({ status: 'refused' });
    expect(recipients(d.emails('reply-outcome'))).toEqual([people.ann.email]);
    expect(d.workflow.resumed).toEqual([]);
  });

  it('ignores mail to an unknown address without answering it', async () => {
    const { d } = await chairAsked();
    const mail = await received(d, { id: 'm4', from: 'spam@example.com', to: `reply+${'a'.repeat(32)}@reply.example.org`, body: 'Buy' });

    expect(await makeHandleInboundMail(d)(mail)).toMatchObject({ status: 'ignored' });
    expect(d.emails('reply-outcome')).toEqual([]);
  });

  it("marks an action done on its owner's reply, and offers a fresh address only while it is open", async () => {
    const { d, ref } = await scenario({ now: NOW });
    const [action] = await d.actions.createActions('b', 'c#minutes', [
      { cycleId: 'c', ownerMemberIds: ['ann'], ownersAsWritten: ['Ann Able'], text: 'Circulate the plan.', status: 'open' },
    ]);
    await makeNotifyActionOwners(d)(ref);
    const replyTo = d.emails('action-update-request')[0]!.replyTo!;
    const mail = await received(d, { id: 'm5', from: 'ann@example.org', to: replyTo, body: 'Done: sent to all partners.' });

    expect(await makeHandleInboundMail(d)(mail)).toMatchObject({ status: 'accepted' });

    expect(await d.actions.getAction('b', action!.actionId)).toMatchObject({ status: 'done', version: 2 });
    expect((await d.actions.listEvents(action!.actionId)).at(-1)).toMatchObject({ by: 'ann', via: 'reply', status: 'done' });
    const answer = d.emails('reply-outcome')[0]!;
    expect(answer.subject).toBe('Reply received: action 1');
    expect(answer.replyTo).toBeUndefined();
  });
});

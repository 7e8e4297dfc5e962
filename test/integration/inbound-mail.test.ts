import { makeStartCycle } from '../../functions/admin/start-cycle';
import { makeIssueReplyAddress } from '../../functions/shared/services/issue-link';
import type { Cycle } from '../../functions/shared/domain/types';
import { composeReply, deliverInbound, LOCAL_INBOUND_DOMAIN, replyTo, verdictsOf } from '../../local/mail/inbound';
import type { CapturedEmail } from '../../local/mail/mail-capture';
import { appLinks, follow, submit } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
let cycle: Cycle;
const CHAIR = 'chair@example.org';

const emailsOf = (kind: string): CapturedEmail[] =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === kind);
const latest = (kind: string): CapturedEmail => {
  const email = emailsOf(kind).at(-1);
  if (!email) throw new Error(`No ${kind} email was sent`);
  return email;
};
const linkOf = (kind: string): string => appLinks(latest(kind).text, cloud().appUrl)[0] ?? '';
const minutes = (version: number) => cloud().deps.cycles.getMinutes(cycle.cycleId, version);

/** Writes the minutes from the draft link and sends them to the chair. */
async function sendMinutes(extra: string): Promise<void> {
  const draft = await follow(linkOf('minutes-draft-request'));
  const text = `${draft.forms[0]?.fields.text ?? ''}\nAction 1: Tom Okafor to brief the Board on knife crime.\n${extra}\n`;
  const review = await submit(draft, 'Check the actions', { text });
  expect((await submit(review, 'Save and send to the chair')).status).toBe(200);
  await cloud().sfn.settle();
}

/** The answer the handler mailed for the last reply, if any. */
const answers = () => emailsOf('reply-outcome');

/** A reply as Outlook on Windows sends it: multipart/alternative, quoted-printable Latin-1, the quoted header block. */
function outlookReply(to: string, subject: string, lines: string[]): Buffer {
  const qp = (s: string) => s.replace(/=/g, '=3D').replace(/é/g, '=E9');
  return Buffer.from(
    [
      `Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=${CHAIR}; dkim=pass header.i=@example.org; dmarc=pass header.from=example.org;`,
      'From: Alex Morgan <Chair@Example.org>',
      `To: "${LOCAL_INBOUND_DOMAIN}" <${to}>`,
      `Subject: RE: ${subject}`,
      'Thread-Topic: Approve the minutes',
      'Date: Tue, 19 Jan 2027 09:12:44 +0000',
      'Message-ID: <DB9PR01MB7354C1E1F8AB@DB9PR01MB7354.eurprd01.prod.exchangelabs.com>',
      'Accept-Language: en-GB, en-US',
      'Content-Language: en-GB',
      'X-MS-Has-Attach:',
      'Content-Type: multipart/alternative; boundary="_000_DB9PR01MB7354C1E1F8AB_"',
      'MIME-Version: 1.0',
      '',
      '--_000_DB9PR01MB7354C1E1F8AB_',
      'Content-Type: text/plain; charset="iso-8859-1"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      ...lines.map(qp),
      '',
      '________________________________',
      'From: Meeting cycle <noreply@example.org>',
      'Sent: 18 January 2027 17:00',
      `To: Alex Morgan <${CHAIR}>`,
      `Subject: ${subject}`,
      '',
      'Please approve the minutes.',
      '',
      '--_000_DB9PR01MB7354C1E1F8AB_',
      'Content-Type: text/html; charset="iso-8859-1"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      `<html><body><div>${lines.map(qp).join('<br>')}</div><hr><div id=3D"divRplyFwdMsg"><b>From:</b> Meeting cycle</div></body></html>`,
      '',
      '--_000_DB9PR01MB7354C1E1F8AB_--',
      '',
    ].join('\r\n'),
    'latin1',
  );
}

beforeAll(async () => {
  ({ cycle } = await makeStartCycle(cloud().deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' }));
  await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.itemDeadline) + 60_000));
  await submit(await follow(linkOf('agenda-confirmation-request')), 'Confirm the agenda');
  await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.meeting) + 60_000));
  await sendMinutes('');
});

describe("the chair's approval email", () => {
  it('has a one-time Reply-To address, says a reply counts, and carries the minutes as a PDF', () => {
    const email = latest('chair-approval-request');
    expect(email.replyTo).toHaveLength(1);
    expect(email.replyTo[0]).toMatch(new RegExp(`^reply\\+[a-z2-7]{32}@${LOCAL_INBOUND_DOMAIN.replace(/\./g, '\\.')}$`));
    expect(email.text).toContain('reply to this email: write “Approved” on the first line');
    expect(email.attachments).toEqual([
      expect.objectContaining({ contentType: 'application/pdf', fileName: expect.stringMatching(/minutes 2027-01-20 v1\.pdf$/) }),
    ]);
  });
});

describe('replies that must change nothing', () => {
  const unchanged = async () => {
    expect(await minutes(1)).toMatchObject({ status: 'submitted' });
    expect(await cloud().deps.waits.getWait(cycle.cycleId, 'chair-approval')).toBeDefined();
  };

  it.each([
    ['a failing DKIM signature', { dkim: 'FAIL' as const }, 'DKIM FAIL'],
    ['a failing DMARC check', { dmarc: 'FAIL' as const }, 'DMARC FAIL'],
    ['no SPF result', { spf: 'GRAY' as const }, 'SPF GRAY'],
  ])('ignores a reply with %s, answering nobody (its sender may be forged)', async (_what, verdicts, says) => {
    const before = cloud().mail.emails().length;
    const outcome = await replyTo(cloud().deps, { original: latest('chair-approval-request'), text: 'Approved', verdicts });
    expect(outcome).toMatchObject({ status: 'ignored', reason: expect.stringContaining(says) });
    expect(cloud().mail.emails()).toHaveLength(before);
    await unchanged();
  });

  it.each([
    ['a second From header', (raw: string) => `From: Mallory <mallory@example.org>\r\n${raw}`, '2 From headers'],
    ['two mailboxes in its From header', (raw: string) => raw.replace(/^From: .*$/m, `From: ${CHAIR}, mallory@example.org`), 'more than one mailbox'],
  ])('ignores a reply with %s, answering nobody', async (_what, forge, says) => {
    const before = cloud().mail.emails().length;
    const { raw, recipients } = await composeReply({ original: latest('chair-approval-request'), text: 'Approved' });
    const forged = Buffer.from(forge(raw.toString('latin1')), 'latin1');
    expect(await deliverInbound(cloud().deps, forged, recipients)).toMatchObject({ status: 'ignored', reason: expect.stringContaining(says) });
    expect(cloud().mail.emails()).toHaveLength(before);
    await unchanged();
  });

  it('refuses a reply from anyone but the chair, answering the sender', async () => {
    const outcome = await replyTo(cloud().deps, { original: latest('chair-approval-request'), text: 'Approved', from: 'tom.okafor@example.org' });
    expect(outcome.status).toBe('refused');
    expect(answers().at(-1)).toMatchObject({ to: ['tom.okafor@example.org'] });
    expect(answers().at(-1)?.text).toContain('only the person the email was sent to can answer it');
    await unchanged();
  });

  it('refuses an empty reply and a reply that only quotes', async () => {
    expect(await replyTo(cloud().deps, { original: latest('chair-approval-request'), text: '' })).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('no text above the quoted message'),
    });
    // Apple Mail on an iPhone: base64, format=flowed, the signature and the quote are all there is.
    const request = latest('chair-approval-request');
    const body = `\n\nSent from my iPhone\n\n> On 19 Jan 2027, at 17:00, Meeting cycle <noreply@example.org> wrote:\n>\n> Please approve the minutes.\n`;
    const raw = Buffer.from(
      [
        'Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=chair@example.org; dkim=pass header.i=@example.org; dmarc=pass header.from=example.org;',
        'From: Alex Morgan <chair@example.org>',
        `To: ${request.replyTo[0]}`,
        `Subject: Re: ${request.subject}`,
        'Message-Id: <B0C3E1F2-0D4A-4C55-9E0B-3F2A1C9D7E11@example.org>',
        'Date: Tue, 19 Jan 2027 09:14:02 +0000',
        'X-Mailer: iPhone Mail (21E236)',
        'Mime-Version: 1.0 (1.0)',
        'Content-Type: text/plain; charset=utf-8; format=flowed',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from(body).toString('base64').replace(/.{76}/g, '$&\r\n'),
        '',
      ].join('\r\n'),
    );
    expect(await deliverInbound(cloud().deps, raw, request.replyTo)).toMatchObject({ status: 'refused', reason: expect.stringContaining('no text above') });
    await unchanged();
  });

  it('refuses a 20 MB reply, reading no more than its headers', async () => {
    const outcome = await replyTo(cloud().deps, { original: latest('chair-approval-request'), text: 'Approved', padToBytes: 15 * 1024 * 1024 });
    expect(outcome).toMatchObject({ status: 'refused', reason: expect.stringMatching(/it is 20\.\d MB, and replies are limited to 10\.0 MB/) });
    await unchanged();
  });

  it('refuses a reply to an expired address', async () => {
    const address = await makeIssueReplyAddress(cloud().deps)({
      purpose: 'reply-minutes',
      boardId: DEMO_BOARD_ID,
      cycleId: cycle.cycleId,
      memberId: 'chair',
      subject: '1',
      expiresAt: new Date(cloud().clock.now().getTime() - 60_000),
    });
    const original = { ...latest('chair-approval-request'), replyTo: [address ?? ''] };
    expect(await replyTo(cloud().deps, { original, text: 'Approved' })).toMatchObject({ status: 'refused', reason: expect.stringContaining('expired') });
    await unchanged();
  });

  it('ignores out-of-office replies and mail to unknown addresses, answering neither', async () => {
    const before = cloud().mail.emails().length;
    const ooo = await replyTo(cloud().deps, {
      original: latest('chair-approval-request'),
      text: 'I am out of the office until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(ooo.status).toBe('ignored');
    const unknown = await replyTo(cloud().deps, {
      original: { ...latest('chair-approval-request'), replyTo: [`reply+${'a'.repeat(32)}@${LOCAL_INBOUND_DOMAIN}`] },
      text: 'Approved',
    });
    expect(unknown).toMatchObject({ status: 'ignored', reason: 'Unknown reply address.' });
    expect(cloud().mail.emails()).toHaveLength(before);
    await unchanged();
  });
});

describe('answering by reply', () => {
  it('reads an Outlook reply (quoted-printable Latin-1, quoted header block) as a change request', async () => {
    const request = latest('chair-approval-request');
    const raw = outlookReply(request.replyTo[0]!, request.subject, ['Item 2: please record that the vote was unanimous.', 'Item 3: café, not cafe.']);
    expect(verdictsOf(raw)).toEqual({ spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' });
    const outcome = await deliverInbound(cloud().deps, raw, request.replyTo);
    await cloud().sfn.settle();

    expect(outcome).toMatchObject({ status: 'accepted', reason: expect.stringContaining('asked for changes to version 1 by email reply') });
    expect(await minutes(1)).toMatchObject({
      status: 'changes-requested',
      changeRequest: {
        by: 'chair',
        via: 'reply',
        messageId: 'DB9PR01MB7354C1E1F8AB@DB9PR01MB7354.eurprd01.prod.exchangelabs.com',
        comment: 'Item 2: please record that the vote was unanimous.\nItem 3: café, not cafe.',
      },
    });
    expect(answers().at(-1)).toMatchObject({ to: [CHAIR], subject: expect.stringContaining('Reply received') });
    expect(latest('minutes-draft-request').text).toContain('Item 2: please record that the vote was unanimous.');
  });

  it('refuses the same address used twice, and a replayed delivery sends nothing', async () => {
    const request = emailsOf('chair-approval-request')[0]!;
    const before = cloud().mail.emails().length;
    const again = await replyTo(cloud().deps, { original: request, text: 'Approved' });
    expect(again).toMatchObject({ status: 'refused', reason: expect.stringContaining('already been answered') });
    expect(cloud().mail.emails()).toHaveLength(before + 1);

    const { raw, recipients } = await composeReply({ original: request, text: 'Approved' });
    await deliverInbound(cloud().deps, raw, recipients, 'replayed-message-1');
    await deliverInbound(cloud().deps, raw, recipients, 'replayed-message-1');
    expect(cloud().mail.emails()).toHaveLength(before + 2);
    expect(await minutes(1)).toMatchObject({ status: 'changes-requested' });
  });

  it('sends version 2 saying what changed; a reply to version 1 is then refused', async () => {
    await sendMinutes('Revised: the vote was unanimous.');
    const v2 = latest('chair-approval-request');
    expect(v2.subject).toContain('(version 2)');
    expect(v2.text).toContain('What changed since the last version');
    expect(v2.text).toContain('+ Revised: the vote was unanimous.');
    expect(v2.text).toContain('Item 2: please record that the vote was unanimous.');

    // Version 1's address was used; a fresh one for version 1 stands for a reply to an older email.
    const stale = await makeIssueReplyAddress(cloud().deps)({
      purpose: 'reply-minutes',
      boardId: DEMO_BOARD_ID,
      cycleId: cycle.cycleId,
      memberId: 'chair',
      subject: '1',
      expiresAt: new Date(cloud().clock.now().getTime() + 86_400_000),
    });
    const outcome = await replyTo(cloud().deps, { original: { ...v2, replyTo: [stale ?? ''] }, text: 'Approved' });
    expect(outcome).toMatchObject({ status: 'refused', reason: expect.stringContaining('A newer version (2)') });
    expect(await minutes(2)).toMatchObject({ status: 'submitted' });
  });

  it('approves on "Approved" from a Gmail-style multipart reply, recording how and the message id, and the cycle publishes', async () => {
    const v2 = latest('chair-approval-request');
    const { raw, recipients } = await composeReply({ original: v2, text: 'Approved, thanks' });
    const messageId = /^Message-ID: <([^>]+)>/im.exec(raw.toString('utf8'))?.[1];
    const outcome = await deliverInbound(cloud().deps, raw, recipients);
    await cloud().sfn.settle();

    expect(outcome).toMatchObject({ status: 'accepted', reason: expect.stringContaining('approved by Alex Morgan by email reply') });
    expect(await minutes(2)).toMatchObject({ status: 'approved', approval: { by: 'chair', via: 'reply', messageId } });
    expect(answers().at(-1)?.text).toContain('published to members');
    expect(emailsOf('minutes-published').length).toBeGreaterThan(0);
  });
});

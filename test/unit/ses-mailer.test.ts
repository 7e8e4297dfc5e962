import { InternalServiceErrorException, MessageRejected, SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';

import { buildRawMessage, SesMailer } from '../../functions/shared/adapters/ses/ses-mailer';
import { RetryableError } from '../../functions/shared/domain/errors';
import type { EmailMessage } from '../../functions/shared/ports';

const ses = mockClient(SESv2Client);

const message: EmailMessage = {
  to: [
    { name: 'Ann Other', email: 'ann@example.org' },
    { name: 'Zoë Brontë', email: 'zoe@example.org' },
  ],
  subject: 'Paper due Friday 27 February: item 3, Treasury strategy',
  html: '<p>Please upload your paper</p>',
  text: 'Please upload your paper\nhttps://app.example.org/l/abc',
  replyTo: 'approve+k1@in.example.org',
  messageId: '0123456789abcdef0123456789abcdef@meeting-cycle',
  kind: 'paper-request',
  attachments: [{ fileName: 'meeting.ics', contentType: 'text/calendar; method=PUBLISH', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }],
};

const mailer = (configurationSet?: string): SesMailer =>
  new SesMailer(new SESv2Client({}), { from: 'Finance Committee <committees@example.org>', configurationSet });

/** The raw MIME of the nth SendEmail call, unfolded so headers read on one line. */
function rawSent(n = 0): string {
  const data = ses.commandCalls(SendEmailCommand)[n]?.args[0].input.Content?.Raw?.Data;
  if (data === undefined) throw new Error('no raw message sent');
  return Buffer.from(data)
    .toString('utf8')
    .replace(/\r\n[ \t]+/g, ' ');
}

const $metadata = { httpStatusCode: 400 };

beforeEach(() => {
  ses.reset();
});

describe('SesMailer', () => {
  it('sends raw MIME with both parts, our Message-ID, Reply-To and the kind header, and returns the SES id', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0001' });

    const id = await mailer('meeting-cycle').send(message);

    expect(id).toBe('ses-0001');
    const raw = rawSent();
    expect(raw).toMatch(/^Content-Type: multipart\/mixed;/m);
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8/m);
    expect(raw).toMatch(/^Content-Type: text\/html; charset=utf-8/m);
    expect(raw.indexOf('text/plain')).toBeLessThan(raw.indexOf('text/html'));
    expect(raw).toContain('Please upload your paper');
    expect(raw).toContain('<p>Please upload your paper</p>');
    expect(raw).toMatch(/^Message-ID: <0123456789abcdef0123456789abcdef@meeting-cycle>$/m);
    expect(raw).toMatch(/^Reply-To: approve\+k1@in\.example\.org$/m);
    expect(raw).toMatch(/^X-Meeting-Cycle-Kind: paper-request$/m);
    expect(raw).toMatch(/^Auto-Submitted: auto-generated$/m);
    expect(raw).toMatch(/^From: Finance Committee <committees@example\.org>$/m);
    expect(raw).toMatch(/^To: Ann Other <ann@example\.org>, =\?UTF-8\?Q\?Zo=C3=AB_Bront=C3=AB\?= <zoe@example\.org>$/m);
    expect(raw).toMatch(/^Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/m);
    expect(raw).toMatch(/^Content-Type: application\/ics; name=meeting\.ics/m);
    expect(raw).toMatch(/^Subject: Paper due Friday 27 February: item 3, Treasury strategy$/m);
  });

  it('sends a calendar invitation inline, as Outlook needs for Accept and Decline, and as a file', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
    const raw = (
      await buildRawMessage('Secretariat <s@example.org>', {
        ...message,
        attachments: [{ fileName: 'invite.ics', contentType: 'text/calendar; method=REQUEST; charset=UTF-8', content: ics }],
      })
    ).toString('utf8');
    const alternative = raw.split(/Content-Type: multipart\/alternative/)[1] ?? '';
    expect(alternative).toContain('Content-Type: text/calendar; charset=utf-8; method=REQUEST');
    expect(raw).toContain('Content-Disposition: attachment; filename=invite.ics');
  });

  it('names the configuration set, the sender and the envelope recipients', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0002' });

    await mailer('meeting-cycle').send(message);

    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.ConfigurationSetName).toBe('meeting-cycle');
    expect(input?.FromEmailAddress).toBe('Finance Committee <committees@example.org>');
    expect(input?.Destination).toEqual({ ToAddresses: ['ann@example.org', 'zoe@example.org'] });
  });

  it('leaves out Reply-To and the configuration set when there are none', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0003' });
    const { replyTo: _replyTo, ...noReply } = message;

    await mailer().send(noReply);

    expect(rawSent()).not.toMatch(/^Reply-To:/m);
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input.ConfigurationSetName).toBeUndefined();
  });

  it('turns throttling into RetryableError, keeping the SDK error as its cause', async () => {
    const throttled = new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata });
    ses.on(SendEmailCommand).rejects(throttled);

    const error: unknown = await mailer()
      .send(message)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).name).toBe('RetryableError');
    expect((error as Error).cause).toBe(throttled);
  });

  it('turns SES-side failures and 5xx responses into RetryableError', async () => {
    const failures = [
      new InternalServiceErrorException({ message: 'Internal failure', $metadata: { httpStatusCode: 500 } }),
      Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }),
      Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata }),
    ];
    for (const failure of failures) {
      ses.reset();
      ses.on(SendEmailCommand).rejects(failure);
      await expect(mailer().send(message)).rejects.toBeInstanceOf(RetryableError);
    }
  });

  it('rethrows other errors unchanged', async () => {
    const rejected = new MessageRejected({ message: 'Email address is not verified.', $metadata });
    ses.on(SendEmailCommand).rejects(rejected);

    await expect(mailer().send(message)).rejects.toBe(rejected);
  });
});

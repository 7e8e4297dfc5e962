import { sesEvent, toInboundMail } from '../../functions/inbound-mail/schema';
import { ValidationError } from '../../functions/shared/domain/errors';
import { parseOrThrow } from '../../functions/shared/domain/validate';

const record = (messageId: string) => ({
  eventSource: 'aws:ses',
  ses: {
    mail: { messageId, source: 'chair@example.org', commonHeaders: { subject: 'Re: Approve the minutes', from: ['Alex Morgan <chair@example.org>'] } },
    receipt: {
      recipients: ['reply+abc@replies.example.org'],
      spfVerdict: { status: 'PASS' },
      dkimVerdict: { status: 'PASS' },
      dmarcVerdict: { status: 'GRAY' },
      spamVerdict: { status: 'PASS' },
      virusVerdict: { status: 'FAIL' },
      action: { type: 'Lambda' },
    },
  },
});

describe("SES's receipt event", () => {
  it('becomes the message the core reads: the stored object under inbound/, the recipients and every verdict', () => {
    const { Records } = parseOrThrow(sesEvent, { Records: [record('o3vjr1bb0q8o1ej4s4a0qs1v7mk0h4tbaq0m3bg1')] }, 'SES receipt event');
    expect(toInboundMail(Records[0]!)).toEqual({
      messageId: 'o3vjr1bb0q8o1ej4s4a0qs1v7mk0h4tbaq0m3bg1',
      s3Key: 'inbound/o3vjr1bb0q8o1ej4s4a0qs1v7mk0h4tbaq0m3bg1',
      recipients: ['reply+abc@replies.example.org'],
      headerFrom: ['Alex Morgan <chair@example.org>'],
      verdicts: { spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY', spam: 'PASS', virus: 'FAIL' },
    });
  });

  it('carries no From mailboxes when SES read none', () => {
    const noFrom = record('abc');
    delete (noFrom.ses.mail.commonHeaders as { from?: string[] }).from;
    const { Records } = parseOrThrow(sesEvent, { Records: [noFrom] }, 'SES receipt event');
    expect(toInboundMail(Records[0]!)).not.toHaveProperty('headerFrom');
  });

  it('refuses a message id that could name another object, and an event with no verdicts', () => {
    expect(() => parseOrThrow(sesEvent, { Records: [record('../minutes/c/v1-approved.html')] }, 'SES receipt event')).toThrow(ValidationError);
    const noVerdicts = record('abc');
    delete (noVerdicts.ses.receipt as Partial<typeof noVerdicts.ses.receipt>).dkimVerdict;
    expect(() => parseOrThrow(sesEvent, { Records: [noVerdicts] }, 'SES receipt event')).toThrow(ValidationError);
    expect(() => parseOrThrow(sesEvent, { Records: [] }, 'SES receipt event')).toThrow(ValidationError);
  });
});

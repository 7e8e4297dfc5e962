import * as z from '../shared/validation/zod';
import { inboundKey } from '../shared/table/object-keys';
import type { InboundMail } from './inbound-mail';

const verdict = z.object({ status: z.string().check(z.minLength(1), z.maxLength(40)) });

/** The part of SES's receipt event the handler reads; anything else in it is ignored. */
export const sesEvent = z.object({
  Records: z
    .array(
      z.object({
        ses: z.object({
          mail: z.object({
            messageId: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,200}$/, 'an SES message id')),
            // SES's reading of the From header: one string per mailbox ("Name <a@b>").
            commonHeaders: z.optional(z.object({ from: z.optional(z.array(z.string().check(z.maxLength(1000))).check(z.maxLength(100))) })),
          }),
          receipt: z.object({
            recipients: z.array(z.string().check(z.maxLength(320))).check(z.maxLength(100)),
            spfVerdict: verdict,
            dkimVerdict: verdict,
            dmarcVerdict: verdict,
            spamVerdict: z.optional(verdict),
            virusVerdict: z.optional(verdict),
          }),
        }),
      }),
    )
    .check(z.minLength(1), z.maxLength(10)),
});

/** One received message as the core reads it: where the receipt rule's S3 action stored it, and SES's verdicts. */
export function toInboundMail({ ses }: z.infer<typeof sesEvent>['Records'][number]): InboundMail {
  const { receipt } = ses;
  return {
    messageId: ses.mail.messageId,
    s3Key: inboundKey(ses.mail.messageId),
    recipients: receipt.recipients,
    ...(ses.mail.commonHeaders?.from ? { headerFrom: ses.mail.commonHeaders.from } : {}),
    verdicts: {
      spf: receipt.spfVerdict.status,
      dkim: receipt.dkimVerdict.status,
      dmarc: receipt.dmarcVerdict.status,
      ...(receipt.spamVerdict ? { spam: receipt.spamVerdict.status } : {}),
      ...(receipt.virusVerdict ? { virus: receipt.virusVerdict.status } : {}),
    },
  };
}

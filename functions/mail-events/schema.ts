import * as z from '../shared/validation/zod';
import { ValidationError } from '../shared/domain/errors';

/** The SES events the bounce rule forwards (EventBridge `detail-type`). */
export const MAIL_EVENT_TYPES = ['Email Bounced', 'Email Complaint Received', 'Email Delivery Delayed'] as const;

const recipients = z.array(
  z.looseObject({ emailAddress: z.string().check(z.minLength(1)), status: z.optional(z.string()), diagnosticCode: z.optional(z.string()) }),
);

/**
 * An SES sending event as the configuration set publishes it to EventBridge: `detail` is the event
 * record (the same `mail`, `bounce`, `complaint`, `deliveryDelay` objects SES writes to SNS).
 */
export const sesMailEvent = z.object({
  id: z.string().check(z.minLength(1)),
  source: z.literal('aws.ses'),
  'detail-type': z.enum(MAIL_EVENT_TYPES),
  time: z.string().check(z.minLength(1)),
  detail: z.looseObject({
    mail: z.looseObject({ messageId: z.string().check(z.minLength(1)) }),
    bounce: z.optional(
      z.looseObject({ bounceType: z.string(), bounceSubType: z.optional(z.string()), bouncedRecipients: recipients, timestamp: z.optional(z.string()) }),
    ),
    complaint: z.optional(
      z.looseObject({ complainedRecipients: recipients, complaintFeedbackType: z.optional(z.string()), timestamp: z.optional(z.string()) }),
    ),
    deliveryDelay: z.optional(z.looseObject({ delayType: z.string(), delayedRecipients: recipients, timestamp: z.optional(z.string()) })),
  }),
});

export type SesMailEvent = z.infer<typeof sesMailEvent>;

/** One SES report about one email, in the core's terms. */
export interface MailEvent {
  /** EventBridge's event id: the same on a redelivery. */
  eventId: string;
  /** SES's id of the email (what send-once stored as the provider's id). */
  sesMessageId: string;
  /** `transient-bounce` includes SES's `Undetermined` bounces: they may or may not be lasting. */
  kind: 'permanent-bounce' | 'transient-bounce' | 'complaint' | 'delay';
  /** The addresses it is about, lower-case. */
  recipients: string[];
  /** In words: "permanent bounce (General): smtp; 550 5.1.1 user unknown". */
  reason: string;
  at: string;
}

const diagnosis = (list: z.infer<typeof recipients>): string =>
  list
    .map((r) => r.diagnosticCode ?? r.status)
    .filter(Boolean)
    .join('; ');

const withDiagnosis = (head: string, list: z.infer<typeof recipients>): string => (diagnosis(list) ? `${head}: ${diagnosis(list)}` : head);

/**
 * The event in the core's terms.
 * @throws ValidationError when the object its type names (`bounce`, `complaint`, `deliveryDelay`) is missing.
 */
export function toMailEvent(event: SesMailEvent): MailEvent {
  const base = { eventId: event.id, sesMessageId: event.detail.mail.messageId };
  const lower = (list: z.infer<typeof recipients>) => list.map((r) => r.emailAddress.toLowerCase());
  const { bounce, complaint, deliveryDelay } = event.detail;
  if (event['detail-type'] === 'Email Bounced' && bounce) {
    const permanent = bounce.bounceType === 'Permanent';
    const head = `${permanent ? 'permanent' : bounce.bounceType.toLowerCase()} bounce${bounce.bounceSubType ? ` (${bounce.bounceSubType})` : ''}`;
    return {
      ...base,
      kind: permanent ? 'permanent-bounce' : 'transient-bounce',
      recipients: lower(bounce.bouncedRecipients),
      reason: withDiagnosis(head, bounce.bouncedRecipients),
      at: bounce.timestamp ?? event.time,
    };
  }
  if (event['detail-type'] === 'Email Complaint Received' && complaint) {
    const head = `complaint${complaint.complaintFeedbackType ? ` (${complaint.complaintFeedbackType})` : ''}: the recipient marked the email as spam`;
    return { ...base, kind: 'complaint', recipients: lower(complaint.complainedRecipients), reason: head, at: complaint.timestamp ?? event.time };
  }
  if (event['detail-type'] === 'Email Delivery Delayed' && deliveryDelay) {
    return {
      ...base,
      kind: 'delay',
      recipients: lower(deliveryDelay.delayedRecipients),
      reason: withDiagnosis(`delivery delayed (${deliveryDelay.delayType})`, deliveryDelay.delayedRecipients),
      at: deliveryDelay.timestamp ?? event.time,
    };
  }
  const object = { 'Email Bounced': 'bounce', 'Email Complaint Received': 'complaint', 'Email Delivery Delayed': 'deliveryDelay' }[event['detail-type']];
  throw new ValidationError(`An "${event['detail-type']}" event without its ${object} object.`);
}

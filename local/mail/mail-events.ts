import path from 'node:path';
import type { MailEventOutcome } from '../../functions/mail-events/mail-events';
import type { Clock, Outbox } from '../../functions/shared/ports';
import type { MailCapture, MailFateEvent } from './mail-capture';

/**
 * The SES event EventBridge delivers for a bounce or complaint, as the configuration set publishes it
 * (detail-type, and the `mail`, `bounce` or `complaint` objects of SES's event record).
 */
export function sesEventFor({ email, address, fate }: MailFateEvent, at: string, configurationSet = 'meeting-cycle-local'): Record<string, unknown> {
  const mail = {
    timestamp: email.at,
    source: email.from,
    messageId: email.messageId,
    destination: email.to,
    headersTruncated: false,
    headers: [{ name: 'Message-ID', value: email.headerMessageId }],
    tags: { 'ses:configuration-set': [configurationSet] },
  };
  const base = { version: '0', id: `local-${email.messageId}-${fate}`, source: 'aws.ses', account: '000000000000', time: at, region: 'local', resources: [] };
  if (fate === 'complaint') {
    const complaint = { complainedRecipients: [{ emailAddress: address }], timestamp: at, feedbackId: `local-${email.seq}`, complaintFeedbackType: 'abuse' };
    return { ...base, 'detail-type': 'Email Complaint Received', detail: { eventType: 'Complaint', mail, complaint } };
  }
  const permanent = fate === 'permanent';
  const bounce = {
    bounceType: permanent ? 'Permanent' : 'Transient',
    bounceSubType: permanent ? 'General' : 'MailboxFull',
    bouncedRecipients: [
      {
        emailAddress: address,
        action: 'failed',
        status: permanent ? '5.1.1' : '4.2.2',
        diagnosticCode: permanent ? 'smtp; 550 5.1.1 user unknown' : 'smtp; 452 4.2.2 mailbox full',
      },
    ],
    timestamp: at,
    feedbackId: `local-${email.seq}`,
    reportingMTA: 'dsn; mail.example.org',
  };
  return { ...base, 'detail-type': 'Email Bounced', detail: { eventType: 'Bounce', mail, bounce } };
}

/** What the local cloud keeps of SES events it delivered: their outcomes and the work still under way. */
export interface LocalMailEvents {
  /** Resolves once every event sent so far has been handled. */
  settled(): Promise<void>;
  outcomes(): MailEventOutcome[];
  failures(): Error[];
}

type EventHandler = (event: unknown, context: unknown) => Promise<MailEventOutcome>;

/**
 * What the bounce rule does in AWS, on this machine: each email the capture makes bounce or complain
 * becomes an SES event for the real mail-events handler. SES reports after the sender marked the email
 * sent, so delivery waits until the outbox knows SES's id for it (a few milliseconds).
 */
export function deliverMailEvents(mail: MailCapture, d: { outbox: Outbox; clock: Clock }): LocalMailEvents {
  const pending = new Set<Promise<void>>();
  const outcomes: MailEventOutcome[] = [];
  const failures: Error[] = [];
  const deliver = async (fate: MailFateEvent): Promise<void> => {
    for (let waited = 0; !(await d.outbox.findSent(fate.email.messageId)); waited += 10) {
      if (waited > 10_000) throw new Error(`Email ${fate.email.messageId} to ${fate.address} was never marked sent: no SES event for it.`);
      await new Promise((r) => setTimeout(r, 10));
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deployed handler, loaded after env is set
    const { handler } = require(path.join(__dirname, '..', '..', 'functions', 'mail-events', 'handler')) as { handler: EventHandler };
    outcomes.push(await handler(sesEventFor(fate, d.clock.now().toISOString()), { getRemainingTimeInMillis: () => 30_000 }));
  };
  mail.onFate((fate) => {
    const work = deliver(fate)
      .catch((error: unknown) => void failures.push(error as Error))
      .finally(() => pending.delete(work));
    pending.add(work);
  });
  return {
    settled: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    outcomes: () => [...outcomes],
    failures: () => [...failures],
  };
}

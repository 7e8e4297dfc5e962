import { compose, oneLine } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `address-undeliverable`: to the secretariat when a member's address bounces or its owner complains. */
export interface AddressUndeliverableData extends EmailBase {
  /** The member whose address it is. */
  memberName: string;
  address: string;
  /** What happened, in words: "bounced permanently", "bounced 3 times in a row", "was marked as spam". */
  what: string;
  /** SES's report: "smtp; 550 5.1.1 user unknown". */
  reason: string;
  /** The subject of the email that did not arrive (or was complained about). */
  emailSubject: string;
  /** Display date and time of the report. */
  reportedAt: string;
  /** True when nothing more is sent to the address until it changes. */
  stopped: boolean;
  consoleUrl?: string;
}

/** Tells the secretariat a member's address does not receive, so that they find out another way. */
export function addressUndeliverableEmail(data: AddressUndeliverableData): RenderedEmail {
  const name = oneLine(data.memberName);
  const whatToDo = data.stopped
    ? `Nothing more is sent to ${oneLine(data.address)}. Ask ${name} for an address that works and change it on the member's page in the console (or with the cycle CLI): sending starts again at once.`
    : `Emails still go to ${oneLine(data.address)}; if it keeps bouncing it is suppressed. Check the address with ${name}.`;
  return compose(data, {
    subject: `Email to ${name} ${oneLine(data.what)}: ${oneLine(data.address)}`,
    lead: `An email to ${name} (${oneLine(data.address)}) ${oneLine(data.what)}, so they may not have what the board sent them.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Member', value: name },
          { label: 'Address', value: data.address },
          { label: 'Email', value: data.emailSubject },
          { label: 'Reported', value: data.reportedAt },
          { label: 'Reason', value: data.reason },
        ],
      },
      { type: 'heading', text: 'What to do' },
      { type: 'paragraph', text: whatToDo },
      ...(data.consoleUrl !== undefined ? [{ type: 'button', label: 'Open the member in the console', url: data.consoleUrl } as const] : []),
    ],
  });
}

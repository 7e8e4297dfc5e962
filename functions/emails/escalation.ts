import { truncateForDisplay } from '../shared/domain/html';
import { compose, count, oneLine, onlyIf, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `escalation`: to the secretariat, when a request goes unanswered after every reminder. */
export interface EscalationData extends EmailBase {
  /** Who has not answered: a name. */
  who: string;
  whoEmail?: string;
  /** What they were asked, as a phrase after "to": "approve the minutes of the meeting of …". */
  task: string;
  /** Display date of the original request. */
  askedOn: string;
  remindersSent: number;
  /** Display date the cycle stops if there is still no answer. */
  stopsAt?: string;
  consoleUrl?: string;
}

/** Tells the secretariat that someone has not answered, so a person can chase them. */
export function escalationEmail(data: EscalationData): RenderedEmail {
  const who = oneLine(data.who);
  const task = oneLine(data.task);
  return compose(data, {
    subject: `Please follow up: no answer from ${truncateForDisplay(who, 40)} since ${shortDate(data.askedOn)}`,
    lead: `Please follow up with ${who}: they have not answered our request to ${task}.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Who', value: data.whoEmail !== undefined ? `${who} (${oneLine(data.whoEmail)})` : who },
          { label: 'Asked to', value: task },
          { label: 'First asked', value: data.askedOn },
          { label: 'Reminders sent', value: String(data.remindersSent) },
        ],
      },
      {
        type: 'paragraph',
        text: `They have had ${count(data.remindersSent, 'reminder')}; the cycle is waiting for this answer.`,
      },
      ...onlyIf(data.stopsAt !== undefined, {
        type: 'paragraph',
        text: `If there is still no answer by ${oneLine(data.stopsAt ?? '')}, the cycle stops and you will be told.`,
      }),
      ...(data.consoleUrl !== undefined ? [{ type: 'button', label: 'Open the console', url: data.consoleUrl } as const] : []),
    ],
  });
}

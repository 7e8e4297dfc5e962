import { truncateForDisplay } from '../shared/domain/html';
import { compose, oneLine, onlyIf, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `callback-reminder`: reminder N of a request the cycle is waiting on. */
export interface CallbackReminderData extends EmailBase {
  /** What was asked, as a phrase after "Please": "confirm the draft agenda for the meeting on …". */
  task: string;
  /** The button's label: "Confirm the agenda". */
  buttonLabel: string;
  /** 1 for the first reminder. */
  reminderNumber: number;
  /** Display date of the original request. */
  firstAskedOn: string;
  /** Display date the answer is due. */
  dueBy: string;
  /** A link that works now: the caller may have issued a fresh one. */
  url: string;
  /** The secretariat is told if this one goes unanswered too. */
  finalReminder?: boolean;
}

/** Reminds someone of a request the cycle is waiting on. */
export function callbackReminderEmail(data: CallbackReminderData): RenderedEmail {
  const task = oneLine(data.task);
  return compose(data, {
    subject: `Reminder ${data.reminderNumber}: ${truncateForDisplay(task, 80)} by ${shortDate(data.dueBy)}`,
    lead: `Please ${task} by ${oneLine(data.dueBy)}.`,
    blocks: [
      {
        type: 'paragraph',
        text: `We first asked on ${oneLine(data.firstAskedOn)} and have not had an answer yet. Use the link below; you do not need the one in that email.`,
      },
      { type: 'button', label: data.buttonLabel, url: data.url },
      ...onlyIf(data.finalReminder === true, {
        type: 'paragraph',
        text: `This is the last reminder: if there is no answer by ${oneLine(data.dueBy)}, the secretariat will be asked to follow up.`,
      }),
    ],
  });
}

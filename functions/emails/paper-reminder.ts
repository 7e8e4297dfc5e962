import { compose, oneLine, shortDate, subjectTitle, title } from './layout';
import type { RenderedEmail } from './layout';
import { paperBlocks } from './paper-request';
import type { PaperRequestData } from './paper-request';

/** `paper-reminder`: the same facts as the request, sent only while the paper is missing. */
export type PaperReminderData = PaperRequestData;

/** Reminds a presenter whose paper has not arrived. */
export function paperReminderEmail(data: PaperReminderData): RenderedEmail {
  return compose(data, {
    subject: `Reminder: paper due ${shortDate(data.paperDeadline)}: item ${data.itemNumber}, ${subjectTitle(data.itemTitle)}`,
    lead: `We have not yet received your paper for item ${data.itemNumber}, “${title(data.itemTitle)}”: please upload it by ${oneLine(data.paperDeadline)}.`,
    blocks: paperBlocks(data),
  });
}

import { truncateForDisplay } from '../shared/domain/html';
import { compose, oneLine, onlyIf, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** Actions are sentences, longer than titles; this still keeps a pasted essay out of the email. */
export const ACTION_TEXT_MAX = 500;

/** `action-update-request`: one per action, to its owners. */
export interface ActionUpdateRequestData extends EmailBase {
  actionNumber: number;
  actionText: string;
  /** Display date the action is due; "No due date" is shown when absent. */
  due?: string;
  /** Display date of the meeting that agreed the action. */
  meetingDate: string;
  updateUrl: string;
  /** How the action came to this owner after the meeting: "Priya Shah handed it to you, and the secretariat confirmed." */
  cameToYou?: string;
  /** True when Reply-To is a one-time address, so that replying updates the action. */
  replyToUpdate?: boolean;
}

/** Asks an action's owner how it is going. */
export function actionUpdateRequestEmail(data: ActionUpdateRequestData): RenderedEmail {
  const n = data.actionNumber;
  return compose(data, {
    subject: data.due !== undefined ? `Update requested: action ${n}, due ${shortDate(data.due)}` : `Update requested: action ${n}`,
    lead: `Please tell us how action ${n} is going, or mark it done.`,
    blocks: [
      ...onlyIf(data.cameToYou !== undefined, { type: 'paragraph', text: data.cameToYou ?? '' }),
      {
        type: 'facts',
        rows: [
          { label: 'Action', value: `${n}. ${truncateForDisplay(oneLine(data.actionText), ACTION_TEXT_MAX)}` },
          { label: 'Due', value: data.due ?? 'No due date' },
          { label: 'Agreed at', value: `The ${oneLine(data.board)} meeting of ${oneLine(data.meetingDate)}` },
        ],
      },
      { type: 'button', label: `Update action ${n}`, url: data.updateUrl },
      {
        type: 'paragraph',
        text: 'Choose a status and add a line on progress; the secretariat sees it in the next follow-up digest.',
      },
      ...onlyIf(data.replyToUpdate === true, {
        type: 'paragraph',
        text: 'Or reply to this email: write “Done”, or “In progress:” followed by a line on progress, on the first line.',
      }),
    ],
  });
}

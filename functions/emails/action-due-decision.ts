import { ACTION_TEXT_MAX } from './action-update-request';
import { compose, oneLine, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';
import { truncateForDisplay } from '../shared/domain/html';

/** `action-due-decision`: to the owner who proposed a new due date, with the secretariat's answer. */
export interface ActionDueDecisionData extends EmailBase {
  accepted: boolean;
  actionNumber: number;
  actionText: string;
  /** Display date proposed. */
  proposedDue: string;
  /** Display date the action is due now, after the answer; "No due date" is shown when absent. */
  due?: string;
  /** Who answered. */
  decidedBy: string;
  reason?: string;
}

/** Tells an owner whether their proposed due date was accepted. */
export function actionDueDecisionEmail(data: ActionDueDecisionData): RenderedEmail {
  const n = data.actionNumber;
  const due = data.due ?? 'No due date';
  return compose(data, {
    subject: data.accepted ? `Action ${n}: new due date accepted (${shortDate(data.proposedDue)})` : `Action ${n}: new due date not accepted`,
    lead: data.accepted
      ? `Action ${n} is now due ${oneLine(data.proposedDue)}, as you proposed.`
      : `Your proposed due date for action ${n}, ${oneLine(data.proposedDue)}, was not accepted: the due date stays as it was.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Action', value: `${n}. ${truncateForDisplay(oneLine(data.actionText), ACTION_TEXT_MAX)}` },
          { label: 'Due', value: due },
          { label: 'Answered by', value: data.decidedBy },
          ...(data.reason !== undefined ? [{ label: 'Reason', value: data.reason }] : []),
        ],
      },
      { type: 'paragraph', text: 'Keep using the link in your action email for updates; reply to this email with any questions.' },
    ],
  });
}

import { ACTION_TEXT_MAX } from './action-update-request';
import { compose, oneLine, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';
import { truncateForDisplay } from '../shared/domain/html';

/** `action-due-proposed`: to each of the secretariat, when an owner proposes a new due date. */
export interface ActionDueProposedData extends EmailBase {
  actionNumber: number;
  actionText: string;
  /** The owner who proposed it. */
  proposedBy: string;
  /** Display date the action is due now; "No due date" is shown when absent. */
  currentDue?: string;
  /** Display date proposed: "Friday 30 April 2027". */
  proposedDue: string;
  reason?: string;
  decideUrl: string;
}

/** Asks the secretariat to accept or decline an owner's proposed due date. */
export function actionDueProposedEmail(data: ActionDueProposedData): RenderedEmail {
  const n = data.actionNumber;
  return compose(data, {
    subject: `Action ${n}: new due date proposed (${shortDate(data.proposedDue)})`,
    lead: `${oneLine(data.proposedBy)} proposes a new due date for action ${n}: please accept or decline it.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Action', value: `${n}. ${truncateForDisplay(oneLine(data.actionText), ACTION_TEXT_MAX)}` },
          { label: 'Due now', value: data.currentDue ?? 'No due date' },
          { label: 'Proposed', value: data.proposedDue },
          { label: 'Proposed by', value: data.proposedBy },
          ...(data.reason !== undefined ? [{ label: 'Reason', value: data.reason }] : []),
        ],
      },
      { type: 'button', label: 'Accept or decline', url: data.decideUrl },
      { type: 'paragraph', text: 'The owner is told your answer by email. If they propose another date first, this link says so.' },
    ],
  });
}

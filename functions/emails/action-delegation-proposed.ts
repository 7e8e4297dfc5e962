import { ACTION_TEXT_MAX } from './action-update-request';
import { compose, oneLine, subjectTitle } from './layout';
import type { EmailBase, RenderedEmail } from './layout';
import { truncateForDisplay } from '../shared/domain/html';

/** `action-delegation-proposed`: to each of the secretariat, when an owner asks to hand an action on. */
export interface ActionDelegationProposedData extends EmailBase {
  actionNumber: number;
  actionText: string;
  /** Display date the action is due; "No due date" is shown when absent. */
  due?: string;
  /** The owner asking. */
  from: string;
  /** The member who would take it on. */
  to: string;
  reason: string;
  decideUrl: string;
}

/** Asks the secretariat to confirm or decline a hand-over. */
export function actionDelegationProposedEmail(data: ActionDelegationProposedData): RenderedEmail {
  const n = data.actionNumber;
  return compose(data, {
    subject: `Action ${n}: confirm hand-over to ${subjectTitle(data.to)}`,
    lead: `${oneLine(data.from)} asks to hand action ${n} to ${oneLine(data.to)}: please confirm or decline.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Action', value: `${n}. ${truncateForDisplay(oneLine(data.actionText), ACTION_TEXT_MAX)}` },
          { label: 'Due', value: data.due ?? 'No due date' },
          { label: 'From', value: data.from },
          { label: 'To', value: data.to },
          { label: 'Reason', value: data.reason },
        ],
      },
      { type: 'button', label: 'Confirm or decline', url: data.decideUrl },
      {
        type: 'paragraph',
        text: `Once you confirm, ${oneLine(data.to)} becomes an owner in place of ${oneLine(data.from)} and gets their own update link. ${oneLine(data.from)} is told either way.`,
      },
    ],
  });
}

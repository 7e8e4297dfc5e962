import { ACTION_TEXT_MAX } from './action-update-request';
import { compose, oneLine } from './layout';
import type { EmailBase, RenderedEmail } from './layout';
import { truncateForDisplay } from '../shared/domain/html';

/** `action-fresh-link`: to an action's owner, when their update link had expired and a fresh one was asked for. */
export interface ActionFreshLinkData extends EmailBase {
  actionNumber: number;
  actionText: string;
  /** Display date the action is due; "No due date" is shown when absent. */
  due?: string;
  /** Display date the new link stops working. */
  worksUntil: string;
  updateUrl: string;
}

/** Sends an owner a fresh update link for an action. */
export function actionFreshLinkEmail(data: ActionFreshLinkData): RenderedEmail {
  const n = data.actionNumber;
  return compose(data, {
    subject: `Your new link to update action ${n}`,
    lead: `Here is a fresh link to update action ${n}: your earlier one had expired.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Action', value: `${n}. ${truncateForDisplay(oneLine(data.actionText), ACTION_TEXT_MAX)}` },
          { label: 'Due', value: data.due ?? 'No due date' },
          { label: 'Link works until', value: data.worksUntil },
        ],
      },
      { type: 'button', label: `Update action ${n}`, url: data.updateUrl },
      {
        type: 'paragraph',
        text: 'Someone with your earlier link asked for this one, and it was sent only to you. If that was not you, ignore this email: nothing has changed.',
      },
    ],
  });
}

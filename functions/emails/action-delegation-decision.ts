import { ACTION_TEXT_MAX } from './action-update-request';
import { compose, oneLine, subjectTitle } from './layout';
import type { EmailBase, RenderedEmail } from './layout';
import { truncateForDisplay } from '../shared/domain/html';

/** `action-delegation-decision`: to the owner who asked to hand an action on, with the secretariat's answer. */
export interface ActionDelegationDecisionData extends EmailBase {
  confirmed: boolean;
  actionNumber: number;
  actionText: string;
  /** The member the action was to go to. */
  to: string;
  /** Who answered. */
  decidedBy: string;
  reason?: string;
}

/** Tells an owner whether the hand-over they asked for was confirmed. */
export function actionDelegationDecisionEmail(data: ActionDelegationDecisionData): RenderedEmail {
  const n = data.actionNumber;
  return compose(data, {
    subject: data.confirmed ? `Action ${n} handed to ${subjectTitle(data.to)}` : `Action ${n} stays with you: hand-over not confirmed`,
    lead: data.confirmed
      ? `Action ${n} is now ${oneLine(data.to)}’s: nothing more is needed from you.`
      : `The hand-over of action ${n} to ${oneLine(data.to)} was not confirmed: the action stays with you.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Action', value: `${n}. ${truncateForDisplay(oneLine(data.actionText), ACTION_TEXT_MAX)}` },
          { label: 'Answered by', value: data.decidedBy },
          ...(data.reason !== undefined ? [{ label: 'Reason', value: data.reason }] : []),
        ],
      },
      {
        type: 'paragraph',
        text: data.confirmed
          ? `${oneLine(data.to)} has their own link for updates; your link now shows the action without a form.`
          : 'Keep using the link in your action email for updates; reply to this email with any questions.',
      },
    ],
  });
}

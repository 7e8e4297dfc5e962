import { truncateForDisplay } from '../shared/domain/html';
import { compose, count, oneLine } from './layout';
import type { EmailBase, RenderedEmail } from './layout';
import { ACTION_TEXT_MAX } from './action-update-request';

/** `actions-to-reassign`: to the secretariat when a member who owned open actions leaves the board. */
export interface ActionsToReassignData extends EmailBase {
  /** The member who left. */
  memberName: string;
  /** Actions that now have no owner: the secretariat assigns them. */
  unassigned: readonly { number: number; text: string }[];
  /** Actions that stay with their other owners. */
  kept: readonly { number: number; text: string; owners: string }[];
  /** The command that assigns an action, shown as an example. */
  assignCommand: string;
}

/** Tells the secretariat which actions came back to them, and how to give each a new owner. */
export function actionsToReassignEmail(data: ActionsToReassignData): RenderedEmail {
  const line = (a: { number: number; text: string }) => `Action ${a.number}: ${truncateForDisplay(oneLine(a.text), ACTION_TEXT_MAX)}`;
  return compose(data, {
    subject: `${count(data.unassigned.length, 'action')} to reassign: ${oneLine(data.memberName)} has left`,
    lead: `${oneLine(data.memberName)} has left the ${oneLine(data.board)}. ${data.unassigned.length ? `${count(data.unassigned.length, 'open action')} now ${data.unassigned.length === 1 ? 'has' : 'have'} no owner: please give each a new one.` : 'None of their open actions is left without an owner.'}`,
    blocks: [
      ...(data.unassigned.length
        ? [
            { type: 'heading' as const, text: 'To reassign' },
            { type: 'list' as const, items: data.unassigned.map((a) => ({ text: line(a) })) },
          ]
        : []),
      ...(data.kept.length
        ? [
            { type: 'heading' as const, text: 'Staying with their other owners' },
            { type: 'list' as const, items: data.kept.map((a) => ({ text: line(a), detail: a.owners })) },
          ]
        : []),
      { type: 'paragraph', text: `To give an action a new owner: ${data.assignCommand}. The new owner gets the action with an update link.` },
    ],
  });
}

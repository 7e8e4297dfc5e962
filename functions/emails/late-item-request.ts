import { compose, oneLine, purposeLabel, shortDate, subjectTitle, title } from './layout';
import type { EmailBase, RenderedEmail } from './layout';
import { URGENCY_STATUTE } from '../shared/domain/late-items';
import type { ItemPurpose } from '../shared/domain/types';

/** `late-item-request`: to the chair, for an item the secretariat added after the agenda went out. */
export interface LateItemRequestData extends EmailBase {
  itemTitle: string;
  purpose: ItemPurpose;
  presenter?: string;
  /** Why it cannot wait, as the secretariat put it. */
  reason: string;
  /** Who added it. */
  addedBy: string;
  /** Display date and time of the meeting: the chair decides before it starts. */
  meetingWhen: string;
  decideUrl: string;
}

/** Asks the chair to approve or refuse a late item as urgent business, stating the special circumstances. */
export function lateItemRequestEmail(data: LateItemRequestData): RenderedEmail {
  const board = oneLine(data.board);
  // A purpose outside the three (a hand-made call) shows no row rather than "undefined".
  const purpose: string | undefined = purposeLabel(data.purpose);
  return compose(data, {
    subject: `Urgent item for ${board}, ${shortDate(data.meetingWhen)}: please approve or refuse ${subjectTitle(data.itemTitle)}`,
    lead: `${oneLine(data.addedBy)} has asked for “${title(data.itemTitle)}” to be taken at the ${board} meeting on ${oneLine(data.meetingWhen)}, after the agenda went out. Please approve or refuse it before the meeting starts.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Item', value: data.itemTitle },
          ...(purpose !== undefined ? [{ label: 'Purpose', value: purpose }] : []),
          ...(data.presenter !== undefined ? [{ label: 'Presenter', value: data.presenter }] : []),
          { label: 'Why it cannot wait', value: data.reason },
        ],
      },
      {
        type: 'paragraph',
        text:
          'An item not on the published agenda may be taken only if you, as chair, are of the opinion that it should be considered as a ' +
          `matter of urgency by reason of special circumstances, which you specify (${URGENCY_STATUTE}). ` +
          'Your reason is printed on the supplementary agenda and in the minutes.',
      },
      { type: 'button', label: 'Approve or refuse the item', url: data.decideUrl },
      {
        type: 'paragraph',
        text: 'If you have not decided when the meeting starts, the item is not taken.',
      },
    ],
  });
}

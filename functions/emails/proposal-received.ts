import { compose, oneLine, subjectTitle, title } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `proposal-received`: acknowledgement to the member who proposed an item. */
export interface ProposalReceivedData extends EmailBase {
  itemTitle: string;
  /** When proposals close (display date). */
  itemDeadline: string;
}

/** Tells a proposer their item arrived and what happens next. */
export function proposalReceivedEmail(data: ProposalReceivedData): RenderedEmail {
  return compose(data, {
    subject: `Proposal received: ${subjectTitle(data.itemTitle)}`,
    lead: `Nothing more to do for now: we have received your proposed agenda item “${title(data.itemTitle)}”.`,
    blocks: [
      {
        type: 'paragraph',
        text: `Proposals close on ${oneLine(data.itemDeadline)}. The secretariat then confirms the agenda, and if your item needs a paper, the presenter is sent a link to upload it.`,
      },
      {
        type: 'paragraph',
        text: `To change or withdraw your proposal before then, write to the secretariat at ${oneLine(data.secretariatEmail)}.`,
      },
    ],
  });
}

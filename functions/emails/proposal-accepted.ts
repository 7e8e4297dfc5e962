import { compose, oneLine, subjectTitle, title } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `proposal-accepted`: to a proposer whose item is on the confirmed agenda. */
export interface ProposalAcceptedData extends EmailBase {
  itemTitle: string;
  itemNumber: number;
  meetingWhen: string;
  /** Whether the proposer also presents it (and so will be asked for a paper). */
  presenting: boolean;
}

/** Tells a proposer their item made the agenda, and what comes next. */
export function proposalAcceptedEmail(data: ProposalAcceptedData): RenderedEmail {
  return compose(data, {
    subject: `On the agenda for ${oneLine(data.meetingWhen)}: item ${data.itemNumber}, ${subjectTitle(data.itemTitle)}`,
    lead: `Your proposed item “${title(data.itemTitle)}” is item ${data.itemNumber} on the agenda for the meeting on ${oneLine(data.meetingWhen)}.`,
    blocks: [
      {
        type: 'paragraph',
        text: data.presenting
          ? 'You are presenting it: a separate email asks for your paper, with a link to upload it.'
          : 'Its presenter is asked for the paper separately.',
      },
    ],
  });
}

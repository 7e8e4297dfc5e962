import { compose, oneLine, subjectTitle, title } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `proposal-declined`: to a proposer whose item the secretariat left off the agenda. */
export interface ProposalDeclinedData extends EmailBase {
  itemTitle: string;
  /** Display date and time of the meeting. */
  meetingWhen: string;
}

/** Tells a proposer, kindly and at once, that their item is not on this meeting's agenda. */
export function proposalDeclinedEmail(data: ProposalDeclinedData): RenderedEmail {
  return compose(data, {
    subject: `Not on the agenda for ${oneLine(data.meetingWhen)}: ${subjectTitle(data.itemTitle)}`,
    lead: `Your proposed item “${title(data.itemTitle)}” is not on the agenda for the meeting on ${oneLine(data.meetingWhen)}.`,
    blocks: [
      {
        type: 'paragraph',
        text: `The secretariat confirmed the agenda without it. If you would like to know why, or to raise it at a later meeting, write to ${oneLine(data.secretariatEmail)}.`,
      },
    ],
  });
}

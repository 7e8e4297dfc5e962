import { compose, oneLine, shortDate, title } from './layout';
import type { EmailBase, RenderedEmail } from './layout';
import { onlineBlocks } from './online';
import type { OnlineMeeting } from '../shared/domain/types';

/** `deputy-papers`: to the person a member named to attend in their place, with a papers link of their own. */
export interface DeputyPapersData extends EmailBase {
  deputyName: string;
  /** The member who sent apologies and named the deputy. */
  memberName: string;
  /** Display date and time of the meeting. */
  meetingWhen: string;
  venue: string;
  items: readonly { number: number; title: string }[];
  /** The deputy's own link to the papers, for this meeting only. */
  papersUrl: string;
  /** Late papers sent after the main circulation. */
  supplementary?: boolean;
  /** How to join, when the meeting is online or hybrid: the deputy attends in the member's place. */
  online?: OnlineMeeting;
}

/** Sends a deputy the agenda and a link to the papers; the link stops working if the member withdraws their apologies. */
export function deputyPapersEmail(data: DeputyPapersData): RenderedEmail {
  const member = oneLine(data.memberName);
  const meeting = `the ${oneLine(data.board)} meeting on ${oneLine(data.meetingWhen)}`;
  return compose(data, {
    subject: `${data.supplementary ? 'Further papers' : 'Papers'} for ${shortDate(data.meetingWhen)}: attending ${oneLine(data.board)} for ${member}`,
    lead: data.supplementary
      ? `Further papers have been added for ${meeting}, which you are attending for ${member}.`
      : `${member} has sent apologies for ${meeting} and named you, ${oneLine(data.deputyName)}, to attend in their place.`,
    blocks: [
      { type: 'facts', rows: [{ label: 'Where', value: data.venue }] },
      { type: 'button', label: 'Read the papers', url: data.papersUrl },
      { type: 'heading', text: data.supplementary ? 'Items with new papers' : 'Agenda' },
      { type: 'list', items: data.items.map((i) => ({ text: `${i.number}. ${title(i.title)}` })) },
      ...onlineBlocks(data.online),
      {
        type: 'paragraph',
        text: `The link is yours, for this meeting only: please do not forward it. It stops working if ${member} withdraws their apologies or names someone else.`,
      },
    ],
  });
}

import { compose, oneLine, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `quorum-warning`: to the secretariat when apologies put the meeting's quorum at risk. */
export interface QuorumWarningData extends EmailBase {
  meetingWhen: string;
  quorum: number;
  expected: number;
  apologies: readonly { name: string; substitute?: string }[];
}

/** Warns the secretariat in time to find substitutes or move the meeting. */
export function quorumWarningEmail(data: QuorumWarningData): RenderedEmail {
  return compose(data, {
    subject: `Quorum at risk for ${shortDate(data.meetingWhen)}: ${data.expected} of ${data.quorum} members expected`,
    lead: `After the apologies received, ${data.expected} voting members are expected at the ${oneLine(data.board)} meeting on ${oneLine(data.meetingWhen)}; the quorum is ${data.quorum}.`,
    blocks: [
      { type: 'heading', text: 'Apologies' },
      { type: 'list', items: data.apologies.map((a) => ({ text: a.name, ...(a.substitute ? { detail: `Substitute: ${a.substitute}` } : {}) })) },
      { type: 'paragraph', text: 'You may want to ask members to send substitutes, or move the meeting (npx cycle move).' },
    ],
  });
}

import { compose, oneLine, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `public-minutes-withheld`: to the secretariat when no public copy of approved minutes could be made safely. */
export interface PublicMinutesWithheldData extends EmailBase {
  /** Display date of the meeting. */
  meetingDate: string;
  version: number;
  /** Why the exempt items could not be withheld, naming the item. */
  reason: string;
}

/** Says the members have the minutes but the public do not, and why: withholding fails closed. */
export function publicMinutesWithheldEmail(data: PublicMinutesWithheldData): RenderedEmail {
  return compose(data, {
    subject: `Public minutes not published: ${shortDate(data.meetingDate)}`,
    lead: `The approved minutes (version ${data.version}) of the ${oneLine(data.board)} meeting of ${oneLine(data.meetingDate)} went to the members, but no public copy was published.`,
    blocks: [
      { type: 'paragraph', text: data.reason },
      {
        type: 'paragraph',
        text: 'Nothing exempt has been made public. If the public should see these minutes, prepare a copy with the exempt items removed and publish it by hand; the cycle carries on with the actions.',
      },
    ],
  });
}

import { compose, oneLine, onlyIf, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `minutes-published`: to every member once the chair approves. */
export interface MinutesPublishedData extends EmailBase {
  /** Display date of the meeting. */
  meetingDate: string;
  version: number;
  /** Our link to the published minutes; give this or `minutesText`, or both. */
  minutesUrl?: string;
  /** The minutes in full, as plain text, to read in the email itself. */
  minutesText?: string;
  /** The chair's name. */
  approvedBy: string;
  /** Display date of the approval. */
  approvedOn: string;
}

/** Tells members the approved minutes are out. */
export function minutesPublishedEmail(data: MinutesPublishedData): RenderedEmail {
  const board = oneLine(data.board);
  return compose(data, {
    subject: `Approved minutes: ${board}, ${shortDate(data.meetingDate)}`,
    lead: `Please read the approved minutes of the ${board} meeting of ${oneLine(data.meetingDate)}, and check any actions in your name.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Approval', value: `Approved by ${oneLine(data.approvedBy)} on ${oneLine(data.approvedOn)}` },
          { label: 'Version', value: String(data.version) },
        ],
      },
      ...(data.minutesUrl !== undefined ? [{ type: 'button', label: 'Read the minutes', url: data.minutesUrl } as const] : []),
      ...onlyIf(data.minutesText !== undefined, { type: 'preformatted', text: data.minutesText ?? '' }),
      {
        type: 'paragraph',
        text: 'If you own an action, you will get a separate email with a link to report progress on it.',
      },
    ],
  });
}

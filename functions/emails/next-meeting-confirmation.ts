import type { KeyDate } from './agenda-call';
import { compose, oneLine, onlyIf } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `next-meeting-confirmation`: to the secretariat once approved minutes (or the board's rhythm) give the next meeting. */
export interface NextMeetingConfirmationData extends EmailBase {
  /** Display date of the proposed meeting: "Tuesday 9 June 2027". */
  meetingDay: string;
  /** 24-hour time, "10:00". */
  meetingTime: string;
  /** Where the date comes from, to end a sentence: "the approved minutes of Wednesday 20 January 2027". */
  source: string;
  /** The planned milestones up to the meeting, when the date can be planned as it is. */
  keyDates: readonly KeyDate[];
  /** Why the date cannot go ahead as it is (a milestone already passed, the notice rule), for the secretariat to change it. */
  problem?: string;
  confirmUrl: string;
  /** Display date the link works until. */
  confirmBy: string;
}

/**
 * Asks the secretariat to confirm the next meeting (or change its date or time first): confirming records the
 * next cycle, which then starts itself with its agenda call. Nothing is scheduled until then.
 */
export function nextMeetingConfirmationEmail(data: NextMeetingConfirmationData): RenderedEmail {
  const board = oneLine(data.board);
  const day = oneLine(data.meetingDay);
  return compose(data, {
    subject: `Confirm the next meeting: ${day}`,
    lead: `Please confirm the next ${board} meeting, ${day} at ${oneLine(data.meetingTime)}, as given by ${oneLine(data.source)}.`,
    blocks: [
      ...onlyIf(data.problem !== undefined, {
        type: 'paragraph',
        text: `This date cannot go ahead as it is: ${data.problem ?? ''} Choose another on the page.`,
      }),
      ...onlyIf(
        data.keyDates.length > 0,
        { type: 'heading', text: 'The cycle it starts' },
        { type: 'list', items: data.keyDates.map((k) => ({ text: `${k.label}: ${k.when}` })) },
      ),
      { type: 'button', label: 'Review and confirm the next meeting', url: data.confirmUrl },
      {
        type: 'paragraph',
        text: `You can change the date or time on that page first. Once you confirm, the next cycle starts by itself with its agenda call; nothing is scheduled until then. The link works until ${oneLine(data.confirmBy)}.`,
      },
    ],
  });
}

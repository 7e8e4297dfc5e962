import { compose, multiline, oneLine, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';
import { onlineBlocks } from './online';
import type { OnlineMeeting } from '../shared/domain/types';

/** `meeting-cancelled`: to every member, and anyone else invited, when a running cycle's meeting is called off. */
export interface MeetingCancelledData extends EmailBase {
  /** Display date and time of the meeting that will not take place. */
  meetingWhen: string;
  venue: string;
  /** Why, as the secretariat gave it. */
  reason: string;
  /** Who called it off, as the record names them. */
  cancelledBy: string;
  /** The joining details that were sent, so a reader can tell which meeting this was. */
  online?: OnlineMeeting;
  /** True when a calendar cancellation is attached. */
  calendarAttached?: boolean;
}

/** Tells a member the meeting is off, why, and that the calendar entry attached clears it from their diary. */
export function meetingCancelledEmail(data: MeetingCancelledData): RenderedEmail {
  const board = oneLine(data.board);
  return compose(data, {
    subject: `Meeting cancelled: ${board}, ${shortDate(data.meetingWhen)}`,
    lead: `The ${board} meeting on ${oneLine(data.meetingWhen)} has been cancelled and will not take place.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Meeting', value: data.meetingWhen },
          { label: 'Venue', value: data.venue },
          { label: 'Cancelled by', value: data.cancelledBy },
        ],
      },
      { type: 'heading', text: 'Reason' },
      { type: 'preformatted', text: multiline(data.reason), max: 1000 },
      {
        type: 'paragraph',
        text: 'Nothing more is needed from you for this meeting: links in earlier emails about it no longer work. Open actions stay with the board and are followed up at its next meeting.',
      },
      ...(data.calendarAttached ? [{ type: 'paragraph' as const, text: 'The attached calendar update removes the meeting from your diary.' }] : []),
      ...onlineBlocks(data.online, { cancelled: true }),
    ],
  });
}

import type { KeyDate } from './agenda-call';
import { compose, oneLine, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';
import { onlineBlocks } from './online';
import type { OnlineMeeting } from '../shared/domain/types';

/** `meeting-moved`: to every member when the secretariat moves the meeting. */
export interface MeetingMovedData extends EmailBase {
  /** New display date and time. */
  meetingWhen: string;
  /** The date and time it replaces. */
  previousWhen: string;
  venue: string;
  /** The milestones still ahead, re-planned for the new date. */
  keyDates: readonly KeyDate[];
  /** How to join, when the meeting is online or hybrid. */
  online?: OnlineMeeting;
}

/** Tells members the meeting has moved, and the deadlines that moved with it. */
export function meetingMovedEmail(data: MeetingMovedData): RenderedEmail {
  const board = oneLine(data.board);
  return compose(data, {
    subject: `Meeting moved to ${shortDate(data.meetingWhen)}: ${board}`,
    lead: `The ${board} meeting on ${oneLine(data.previousWhen)} has moved to ${oneLine(data.meetingWhen)}. Please update your diary.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'New date', value: data.meetingWhen },
          { label: 'Was', value: data.previousWhen },
          { label: 'Venue', value: data.venue },
        ],
      },
      ...onlineBlocks(data.online),
      ...(data.keyDates.length
        ? [
            { type: 'heading' as const, text: 'Dates still ahead' },
            { type: 'list' as const, items: data.keyDates.map((k) => ({ text: `${k.label}: ${k.when}` })) },
          ]
        : []),
    ],
  });
}

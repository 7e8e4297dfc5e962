import { compose, oneLine, onlyIf, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';
import { onlineBlocks } from './online';
import type { OnlineMeeting } from '../shared/domain/types';

/** A milestone of the cycle as members should plan for it. */
export interface KeyDate {
  /** "Papers due". */
  label: string;
  /** Display date, "Friday 27 February 2015, 17:00". */
  when: string;
}

/** `agenda-call`: to every member, asking for agenda items. */
export interface AgendaCallData extends EmailBase {
  /** Display date and time of the meeting. */
  meetingWhen: string;
  venue: string;
  /** When proposals close (display date). */
  itemDeadline: string;
  proposeUrl: string;
  keyDates: readonly KeyDate[];
  /** True when the caller attaches a calendar entry that holds the meeting date. */
  calendarAttached?: boolean;
  /** How to join, when the meeting is online or hybrid. */
  online?: OnlineMeeting;
}

/** The call for agenda items that opens a cycle. */
export function agendaCallEmail(data: AgendaCallData): RenderedEmail {
  const board = oneLine(data.board);
  return compose(data, {
    subject: `Agenda items due ${shortDate(data.itemDeadline)}: ${board}, ${shortDate(data.meetingWhen)}`,
    lead: `If you would like an item on the agenda for the ${board} meeting, propose it by ${oneLine(data.itemDeadline)}.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Meeting', value: data.meetingWhen },
          { label: 'Venue', value: data.venue },
          { label: 'Proposals close', value: data.itemDeadline },
        ],
      },
      { type: 'button', label: 'Propose an item', url: data.proposeUrl },
      ...onlineBlocks(data.online),
      {
        type: 'paragraph',
        text: 'Standing items and matters arising from the last meeting are added for you; you only need to propose new business.',
      },
      ...onlyIf(
        data.keyDates.length > 0,
        { type: 'heading', text: 'Key dates' },
        { type: 'facts', rows: data.keyDates.map((d) => ({ label: d.label, value: d.when })) },
      ),
      ...onlyIf(data.calendarAttached === true, {
        type: 'paragraph',
        text: 'The attached calendar entry holds the meeting date in your diary.',
      }),
    ],
  });
}

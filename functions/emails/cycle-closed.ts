import { compose, oneLine, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `cycle-closed`: to the secretariat, the cycle's summary. */
export interface CycleClosedData extends EmailBase {
  /** Display date and time of the meeting. */
  meetingWhen: string;
  agendaItems: number;
  papersReceived: number;
  latePapers: number;
  /** Versions of the minutes up to and including the approved one. */
  minutesVersions: number;
  actionsRaised: number;
  /** Actions still open; they carry forward to the next cycle's matters arising. */
  actionsOpen: number;
}

/** Summarises a finished cycle for the secretariat. */
export function cycleClosedEmail(data: CycleClosedData): RenderedEmail {
  const board = oneLine(data.board);
  return compose(data, {
    subject: `Cycle closed: ${board}, ${shortDate(data.meetingWhen)}`,
    lead: `Nothing to do: the meeting cycle for the ${board} meeting on ${oneLine(data.meetingWhen)} is closed.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Agenda items', value: String(data.agendaItems) },
          { label: 'Papers received', value: `${data.papersReceived} (${data.latePapers} late)` },
          { label: 'Minutes versions', value: String(data.minutesVersions) },
          { label: 'Actions raised', value: String(data.actionsRaised) },
          { label: 'Actions still open', value: String(data.actionsOpen) },
        ],
      },
      {
        type: 'paragraph',
        text:
          data.actionsOpen > 0
            ? 'Open actions carry forward to the matters arising of the next cycle, and their owners keep getting update requests.'
            : 'Every action from this meeting is closed.',
      },
    ],
  });
}

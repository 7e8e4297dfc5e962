import { compose, count, oneLine, shortDate } from './layout';
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
  /** Display date and time of the later meeting whose cycle took over the follow-up, if one did. */
  handedOverTo?: string;
  /** Days after the meeting that the follow-up ran, when no later cycle took it over. */
  followUpDays?: number;
}

function followUp(data: CycleClosedData): { fact: string; paragraph: string } {
  if (data.handedOverTo !== undefined) {
    const next = oneLine(data.handedOverTo);
    return {
      fact: `Passed to the meeting of ${next}`,
      paragraph: `The cycle for the meeting of ${next} now follows up every open action: its reminders and weekly digests take over from this cycle's.`,
    };
  }
  const ran = data.followUpDays !== undefined ? ` ${count(data.followUpDays, 'day')} after the meeting` : '';
  return {
    fact: `Ended${ran}`,
    paragraph:
      data.actionsOpen > 0
        ? `No later cycle had taken over the follow-up when it ended${ran}, so owners are no longer reminded; open actions carry forward to the matters arising of the next cycle, whose follow-up reminds them again.`
        : 'Every action from this meeting is closed.',
  };
}

/** Summarises a finished cycle for the secretariat. */
export function cycleClosedEmail(data: CycleClosedData): RenderedEmail {
  const board = oneLine(data.board);
  const handover = followUp(data);
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
          { label: 'Action follow-up', value: handover.fact },
        ],
      },
      { type: 'paragraph', text: handover.paragraph },
    ],
  });
}

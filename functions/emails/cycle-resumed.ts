import { compose, oneLine, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `cycle-resumed`: to the secretariat when someone resumes a failed cycle (`cycle resume`). */
export interface CycleResumedData extends EmailBase {
  /** Display date and time of the meeting. */
  meetingWhen: string;
  /** The step the cycle failed in, in words for "stopped while …": "publishing the approved minutes". */
  failedStep: string;
  /** The step the new execution starts at, in words (a chase resumes its callback): "sending the papers to members". */
  resumedAt: string;
  /** The error the cycle had stopped with: "ServiceUnavailableError". */
  error: string;
  /** Who resumed it. */
  by: string;
  /** Why, as they gave it. */
  reason?: string;
  /** Display date and time of the resume. */
  when: string;
}

/** Tells the secretariat a failed cycle runs again, from where, and that nothing already sent goes twice. */
export function cycleResumedEmail(data: CycleResumedData): RenderedEmail {
  const board = oneLine(data.board);
  const resumedAt = oneLine(data.resumedAt);
  return compose(data, {
    subject: `Resumed: the ${board} cycle for ${shortDate(data.meetingWhen)} runs again from ${resumedAt}`,
    lead: `The meeting cycle for the ${board} meeting on ${oneLine(data.meetingWhen)}, which had stopped while ${oneLine(data.failedStep)}, was resumed by ${oneLine(data.by)} and runs again from ${resumedAt}.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Stopped while', value: data.failedStep },
          { label: 'Error', value: data.error },
          { label: 'Runs again from', value: data.resumedAt },
          { label: 'By', value: data.by },
          ...(data.reason !== undefined ? [{ label: 'Why', value: data.reason }] : []),
          { label: 'When', value: data.when },
        ],
      },
      {
        type: 'paragraph',
        text: 'Emails that went out before the cycle stopped are not sent again; what had not gone out yet goes now. If it stops again, you will be told.',
      },
    ],
  });
}

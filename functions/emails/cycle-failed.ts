import { compose, oneLine, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** An error message longer than this is cut in the email; the full one is in the console and logs. */
export const ERROR_MESSAGE_MAX = 2000;

const DEFAULT_WHAT_TO_DO = 'Open the console, check the cause above, fix it, and resume the cycle. Nothing more is sent to members until then.';

/** `cycle-failed`: to the secretariat when a step fails for a reason retries cannot fix. */
export interface CycleFailedData extends EmailBase {
  /** Display date and time of the meeting. */
  meetingWhen: string;
  /** The step that failed, in words for "stopped while …": "asking presenters for their papers". */
  step: string;
  /** The error's name: "CycleFailedError". */
  error: string;
  /** The error's message. */
  message: string;
  /** Display date and time of the failure. */
  failedAt: string;
  /** Advice for this failure; a general instruction is used when absent. */
  whatToDo?: string;
  consoleUrl?: string;
}

/** Tells the secretariat the cycle has stopped and what to do about it. */
export function cycleFailedEmail(data: CycleFailedData): RenderedEmail {
  const board = oneLine(data.board);
  const step = oneLine(data.step);
  return compose(data, {
    subject: `Action needed: the ${board} cycle for ${shortDate(data.meetingWhen)} stopped while ${step}`,
    lead: `The meeting cycle for the ${board} meeting on ${oneLine(data.meetingWhen)} has stopped while ${step}: please look into it and resume it.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Stopped while', value: step },
          { label: 'Error', value: data.error },
          { label: 'When', value: data.failedAt },
        ],
      },
      { type: 'heading', text: 'What went wrong' },
      { type: 'preformatted', text: data.message, max: ERROR_MESSAGE_MAX },
      { type: 'heading', text: 'What to do' },
      { type: 'paragraph', text: data.whatToDo ?? DEFAULT_WHAT_TO_DO },
      ...(data.consoleUrl !== undefined ? [{ type: 'button', label: 'Open the console', url: data.consoleUrl } as const] : []),
    ],
  });
}

import { COMMENT_MAX, compose, oneLine, onlyIf, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `minutes-draft-request`: to the secretariat after the meeting, and again when the chair asks for changes. */
export interface MinutesDraftRequestData extends EmailBase {
  /** Display date of the meeting. */
  meetingDate: string;
  draftUrl: string;
  /** Display date the draft is due. */
  draftBy: string;
  /** The chair's requested changes, on a redraft round. */
  chairComment?: string;
  /** Who asked for the changes; "the chair" when not given. */
  chairName?: string;
  /** The secretariat's link to record who attended (pre-filled from the apologies); the draft lists attendance from it. */
  attendanceUrl?: string;
}

/** Asks the secretariat for the minutes draft, or for a revision with the chair's comments. */
export function minutesDraftRequestEmail(data: MinutesDraftRequestData): RenderedEmail {
  const board = oneLine(data.board);
  const meeting = `the ${board} meeting of ${oneLine(data.meetingDate)}`;
  const redraft = data.chairComment !== undefined;
  const chair = data.chairName !== undefined ? oneLine(data.chairName) : 'the chair';
  return compose(data, {
    subject: redraft
      ? `Changes requested: revised minutes due ${shortDate(data.draftBy)}: ${board}, ${shortDate(data.meetingDate)}`
      : `Minutes draft due ${shortDate(data.draftBy)}: ${board}, ${shortDate(data.meetingDate)}`,
    lead: redraft
      ? `Please revise the minutes of ${meeting} by ${oneLine(data.draftBy)}: ${chair} has asked for changes.`
      : `Please write the draft minutes of ${meeting} by ${oneLine(data.draftBy)}.`,
    blocks: [
      ...onlyIf(redraft, { type: 'heading', text: `Changes requested by ${chair}` }, { type: 'preformatted', text: data.chairComment ?? '', max: COMMENT_MAX }),
      { type: 'button', label: redraft ? 'Revise the minutes' : 'Write the minutes', url: data.draftUrl },
      {
        type: 'paragraph',
        text: redraft
          ? 'The page opens the latest version; your revision is saved as a new version and goes back to the chair for approval.'
          : 'The draft is pre-filled from the attendance, the agenda and the matters arising: edit it there or upload your own. When you submit it, the chair is asked to approve it.',
      },
      ...onlyIf(
        data.attendanceUrl !== undefined,
        {
          type: 'paragraph',
          text: 'Record who attended first, if it differed from the apologies: who was absent, who came for whom, who arrived late or left early. A new draft lists attendance from your record.',
        },
        { type: 'button', label: 'Record attendance', url: data.attendanceUrl ?? '' },
      ),
    ],
  });
}

import { COMMENT_MAX, compose, oneLine, onlyIf, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** Lines of the minutes shown in the email; the full text is on the approval page. */
export const PREVIEW_LINES = 40;
/** Guards against one enormous line: the preview stops here even within 40 lines. */
export const PREVIEW_CHARS = 6000;

/** `chair-approval-request`: to the chair, for each submitted version of the minutes. */
export interface ChairApprovalRequestData extends EmailBase {
  /** Display date of the meeting. */
  meetingDate: string;
  version: number;
  /** The minutes as plain text; only a preview goes into the email. */
  minutesText: string;
  approveUrl: string;
  /** Display date approval is due. */
  approveBy: string;
  /** What changed since the version the chair last saw (redraft rounds). */
  whatChanged?: string;
  /** True when Reply-To is the one-time approval address, so a reply counts. */
  replyToApprove?: boolean;
  /** Set when the vice-chair is asked in the chair's place: the chair's name, and why (in words). */
  forChair?: { chair: string; because: string };
}

/** The first lines of the minutes, and whether anything was left out. */
export function minutesPreview(text: string): { preview: string; cut: boolean; totalLines: number } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let preview = lines.slice(0, PREVIEW_LINES).join('\n');
  let cut = lines.length > PREVIEW_LINES;
  if (preview.length > PREVIEW_CHARS) {
    preview = `${preview.slice(0, PREVIEW_CHARS).trimEnd()}…`;
    cut = true;
  }
  return { preview, cut, totalLines: lines.length };
}

/** Asks the chair to approve a version of the minutes, or to ask for changes. */
export function chairApprovalRequestEmail(data: ChairApprovalRequestData): RenderedEmail {
  const board = oneLine(data.board);
  const { preview, cut, totalLines } = minutesPreview(data.minutesText);
  return compose(data, {
    subject: `Approve the minutes by ${shortDate(data.approveBy)}: ${board}, ${shortDate(data.meetingDate)}${data.version > 1 ? ` (version ${data.version})` : ''}`,
    lead: `Please approve the minutes of the ${board} meeting of ${oneLine(data.meetingDate)}, or ask for changes, by ${oneLine(data.approveBy)}.`,
    blocks: [
      ...onlyIf(data.forChair !== undefined, {
        type: 'paragraph',
        text: `You are asked as vice-chair, in place of ${data.forChair?.chair ?? 'the chair'}: ${data.forChair?.because ?? ''}. The approval will name you as Vice-Chair.`,
      }),
      ...onlyIf(
        data.whatChanged !== undefined,
        { type: 'heading', text: 'What changed since the last version' },
        { type: 'preformatted', text: data.whatChanged ?? '', max: COMMENT_MAX },
      ),
      { type: 'button', label: 'Approve or request changes', url: data.approveUrl },
      ...onlyIf(data.replyToApprove === true, {
        type: 'paragraph',
        text: 'Or simply reply to this email: write “Approved” on the first line to approve them, or write the changes you want. Only your reply from this address counts, once.',
      }),
      { type: 'heading', text: `The minutes (version ${data.version})` },
      { type: 'preformatted', text: preview },
      {
        type: 'paragraph',
        text: cut
          ? `This is the start of the minutes (${totalLines} lines in all): the attached PDF and the approval page show them in full.`
          : 'The minutes are also attached as a PDF.',
      },
    ],
  });
}

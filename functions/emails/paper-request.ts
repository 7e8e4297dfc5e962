import { compose, oneLine, orList, shortDate, subjectTitle, title } from './layout';
import type { Block, EmailBase, RenderedEmail } from './layout';
import { onlineBlocks } from './online';
import type { OnlineMeeting } from '../shared/domain/types';

/** `paper-request`: to an item's presenter once the agenda is confirmed. */
export interface PaperRequestData extends EmailBase {
  itemNumber: number;
  itemTitle: string;
  /** Display date and time of the meeting. */
  meetingWhen: string;
  /** Display date and time papers are due. */
  paperDeadline: string;
  uploadUrl: string;
  maxSizeMb: number;
  /** What people call the accepted formats: ["PDF", "Word (.docx)"]. */
  acceptedTypes: readonly string[];
  /** The formats an appendix may be, when the upload page takes appendices as well as the paper. */
  appendixTypes?: readonly string[];
  /** How to join, when the meeting is online or hybrid. */
  online?: OnlineMeeting;
}

/** The details and the upload button a paper request and its reminders share. */
export function paperBlocks(data: PaperRequestData): Block[] {
  return [
    {
      type: 'facts',
      rows: [
        { label: 'Item', value: `${data.itemNumber}. ${title(data.itemTitle)}` },
        { label: 'Meeting', value: data.meetingWhen },
        { label: 'Paper due', value: data.paperDeadline },
        ...(data.appendixTypes === undefined
          ? [{ label: 'Files accepted', value: `${orList(data.acceptedTypes)}, up to ${data.maxSizeMb} MB` }]
          : [
              { label: 'Paper', value: `${orList(data.acceptedTypes)}, up to ${data.maxSizeMb} MB, for the board pack` },
              { label: 'Appendices', value: `${orList(data.appendixTypes)}, up to ${data.maxSizeMb} MB each, sent as files of their own` },
            ]),
      ],
    },
    { type: 'button', label: 'Upload your paper', url: data.uploadUrl },
    {
      type: 'paragraph',
      text: 'Papers that arrive after the deadline go out in a supplementary circulation, which leaves members less time to read them.',
    },
    ...onlineBlocks(data.online),
  ];
}

/** Asks a presenter for the paper for their item. */
export function paperRequestEmail(data: PaperRequestData): RenderedEmail {
  return compose(data, {
    subject: `Paper due ${shortDate(data.paperDeadline)}: item ${data.itemNumber}, ${subjectTitle(data.itemTitle)}`,
    lead: `Please upload your paper for item ${data.itemNumber}, “${title(data.itemTitle)}”, by ${oneLine(data.paperDeadline)}.`,
    blocks: paperBlocks(data),
  });
}

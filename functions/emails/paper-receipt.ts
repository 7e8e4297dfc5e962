import { compose, onlyIf, subjectTitle, title } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `paper-receipt`: to whoever uploaded a paper or an appendix. */
export interface PaperReceiptData extends EmailBase {
  itemNumber: number;
  itemTitle: string;
  /** What the upload was taken as: the paper (in the board pack) or an appendix (sent beside it). Default: paper. */
  kind?: 'paper' | 'appendix';
  fileName: string;
  /** What the file is, as read from its bytes: "PDF", "Excel workbook". */
  fileType?: string;
  /** With its unit: "1.2 MB". */
  size: string;
  /** The paper's version, or the appendix's number among the item's appendices. */
  version: number;
  /** Display date and time it arrived. */
  receivedAt: string;
  /** It arrived after the paper deadline. */
  late?: boolean;
  /** Where to upload a replacement, if the link still allows it. */
  replaceUrl?: string;
}

/** Confirms that a paper or an appendix arrived, with what was received, so the presenter can spot a wrong file. */
export function paperReceiptEmail(data: PaperReceiptData): RenderedEmail {
  const appendix = data.kind === 'appendix';
  return compose(data, {
    subject: appendix
      ? `Appendix received: item ${data.itemNumber}, ${subjectTitle(data.itemTitle)} (appendix ${data.version})`
      : `Paper received: item ${data.itemNumber}, ${subjectTitle(data.itemTitle)} (version ${data.version})`,
    lead: appendix
      ? `Nothing more to do: we have received an appendix to item ${data.itemNumber}, “${title(data.itemTitle)}”.`
      : `Nothing more to do: we have received your paper for item ${data.itemNumber}, “${title(data.itemTitle)}”.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Taken as', value: appendix ? `Appendix ${data.version}: sent to members as a file of its own` : 'The paper: it goes into the board pack' },
          { label: 'File', value: title(data.fileName) },
          ...(data.fileType !== undefined ? [{ label: 'Type', value: data.fileType }] : []),
          { label: 'Size', value: data.size },
          ...(appendix ? [] : [{ label: 'Version', value: String(data.version) }]),
          { label: 'Received', value: data.receivedAt },
        ],
      },
      ...onlyIf(data.late === true, {
        type: 'paragraph',
        text: 'It arrived after the paper deadline, so it will go to members in a supplementary circulation.',
      }),
      ...(data.replaceUrl !== undefined
        ? [
            {
              type: 'paragraph',
              text: appendix
                ? 'If this is the wrong file, tell the secretariat and upload the right one as a new appendix.'
                : 'If this is the wrong file, upload the right one: the latest version is the one circulated.',
            } as const,
            { type: 'button', label: appendix ? 'Upload another appendix' : 'Upload a new version', url: data.replaceUrl } as const,
          ]
        : []),
    ],
  });
}

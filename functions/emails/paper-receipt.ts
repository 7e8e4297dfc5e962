import { compose, onlyIf, subjectTitle, title } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `paper-receipt`: to whoever uploaded a paper. */
export interface PaperReceiptData extends EmailBase {
  itemNumber: number;
  itemTitle: string;
  fileName: string;
  /** With its unit: "1.2 MB". */
  size: string;
  version: number;
  /** Display date and time it arrived. */
  receivedAt: string;
  /** It arrived after the paper deadline. */
  late?: boolean;
  /** Where to upload a replacement, if the link still allows it. */
  replaceUrl?: string;
}

/** Confirms that a paper arrived, with what was received, so the presenter can spot a wrong file. */
export function paperReceiptEmail(data: PaperReceiptData): RenderedEmail {
  return compose(data, {
    subject: `Paper received: item ${data.itemNumber}, ${subjectTitle(data.itemTitle)} (version ${data.version})`,
    lead: `Nothing more to do: we have received your paper for item ${data.itemNumber}, “${title(data.itemTitle)}”.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'File', value: title(data.fileName) },
          { label: 'Size', value: data.size },
          { label: 'Version', value: String(data.version) },
          { label: 'Received', value: data.receivedAt },
        ],
      },
      ...onlyIf(data.late === true, {
        type: 'paragraph',
        text: 'It arrived after the paper deadline, so it will go to members in a supplementary circulation.',
      }),
      ...(data.replaceUrl !== undefined
        ? [
            { type: 'paragraph', text: 'If this is the wrong file, upload the right one: the latest version is the one circulated.' } as const,
            { type: 'button', label: 'Upload a new version', url: data.replaceUrl } as const,
          ]
        : []),
    ],
  });
}

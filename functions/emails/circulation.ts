import { compose, oneLine, onlyIf, shortDate, title } from './layout';
import type { Block, EmailBase, ListItem, RenderedEmail } from './layout';
import { interestBlocks, WITHHELD_LINE, type InterestLinks } from './interests';
import { onlineBlocks } from './online';
import type { OnlineMeeting } from '../shared/domain/types';

/** One agenda item as circulated. */
export interface CirculationItem {
  number: number;
  title: string;
  presenter?: string;
  /** Our link to the item's paper (never a presigned S3 address), if it has one. */
  paperUrl?: string;
  /** The page of the board pack the paper starts on, as stamped on it. */
  packPage?: number;
  /** Lines under the item: matters arising with their latest updates. */
  notes?: readonly string[];
  /**
   * Files sent beside the paper: each its number among the item's appendices, our link (never a presigned
   * S3 address) and what it is, with units: "Excel workbook, 1.2 MB".
   */
  appendices?: readonly { number: number; url: string; description: string }[];
  /** In a supplementary circulation: what is new for this item since the papers went out. */
  change?: string;
  /** The member declared a prejudicial interest in this confidential item: its papers are not linked. */
  withheld?: boolean;
}

/** `circulation`: to each member, with the agenda and the papers. */
export interface CirculationData extends EmailBase {
  /** Display date and time of the meeting. */
  meetingWhen: string;
  venue: string;
  items: readonly CirculationItem[];
  /** Our link to the whole board pack, if one was built. */
  packUrl?: string;
  /** A line from the secretariat, e.g. "The paper for item 4 will follow." */
  papersNote?: string;
  /** Late papers and appendices sent after the main circulation; each item says what changed. */
  supplementary?: boolean;
  /** Our link for sending apologies (optionally naming a substitute). */
  apologiesUrl?: string;
  /** Links to declare an interest and to confirm the register of interests. */
  interests?: InterestLinks;
  /** An extraordinary meeting called at short notice: why, printed under its heading. */
  extraordinary?: { reason: string };
  /** Our link to the pack as a web page (cover and agenda with links to the papers), for screen readers. */
  packHtmlUrl?: string;
  /** How to join, when the meeting is online or hybrid. */
  online?: OnlineMeeting;
}

/** The item's line, then one line per appendix: each is a download of its own, outside the board pack. */
function itemLines(item: CirculationItem): ListItem[] {
  const line: ListItem = { text: `${item.number}. ${title(item.title)}` };
  const details = [
    ...(item.change !== undefined ? [`What is new: ${oneLine(item.change)}`] : []),
    ...(item.presenter !== undefined ? [`Presented by ${oneLine(item.presenter)}`] : []),
    ...(item.notes ?? []).map(oneLine),
    ...(item.withheld === true ? [WITHHELD_LINE] : []),
  ];
  if (details.length > 0) line.detail = details.join(' · ');
  if (item.paperUrl !== undefined && item.withheld !== true) {
    line.link = { label: `Paper for item ${item.number}${item.packPage !== undefined ? ` (pack page ${item.packPage})` : ''}`, url: item.paperUrl };
  }
  const appendices = (item.withheld === true ? [] : (item.appendices ?? [])).map((appendix): ListItem => ({
    text: `Item ${item.number}, appendix ${appendix.number} (not in the board pack)`,
    link: { label: `appendix, ${oneLine(appendix.description)}`, url: appendix.url },
  }));
  return [line, ...appendices];
}

/** Sends the agenda and papers to a member before the meeting. */
export function circulationEmail(data: CirculationData): RenderedEmail {
  const board = oneLine(data.board);
  const what = data.supplementary === true ? 'Supplementary papers' : 'Papers';
  const pack: Block[] = data.packUrl !== undefined ? [{ type: 'button', label: 'Open the board pack', url: data.packUrl }] : [];
  if (data.packHtmlUrl !== undefined)
    pack.push({ type: 'list', items: [{ text: 'Using a screen reader?', link: { label: 'The agenda and papers as a web page', url: data.packHtmlUrl } }] });
  return compose(data, {
    subject: `${what} for ${board}, ${shortDate(data.meetingWhen)}: please read before the meeting`,
    lead:
      data.supplementary === true
        ? `Please read these supplementary papers before the ${board} meeting on ${oneLine(data.meetingWhen)}.`
        : `Please read the papers for the ${board} meeting on ${oneLine(data.meetingWhen)} before you attend.`,
    blocks: [
      ...onlyIf(
        data.extraordinary !== undefined,
        { type: 'heading', text: 'Extraordinary meeting' },
        { type: 'paragraph', text: `Called at short notice: ${data.extraordinary?.reason ?? ''}` },
      ),
      {
        type: 'facts',
        rows: [
          { label: 'Meeting', value: data.meetingWhen },
          { label: 'Venue', value: data.venue },
        ],
      },
      ...pack,
      ...onlineBlocks(data.online),
      ...onlyIf(data.papersNote !== undefined, { type: 'paragraph', text: data.papersNote ?? '' }),
      { type: 'heading', text: 'Agenda' },
      { type: 'list', items: data.items.flatMap(itemLines) },
      ...(data.apologiesUrl !== undefined
        ? [
            { type: 'paragraph' as const, text: 'If you cannot attend, please send your apologies, naming a substitute if you have one.' },
            { type: 'button' as const, label: 'I can’t attend', url: data.apologiesUrl },
          ]
        : [{ type: 'paragraph' as const, text: 'If you cannot attend, please send your apologies to the secretariat by replying to this email.' }]),
      ...interestBlocks(data.interests),
    ],
  });
}

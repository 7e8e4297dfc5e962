import { compose, oneLine, shortDate, subjectTitle, title } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `late-item-decision`: to the secretariat and the presenter, once the chair has decided on a late item. */
export interface LateItemDecisionData extends EmailBase {
  itemTitle: string;
  approved: boolean;
  /** The chair's name. */
  chair: string;
  /** Approved: the special circumstances the chair specified. Refused: why, if the chair said. */
  reason?: string;
  /** Approved: its number on the agenda. */
  itemNumber?: number;
  /** Display date and time of the meeting. */
  meetingWhen: string;
  /** Approved: when members get the supplementary agenda ("now", or its display date). */
  circulates?: string;
}

/** Tells the secretariat (and the presenter) whether the chair agreed to take a late item, and what happens next. */
export function lateItemDecisionEmail(data: LateItemDecisionData): RenderedEmail {
  const item = `“${title(data.itemTitle)}”`;
  const chair = oneLine(data.chair);
  return compose(data, {
    subject: `${data.approved ? 'Approved' : 'Refused'} as urgent business, ${shortDate(data.meetingWhen)}: ${subjectTitle(data.itemTitle)}`,
    lead: data.approved
      ? `${chair}, as chair, agreed that ${item} be taken at the meeting on ${oneLine(data.meetingWhen)} as urgent business${data.itemNumber !== undefined ? `, as item ${data.itemNumber}` : ''}.`
      : `${chair}, as chair, did not agree to take ${item} at the meeting on ${oneLine(data.meetingWhen)}. It is not on the agenda.`,
    blocks: [
      ...(data.reason !== undefined && data.reason !== ''
        ? [{ type: 'facts' as const, rows: [{ label: data.approved ? 'Special circumstances' : 'Why not', value: data.reason }] }]
        : []),
      {
        type: 'paragraph',
        text: data.approved
          ? `Members get it on a supplementary agenda ${oneLine(data.circulates ?? 'before the meeting')}, with the chair's reason; the reason is also written into the minutes draft.`
          : 'It can be proposed for the next meeting, or raised under any other business if the chair allows.',
      },
    ],
  });
}

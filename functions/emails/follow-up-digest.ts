import { truncateForDisplay } from '../shared/domain/html';
import type { ActionStatus } from '../shared/domain/types';
import { ACTION_TEXT_MAX } from './action-update-request';
import { compose, oneLine, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** How a status reads in the digest. */
export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/** One action in the digest. */
export interface DigestAction {
  number: number;
  text: string;
  /** Owners' names. */
  owners: readonly string[];
  status: ActionStatus;
  /** Display date due, if any. */
  due?: string;
  /** The latest update, display-ready: "Tuesday 10 March 2015: draft circulated". */
  lastUpdate?: string;
}

/** `follow-up-digest`: to the secretariat, weekly while actions are open. */
export interface FollowUpDigestData extends EmailBase {
  /** Display date of the digest. */
  asOf: string;
  actions: readonly DigestAction[];
  counts: Readonly<Record<ActionStatus, number>>;
  /** The console's actions page, if there is one to link to. */
  consoleUrl?: string;
}

/** Where the board's actions stand, for the secretariat to chase. */
export function followUpDigestEmail(data: FollowUpDigestData): RenderedEmail {
  const board = oneLine(data.board);
  const { counts } = data;
  return compose(data, {
    subject: `Actions digest for ${board}, ${shortDate(data.asOf)}: ${counts.open} open, ${counts['in-progress']} in progress`,
    lead: `Check where the ${board} actions stand and chase any that have stalled.`,
    blocks: [
      {
        type: 'facts',
        rows: (Object.keys(ACTION_STATUS_LABELS) as ActionStatus[]).map((status) => ({
          label: ACTION_STATUS_LABELS[status],
          value: String(counts[status]),
        })),
      },
      ...(data.consoleUrl !== undefined ? [{ type: 'button', label: 'Open the actions', url: data.consoleUrl } as const] : []),
      { type: 'heading', text: 'Actions' },
      data.actions.length > 0
        ? {
            type: 'list',
            items: data.actions.map((a) => ({
              text: `Action ${a.number}: ${truncateForDisplay(oneLine(a.text), ACTION_TEXT_MAX)}`,
              detail: [
                ACTION_STATUS_LABELS[a.status],
                a.owners.length > 0 ? `owners: ${a.owners.map(oneLine).join(', ')}` : 'no owner',
                a.due !== undefined ? `due ${oneLine(a.due)}` : 'no due date',
                a.lastUpdate !== undefined ? `last update ${oneLine(a.lastUpdate)}` : 'no update yet',
              ].join(' · '),
            })),
          }
        : { type: 'paragraph', text: 'There are no actions to report.' },
    ],
  });
}

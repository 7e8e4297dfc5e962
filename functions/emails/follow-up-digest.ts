import { truncateForDisplay } from '../shared/domain/html';
import type { ActionStatus } from '../shared/domain/types';
import { ACTION_TEXT_MAX } from './action-update-request';
import { compose, count, oneLine, onlyIf, shortDate } from './layout';
import type { Block, EmailBase, RenderedEmail } from './layout';

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
  /** Display date due, or the minutes' words ("next meeting"), if any. */
  due?: string;
  /** Where it stands against its date: "overdue by 16 days", "due in 3 working days". */
  timing?: string;
  /** The latest update, display-ready: "Tuesday 10 March 2015: draft circulated". */
  lastUpdate?: string;
}

/**
 * `follow-up-digest`: to the secretariat, weekly while actions are open. The lists overlap (an overdue
 * action may have no owner); the email shows each action once, under the most pressing heading.
 */
export interface FollowUpDigestData extends EmailBase {
  /** Display date of the digest. */
  asOf: string;
  counts: Readonly<Record<ActionStatus, number>>;
  /** Overdue by more than `escalateAfterDays`: for the secretariat to take up. */
  escalate: readonly DigestAction[];
  escalateAfterDays: number;
  overdue: readonly DigestAction[];
  /** Due within `dueSoonWorkingDays` working days. */
  dueSoon: readonly DigestAction[];
  dueSoonWorkingDays: number;
  /** Display date of the latest meeting, when there is one; `noUpdate` are the actions without an update since. */
  lastMeeting?: string;
  noUpdate: readonly DigestAction[];
  unassigned: readonly DigestAction[];
  /** Every open or in-progress action. */
  open: readonly DigestAction[];
  /** The console's actions page, if there is one to link to. */
  consoleUrl?: string;
}

function row(a: DigestAction): { text: string; detail: string } {
  return {
    text: `Action ${a.number}: ${truncateForDisplay(oneLine(a.text), ACTION_TEXT_MAX)}`,
    detail: [
      ACTION_STATUS_LABELS[a.status],
      a.owners.length > 0 ? `owners: ${a.owners.map(oneLine).join(', ')}` : 'no owner',
      a.due !== undefined ? `due ${oneLine(a.due)}` : 'no due date',
      ...(a.timing !== undefined ? [oneLine(a.timing)] : []),
      a.lastUpdate !== undefined ? `last update ${oneLine(a.lastUpdate)}` : 'no update yet',
    ].join(' · '),
  };
}

/** Where the board's actions stand, for the secretariat to chase: escalations first. */
export function followUpDigestEmail(data: FollowUpDigestData): RenderedEmail {
  const board = oneLine(data.board);
  const open = data.counts.open + data.counts['in-progress'];
  const sinceMeeting = data.lastMeeting !== undefined ? `the meeting of ${oneLine(data.lastMeeting)}` : 'the last meeting';
  const sections: [string, readonly DigestAction[]][] = [
    [`Escalate: overdue by more than ${count(data.escalateAfterDays, 'day')}`, data.escalate],
    ['Overdue', data.overdue],
    [`Due within ${count(data.dueSoonWorkingDays, 'working day')}`, data.dueSoon],
    ['No owner', data.unassigned],
    [`No update since ${sinceMeeting}`, data.noUpdate],
    ['Other open actions', data.open],
  ];
  const shown = new Set<number>();
  const blocks: Block[] = sections.flatMap(([heading, actions]) => {
    const fresh = actions.filter((a) => !shown.has(a.number));
    for (const a of fresh) shown.add(a.number);
    return onlyIf(fresh.length > 0, { type: 'heading', text: heading }, { type: 'list', items: fresh.map(row) });
  });
  return compose(data, {
    subject:
      `Actions digest for ${board}, ${shortDate(data.asOf)}: ${open} open, ${data.overdue.length} overdue` +
      (data.escalate.length > 0 ? `, ${data.escalate.length} to escalate` : ''),
    lead:
      data.escalate.length > 0
        ? `Escalate ${count(data.escalate.length, 'action')} overdue by more than ${count(data.escalateAfterDays, 'day')}, and chase the rest of the ${board} actions that have stalled.`
        : `Check where the ${board} actions stand and chase any that have stalled.`,
    blocks: [
      {
        type: 'facts',
        rows: [
          ...(['open', 'in-progress'] as const).map((status) => ({ label: ACTION_STATUS_LABELS[status], value: String(data.counts[status]) })),
          { label: 'Overdue', value: String(data.overdue.length) },
          { label: 'To escalate', value: String(data.escalate.length) },
          { label: 'Due soon', value: String(data.dueSoon.length) },
          { label: `No update since ${sinceMeeting}`, value: String(data.noUpdate.length) },
          { label: 'No owner', value: String(data.unassigned.length) },
          ...(['done', 'dropped'] as const).map((status) => ({ label: ACTION_STATUS_LABELS[status], value: String(data.counts[status]) })),
        ],
      },
      ...onlyIf(data.consoleUrl !== undefined, { type: 'button', label: 'Open the actions', url: data.consoleUrl ?? '' }),
      ...(blocks.length > 0 ? blocks : [{ type: 'paragraph', text: 'There are no open actions.' } as const]),
    ],
  });
}

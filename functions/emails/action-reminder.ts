import { truncateForDisplay } from '../shared/domain/html';
import { ACTION_TEXT_MAX } from './action-update-request';
import { compose, oneLine, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** One action in an owner's reminder. */
export interface ReminderAction {
  number: number;
  text: string;
  /** Display date due: "Friday 27 March 2015". */
  due: string;
  /** Why today: "due in 5 working days", "due today", "overdue by 9 days". */
  why: string;
  overdue: boolean;
  updateUrl: string;
}

/** `action-reminder`: to an action owner, at most one a day, listing every action of theirs due a reminder. */
export interface ActionReminderData extends EmailBase {
  actions: readonly ReminderAction[];
}

function subjectOf(actions: readonly ReminderAction[]): string {
  const [first] = actions;
  if (actions.length === 1 && first) {
    return `Reminder: action ${first.number}, ${oneLine(first.why)} (${first.overdue ? 'due ' : ''}${shortDate(first.due)})`;
  }
  const overdue = actions.filter((a) => a.overdue).length;
  return overdue > 0
    ? `Actions due: ${actions.length} of yours, ${overdue} overdue`
    : `Actions due: ${actions.length} of yours, the first ${shortDate(first?.due ?? '')}`;
}

/** Reminds an owner of their actions falling due or overdue, each with its own update link. */
export function actionReminderEmail(data: ActionReminderData): RenderedEmail {
  const one = data.actions.length === 1 ? data.actions[0] : undefined;
  return compose(data, {
    subject: subjectOf(data.actions),
    lead: one
      ? `Please tell us how action ${one.number} is going, or mark it done.`
      : `Please tell us how these ${data.actions.length} actions are going, or mark them done.`,
    blocks: [
      {
        type: 'list',
        items: data.actions.map((a) => ({
          text: `Action ${a.number}: ${truncateForDisplay(oneLine(a.text), ACTION_TEXT_MAX)}`,
          detail: `Due ${oneLine(a.due)} · ${oneLine(a.why)}`,
          link: { label: `Update action ${a.number}`, url: a.updateUrl },
        })),
      },
      {
        type: 'paragraph',
        text: 'Each link opens the action: choose a status and add a line on progress; the secretariat sees it in its weekly digest. Reminders stop once an action is done.',
      },
    ],
  });
}

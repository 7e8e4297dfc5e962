import { STATE_WORDS } from '../../shared/domain/cycle-standing';
import { STATES } from '../../shared/domain/states';
import type { EmailKind } from '../../emails';

/** "1 proposal", "4 proposals": every number a clerk reads has its unit. */
export const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What the CLI names in the cores' messages, as the console's buttons name it. */
const CLI_WORDS: [RegExp, string][] = [
  [/`cycle move`/g, '"Move the meeting" on the cycle\'s page'],
  [/`cycle cancel`/g, '"Cancel this cycle" on the cycle\'s page'],
  [/`cycle start`/g, '"Start a cycle" on the board\'s page'],
  [/`cycle resume`/g, '"Resume the cycle" on the cycle\'s page'],
];

/**
 * A core's message as a clerk should read it: a state name becomes the step in words ("failed in
 * CirculatePapers" → "failed while sending the papers to members"), a CLI command the console's button.
 */
export function readable(message: string): string {
  let text = message;
  for (const [pattern, words] of CLI_WORDS) text = text.replace(pattern, words);
  const names = Object.keys(STATES).sort((a, b) => b.length - a.length);
  const any = new RegExp(`\\b(in |at )?(${names.join('|')})\\b`, 'g');
  return text.replace(any, (_all, preposition: string | undefined, name: keyof typeof STATE_WORDS) =>
    preposition ? `while ${STATE_WORDS[name].step}` : `"${STATE_WORDS[name].step}"`,
  );
}

/** What each kind of email is, as the cycle page lists it. */
const EMAIL_WORDS: Record<EmailKind, string> = {
  'agenda-call': 'Agenda call',
  'proposal-received': 'Receipt for a proposed item',
  'proposal-declined': 'Proposed item not taken',
  'proposal-accepted': 'Proposed item on the agenda',
  'meeting-moved': 'Meeting moved',
  'papers-not-received': 'Missing papers report',
  'quorum-warning': 'Quorum warning',
  'agenda-confirmation-request': 'Request to confirm the agenda',
  'paper-request': 'Request for a paper',
  'paper-reminder': 'Reminder for a paper',
  'paper-receipt': 'Receipt for a paper',
  circulation: 'Papers circulated',
  'minutes-draft-request': 'Request for the draft minutes',
  'chair-approval-request': "Request for the chair's approval",
  'reply-outcome': 'Answer to an emailed reply',
  'public-minutes-withheld': 'Public minutes withheld',
  'actions-to-reassign': 'Actions to reassign',
  'minutes-published': 'Approved minutes',
  'next-meeting-confirmation': 'Request to confirm the next meeting',
  'action-update-request': 'Request for an action update',
  'action-reminder': 'Action reminder',
  'action-fresh-link': 'New link for an action update',
  'action-due-proposed': 'New due date proposed',
  'action-due-decision': 'Decision on a due date',
  'action-delegation-proposed': 'Hand-over of an action proposed',
  'action-delegation-decision': 'Decision on a hand-over',
  'follow-up-digest': 'Actions digest',
  'callback-reminder': 'Reminder',
  escalation: 'Escalation',
  'cycle-failed': 'Cycle stopped',
  'cycle-resumed': 'Cycle resumed',
  'cycle-closed': 'Cycle closed',
  'address-undeliverable': 'Address not receiving',
  'console-sign-in': 'Console sign-in link',
  'late-item-request': "Request for the chair's decision on a late item",
  'late-item-decision': "Chair's decision on a late item",
  'deputy-papers': "Papers to a member's deputy",
  'meeting-cancelled': 'Meeting cancelled',
};

/** An email's kind in words; claims recorded before kinds were kept have none. */
export const emailKindWords = (kind: EmailKind | undefined): string => (kind ? EMAIL_WORDS[kind] : 'Email');

/** Known failures, by the error name Step Functions recorded, in words a clerk can act on. */
const FAILURES: [test: (name: string) => boolean, words: string][] = [
  [(n) => n === 'CallbackAbandonedError', 'Nobody answered, after every reminder and the escalation.'],
  [(n) => n === 'PartialSendError', 'Some emails could not be sent, even after several tries.'],
  [(n) => n === 'ThrottledError', 'An Amazon Web Services service kept turning requests away for its rate limit, even after several tries.'],
  [(n) => n === 'ServiceUnavailableError', 'An Amazon Web Services service was unavailable, even after several tries.'],
  [(n) => n === 'StaleVersionError', 'Others kept changing the same record at the same moment, even after several tries.'],
  [(n) => n === 'ValidationError', 'Some information the step needed was not valid.'],
  [(n) => n === 'NotFoundError', 'Something the step needed could not be found (a member, the chair, the secretariat or a file).'],
  [(n) => n === 'TimelineError', 'A date of the timeline did not work.'],
  [(n) => n === 'CycleFailedError', 'The step found something it could not deal with.'],
  [(n) => n === 'MessageRejected' || n === 'MailFromDomainNotVerifiedException', 'The email service refused to send a message.'],
  [(n) => n === 'AccountSendingPausedException', 'Sending email is paused for the whole account.'],
  [(n) => n === 'States.Timeout' || n === 'States.HeartbeatTimeout' || n === 'Sandbox.Timedout', 'The step took longer than it is allowed and was stopped.'],
  [(n) => n.startsWith('Lambda.') || n === 'States.TaskFailed', 'The program that does this step could not run, even after several tries.'],
];

/** What went wrong, from the recorded error name. */
export function failureWords(errorName: string): string {
  return FAILURES.find(([test]) => test(errorName))?.[1] ?? `An unexpected error (${errorName}).`;
}

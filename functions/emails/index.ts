/**
 * Every email the product sends, one template per kind. Each template is a pure function from a
 * small, display-ready data object to `{ subject, html, text }`; callers format dates and issue links.
 * A new kind is its template file and one line in EMAIL_TEMPLATES (with its import): its name and the
 * data it needs follow from there.
 */
import { actionDelegationDecisionEmail } from './action-delegation-decision';
import { actionDelegationProposedEmail } from './action-delegation-proposed';
import { actionDueDecisionEmail } from './action-due-decision';
import { actionDueProposedEmail } from './action-due-proposed';
import { actionFreshLinkEmail } from './action-fresh-link';
import { actionReminderEmail } from './action-reminder';
import { actionUpdateRequestEmail } from './action-update-request';
import { actionsToReassignEmail } from './actions-to-reassign';
import { addressUndeliverableEmail } from './address-undeliverable';
import { agendaCallEmail } from './agenda-call';
import { agendaConfirmationRequestEmail } from './agenda-confirmation-request';
import { callbackReminderEmail } from './callback-reminder';
import { chairApprovalRequestEmail } from './chair-approval-request';
import { circulationEmail } from './circulation';
import { consoleSignInEmail } from './console-sign-in';
import { cycleClosedEmail } from './cycle-closed';
import { cycleFailedEmail } from './cycle-failed';
import { cycleResumedEmail } from './cycle-resumed';
import { escalationEmail } from './escalation';
import { followUpDigestEmail } from './follow-up-digest';
import { meetingMovedEmail } from './meeting-moved';
import { minutesDraftRequestEmail } from './minutes-draft-request';
import { minutesPublishedEmail } from './minutes-published';
import { nextMeetingConfirmationEmail } from './next-meeting-confirmation';
import { paperReceiptEmail } from './paper-receipt';
import { paperReminderEmail } from './paper-reminder';
import { paperRequestEmail } from './paper-request';
import { papersNotReceivedEmail } from './papers-not-received';
import { proposalAcceptedEmail } from './proposal-accepted';
import { proposalDeclinedEmail } from './proposal-declined';
import { proposalReceivedEmail } from './proposal-received';
import { publicMinutesWithheldEmail } from './public-minutes-withheld';
import { quorumWarningEmail } from './quorum-warning';
import { deputyPapersEmail } from './deputy-papers';
import { replyOutcomeEmail } from './reply-outcome';
import { lateItemRequestEmail } from './late-item-request';
import { lateItemDecisionEmail } from './late-item-decision';
import { meetingCancelledEmail } from './meeting-cancelled';
import type { RenderedEmail } from './layout';

// Callers import templates, their data types and the layout helpers from here.
export * from './action-delegation-decision';
export * from './action-delegation-proposed';
export * from './action-due-decision';
export * from './action-due-proposed';
export * from './action-fresh-link';
export * from './action-reminder';
export * from './action-update-request';
export * from './actions-to-reassign';
export * from './address-undeliverable';
export * from './agenda-call';
export * from './agenda-confirmation-request';
export * from './callback-reminder';
export * from './chair-approval-request';
export * from './circulation';
export * from './console-sign-in';
export * from './cycle-closed';
export * from './cycle-failed';
export * from './cycle-resumed';
export * from './deputy-papers';
export * from './escalation';
export * from './follow-up-digest';
export * from './layout';
export * from './meeting-moved';
export * from './minutes-draft-request';
export * from './minutes-published';
export * from './next-meeting-confirmation';
export * from './paper-receipt';
export * from './paper-reminder';
export * from './paper-request';
export * from './papers-not-received';
export * from './proposal-accepted';
export * from './proposal-declined';
export * from './proposal-received';
export * from './public-minutes-withheld';
export * from './quorum-warning';
export * from './reply-outcome';
export * from './late-item-request';
export * from './late-item-decision';
export * from './meeting-cancelled';
export * from './online';

/** Each kind's template, in the order a cycle sends them; the key is `EmailMessage.kind`. */
export const EMAIL_TEMPLATES = {
  'agenda-call': agendaCallEmail,
  'proposal-received': proposalReceivedEmail,
  'proposal-declined': proposalDeclinedEmail,
  'proposal-accepted': proposalAcceptedEmail,
  'meeting-moved': meetingMovedEmail,
  'papers-not-received': papersNotReceivedEmail,
  'quorum-warning': quorumWarningEmail,
  'agenda-confirmation-request': agendaConfirmationRequestEmail,
  'paper-request': paperRequestEmail,
  'paper-reminder': paperReminderEmail,
  'paper-receipt': paperReceiptEmail,
  circulation: circulationEmail,
  'minutes-draft-request': minutesDraftRequestEmail,
  'chair-approval-request': chairApprovalRequestEmail,
  'reply-outcome': replyOutcomeEmail,
  'public-minutes-withheld': publicMinutesWithheldEmail,
  'actions-to-reassign': actionsToReassignEmail,
  'minutes-published': minutesPublishedEmail,
  'next-meeting-confirmation': nextMeetingConfirmationEmail,
  'action-update-request': actionUpdateRequestEmail,
  'action-reminder': actionReminderEmail,
  'action-fresh-link': actionFreshLinkEmail,
  'action-due-proposed': actionDueProposedEmail,
  'action-due-decision': actionDueDecisionEmail,
  'action-delegation-proposed': actionDelegationProposedEmail,
  'action-delegation-decision': actionDelegationDecisionEmail,
  'follow-up-digest': followUpDigestEmail,
  'callback-reminder': callbackReminderEmail,
  escalation: escalationEmail,
  'cycle-failed': cycleFailedEmail,
  'cycle-resumed': cycleResumedEmail,
  'cycle-closed': cycleClosedEmail,
  'console-sign-in': consoleSignInEmail,
  'address-undeliverable': addressUndeliverableEmail,
  'late-item-request': lateItemRequestEmail,
  'late-item-decision': lateItemDecisionEmail,
  'deputy-papers': deputyPapersEmail,
  'meeting-cancelled': meetingCancelledEmail,
} as const satisfies Readonly<Record<string, (data: never) => RenderedEmail>>;

/** The name of each kind of email: `EmailMessage.kind`, the mailbox's grouping, the SES header. */
export type EmailKind = keyof typeof EMAIL_TEMPLATES;

/** The data each kind of email needs: its template's parameter. */
export type EmailDataByKind = { [K in EmailKind]: Parameters<(typeof EMAIL_TEMPLATES)[K]>[0] };

/** Every kind, in the order a cycle sends them. */
// Marked pure: a call at module scope is otherwise kept, and with it every template in every function that sends.
export const EMAIL_KINDS = /* @__PURE__ */ Object.keys(EMAIL_TEMPLATES) as readonly EmailKind[];

/** The registry seen kind by kind, so that a kind chosen at run time is rendered with its own data. */
const TEMPLATES_BY_KIND: { readonly [K in EmailKind]: (data: EmailDataByKind[K]) => RenderedEmail } = EMAIL_TEMPLATES;

/** Renders an email of `kind`; for callers that choose the kind at run time (the local mailbox, tests). */
export function renderEmail<K extends EmailKind>(kind: K, data: EmailDataByKind[K]): RenderedEmail {
  return TEMPLATES_BY_KIND[kind](data);
}

/** True if `value` names a kind of email. */
export function isEmailKind(value: unknown): value is EmailKind {
  return typeof value === 'string' && Object.hasOwn(EMAIL_TEMPLATES, value);
}

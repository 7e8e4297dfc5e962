/**
 * Every email the product sends, one template per kind. Each template is a pure function from a
 * small, display-ready data object to `{ subject, html, text }`; callers format dates and issue links.
 */
import { actionDelegationDecisionEmail } from './action-delegation-decision';
import type { ActionDelegationDecisionData } from './action-delegation-decision';
import { actionDelegationProposedEmail } from './action-delegation-proposed';
import type { ActionDelegationProposedData } from './action-delegation-proposed';
import { actionDueDecisionEmail } from './action-due-decision';
import type { ActionDueDecisionData } from './action-due-decision';
import { actionDueProposedEmail } from './action-due-proposed';
import type { ActionDueProposedData } from './action-due-proposed';
import { actionFreshLinkEmail } from './action-fresh-link';
import type { ActionFreshLinkData } from './action-fresh-link';
import { actionReminderEmail } from './action-reminder';
import type { ActionReminderData } from './action-reminder';
import { actionUpdateRequestEmail } from './action-update-request';
import type { ActionUpdateRequestData } from './action-update-request';
import { agendaCallEmail } from './agenda-call';
import type { AgendaCallData } from './agenda-call';
import { agendaConfirmationRequestEmail } from './agenda-confirmation-request';
import type { AgendaConfirmationRequestData } from './agenda-confirmation-request';
import { callbackReminderEmail } from './callback-reminder';
import type { CallbackReminderData } from './callback-reminder';
import { chairApprovalRequestEmail } from './chair-approval-request';
import type { ChairApprovalRequestData } from './chair-approval-request';
import { circulationEmail } from './circulation';
import type { CirculationData } from './circulation';
import { cycleClosedEmail } from './cycle-closed';
import type { CycleClosedData } from './cycle-closed';
import { cycleFailedEmail } from './cycle-failed';
import type { CycleFailedData } from './cycle-failed';
import { escalationEmail } from './escalation';
import type { EscalationData } from './escalation';
import { followUpDigestEmail } from './follow-up-digest';
import type { FollowUpDigestData } from './follow-up-digest';
import type { RenderedEmail } from './layout';
import { minutesDraftRequestEmail } from './minutes-draft-request';
import type { MinutesDraftRequestData } from './minutes-draft-request';
import { minutesPublishedEmail } from './minutes-published';
import type { MinutesPublishedData } from './minutes-published';
import { paperReceiptEmail } from './paper-receipt';
import type { PaperReceiptData } from './paper-receipt';
import { paperReminderEmail } from './paper-reminder';
import type { PaperReminderData } from './paper-reminder';
import { paperRequestEmail } from './paper-request';
import type { PaperRequestData } from './paper-request';
import { meetingMovedEmail } from './meeting-moved';
import { nextMeetingConfirmationEmail } from './next-meeting-confirmation';
import type { NextMeetingConfirmationData } from './next-meeting-confirmation';
import { papersNotReceivedEmail } from './papers-not-received';
import { quorumWarningEmail } from './quorum-warning';
import type { QuorumWarningData } from './quorum-warning';
import type { PapersNotReceivedData } from './papers-not-received';
import type { MeetingMovedData } from './meeting-moved';
import { proposalAcceptedEmail } from './proposal-accepted';
import type { ProposalAcceptedData } from './proposal-accepted';
import { proposalDeclinedEmail } from './proposal-declined';
import type { ProposalDeclinedData } from './proposal-declined';
import { proposalReceivedEmail } from './proposal-received';
import { actionsToReassignEmail } from './actions-to-reassign';
import type { ActionsToReassignData } from './actions-to-reassign';
import { publicMinutesWithheldEmail } from './public-minutes-withheld';
import type { PublicMinutesWithheldData } from './public-minutes-withheld';
import { replyOutcomeEmail } from './reply-outcome';
import type { ReplyOutcomeData } from './reply-outcome';
import type { ProposalReceivedData } from './proposal-received';

export * from './action-delegation-decision';
export * from './action-delegation-proposed';
export * from './action-due-decision';
export * from './action-due-proposed';
export * from './action-fresh-link';
export * from './action-reminder';
export * from './action-update-request';
export * from './agenda-call';
export * from './agenda-confirmation-request';
export * from './callback-reminder';
export * from './chair-approval-request';
export * from './circulation';
export * from './cycle-closed';
export * from './cycle-failed';
export * from './escalation';
export * from './follow-up-digest';
export * from './layout';
export * from './minutes-draft-request';
export * from './minutes-published';
export * from './paper-receipt';
export * from './paper-reminder';
export * from './paper-request';
export * from './meeting-moved';
export * from './next-meeting-confirmation';
export * from './papers-not-received';
export * from './quorum-warning';
export * from './proposal-accepted';
export * from './proposal-declined';
export * from './proposal-received';
export * from './actions-to-reassign';
export * from './public-minutes-withheld';
export * from './reply-outcome';

/** The data each kind of email needs; the key is `EmailMessage.kind`. */
export interface EmailDataByKind {
  'agenda-call': AgendaCallData;
  'proposal-received': ProposalReceivedData;
  'proposal-declined': ProposalDeclinedData;
  'proposal-accepted': ProposalAcceptedData;
  'meeting-moved': MeetingMovedData;
  'papers-not-received': PapersNotReceivedData;
  'quorum-warning': QuorumWarningData;
  'agenda-confirmation-request': AgendaConfirmationRequestData;
  'paper-request': PaperRequestData;
  'paper-reminder': PaperReminderData;
  'paper-receipt': PaperReceiptData;
  circulation: CirculationData;
  'minutes-draft-request': MinutesDraftRequestData;
  'chair-approval-request': ChairApprovalRequestData;
  'reply-outcome': ReplyOutcomeData;
  'public-minutes-withheld': PublicMinutesWithheldData;
  'actions-to-reassign': ActionsToReassignData;
  'minutes-published': MinutesPublishedData;
  'next-meeting-confirmation': NextMeetingConfirmationData;
  'action-update-request': ActionUpdateRequestData;
  'action-reminder': ActionReminderData;
  'action-fresh-link': ActionFreshLinkData;
  'action-due-proposed': ActionDueProposedData;
  'action-due-decision': ActionDueDecisionData;
  'action-delegation-proposed': ActionDelegationProposedData;
  'action-delegation-decision': ActionDelegationDecisionData;
  'follow-up-digest': FollowUpDigestData;
  'callback-reminder': CallbackReminderData;
  escalation: EscalationData;
  'cycle-failed': CycleFailedData;
  'cycle-closed': CycleClosedData;
}

/** The name of each kind of email: `EmailMessage.kind`, the mailbox's grouping, the SES header. */
export type EmailKind = keyof EmailDataByKind;

/** Each kind's template. */
export const EMAIL_TEMPLATES: { readonly [K in EmailKind]: (data: EmailDataByKind[K]) => RenderedEmail } = {
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
  'cycle-closed': cycleClosedEmail,
};

/** Every kind, in the order a cycle sends them. */
export const EMAIL_KINDS = Object.keys(EMAIL_TEMPLATES) as readonly EmailKind[];

/** Renders an email of `kind`; for callers that choose the kind at run time (the local mailbox, tests). */
export function renderEmail<K extends EmailKind>(kind: K, data: EmailDataByKind[K]): RenderedEmail {
  return EMAIL_TEMPLATES[kind](data);
}

/** True if `value` names a kind of email. */
export function isEmailKind(value: unknown): value is EmailKind {
  return typeof value === 'string' && Object.hasOwn(EMAIL_TEMPLATES, value);
}

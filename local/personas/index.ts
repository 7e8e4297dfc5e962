import type { EmailKind } from '../../functions/emails';
import type { CapturedEmail } from '../mail/mail-capture';
import { updateAction } from './action-update-request';
import { proposeItem } from './agenda-call';
import { confirmAgenda } from './agenda-confirmation-request';
import { answerApproval } from './chair-approval-request';
import { answerCirculation } from './circulation';
import { NO_ACTION, type Persona } from './context';
import { writeMinutes } from './minutes-draft-request';
import { confirmNextMeeting } from './next-meeting-confirmation';
import { uploadPaper } from './paper-request';
import { decideLateItem } from './late-item-request';

export { initialState, NO_ACTION, personaContext, type DriveShared, type DriveState, type Persona, type PersonaContext, type PersonaOptions } from './context';

/**
 * What the robot does with each kind of email the cycle sends. Every kind is listed, so a new kind of
 * email does not compile until someone decides whether a person answers it; the rest are only read.
 */
export const PERSONAS = {
  'agenda-call': proposeItem,
  'proposal-received': NO_ACTION,
  'proposal-declined': NO_ACTION,
  'proposal-accepted': NO_ACTION,
  'meeting-moved': NO_ACTION,
  'papers-not-received': NO_ACTION,
  'quorum-warning': NO_ACTION,
  'agenda-confirmation-request': confirmAgenda,
  'paper-request': uploadPaper,
  'paper-reminder': uploadPaper,
  'paper-receipt': NO_ACTION,
  circulation: answerCirculation,
  'minutes-draft-request': writeMinutes,
  'chair-approval-request': answerApproval,
  'reply-outcome': NO_ACTION,
  'public-minutes-withheld': NO_ACTION,
  'actions-to-reassign': NO_ACTION,
  'minutes-published': NO_ACTION,
  'next-meeting-confirmation': confirmNextMeeting,
  'action-update-request': updateAction,
  'action-reminder': NO_ACTION,
  'action-fresh-link': NO_ACTION,
  'action-due-proposed': NO_ACTION,
  'action-due-decision': NO_ACTION,
  'action-delegation-proposed': NO_ACTION,
  'action-delegation-decision': NO_ACTION,
  'follow-up-digest': NO_ACTION,
  'callback-reminder': NO_ACTION,
  escalation: NO_ACTION,
  'cycle-failed': NO_ACTION,
  'cycle-resumed': NO_ACTION,
  'cycle-closed': NO_ACTION,
  'address-undeliverable': NO_ACTION,
  'console-sign-in': NO_ACTION,
  'late-item-request': decideLateItem,
  'late-item-decision': NO_ACTION,
  'deputy-papers': NO_ACTION,
  'meeting-cancelled': NO_ACTION,
} as const satisfies Record<EmailKind, Persona | typeof NO_ACTION>;

/** The persona that answers this email, if anyone does: none for a kind that nobody answers or an unknown kind. */
export function personaFor(email: Pick<CapturedEmail, 'kind'>): Persona | undefined {
  if (email.kind === '') return undefined;
  const persona: Persona | typeof NO_ACTION = PERSONAS[email.kind];
  return persona === NO_ACTION ? undefined : persona;
}

import { actionDelegationProposedEmail, actionDueProposedEmail, actionFreshLinkEmail, type EmailKind } from '../../../emails';
import {
  decisionSubject,
  displayDue,
  maskEmail,
  newChangeId,
  planDelegationRequest,
  planUpdate,
  statusLabel,
  type DelegationInput,
  type Refusal,
  type UpdateInput,
  readDelegationForm,
  readUpdateForm,
} from '../../../shared/domain/action-changes';
import { linkExpiry } from '../../../shared/domain/link-policy';
import type { Action, LinkPurpose, Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import { changeAction } from '../../../shared/services/action-changes';
import { requireSecretariat, type CycleContext } from '../../../shared/services/cycle-context';
import { makeSendWithLink } from '../../../shared/services/notify';
import { namesOf } from '../shared/action-view';
import { outboxKeys } from '../../../shared/table/outbox-keys';
import * as z from '../../../shared/validation/zod';

/** Which of the page's two forms was sent, read by the domain's rules (and their messages). */
export type ActionForm = ({ do: 'update' } & UpdateInput) | ({ do: 'delegate' } & DelegationInput);

/**
 * The owner's update (status, note, a proposed due date) or hand-over request (`do=delegate`). `today`
 * is the board's date, the earliest a proposed due date may be; `candidates` may take the action on.
 */
export const actionForm = (today: string, candidates: readonly Pick<Member, 'memberId'>[]) =>
  z.pipe(
    z.record(z.string(), z.string()),
    z.transform((fields: Record<string, string>): ActionForm =>
      fields.do === 'delegate' ? { do: 'delegate', ...readDelegationForm(fields, candidates) } : { do: 'update', ...readUpdateForm(fields, today) },
    ),
  );

type Deps = Pick<CoreDeps, 'actions' | 'outbox' | 'sendOnce' | 'links' | 'boards' | 'cycles' | 'waits' | 'workflow' | 'clock' | 'config'>;

/** Which action, whose link, in which cycle. */
export interface ActionRef {
  cycle: CycleContext;
  boardId: string;
  actionId: string;
  owner: Member;
}

/** The change was not made: the action as it now stands, and why. */
export type Refused = { action: Action; refused: Refusal };

/** Emails each of the secretariat a single-use link to answer a proposal or a hand-over request. */
async function askSecretariat(
  d: Deps,
  cycle: CycleContext,
  action: Action,
  changeId: string,
  ask: {
    purpose: Extract<LinkPurpose, 'decide-due-date' | 'decide-delegation'>;
    kind: Extract<EmailKind, 'action-due-proposed' | 'action-delegation-proposed'>;
    render: (url: string) => { subject: string; html: string; text: string };
  },
): Promise<void> {
  const sendWithLink = makeSendWithLink(d);
  const expiresAt = linkExpiry(ask.purpose, { now: d.clock.now() });
  for (const member of requireSecretariat(cycle)) {
    await sendWithLink({
      key: outboxKeys.actionAsk(ask.kind, action.actionId, changeId, member.memberId),
      to: member,
      kind: ask.kind,
      link: { purpose: ask.purpose, boardId: action.boardId, cycleId: action.cycleId, subject: decisionSubject(action.actionId, changeId), expiresAt },
      render: ask.render,
    });
  }
}

const actor = (ref: ActionRef, at: string, changeId: string) => ({ by: ref.owner.memberId, at, name: namesOf(ref.cycle), changeId });

/**
 * Saves an owner's update; a proposed due date goes to the secretariat to accept or decline. Everything
 * is checked before anything is written, so a refused form stores nothing.
 */
export async function saveUpdate(d: Deps, ref: ActionRef, input: UpdateInput): Promise<Refused | { outcome: string }> {
  const { cycle, owner } = ref;
  if (input.proposal) requireSecretariat(cycle);
  const changeId = newChangeId();
  const result = await changeAction(d, ref.boardId, ref.actionId, (action, at) => planUpdate(action, input, actor(ref, at, changeId)));
  if (result.refused) return { action: result.action, refused: result.refused };
  const { action } = result;
  let proposed = '';
  if (input.proposal && action.pendingDue?.id === changeId) {
    const pending = action.pendingDue;
    await askSecretariat(d, cycle, action, changeId, {
      purpose: 'decide-due-date',
      kind: 'action-due-proposed',
      render: (decideUrl) =>
        actionDueProposedEmail({
          board: cycle.board.name,
          secretariatEmail: cycle.secretariatEmail,
          actionNumber: action.number,
          actionText: action.text,
          proposedBy: owner.name,
          ...(action.due ? { currentDue: displayDue(action.due) } : {}),
          proposedDue: displayDue(pending.due),
          ...(pending.reason ? { reason: pending.reason } : {}),
          decideUrl,
        }),
    });
    proposed = ` Your proposed due date, ${displayDue(pending.due)}, has gone to the secretariat; you will hear by email.`;
  }
  return { outcome: `Action ${action.number} is now ${statusLabel(action.status)}.${proposed}` };
}

/** Asks the secretariat to hand the action to another member; until they confirm, it stays with its owner. */
export async function requestHandOver(d: Deps, ref: ActionRef, input: DelegationInput): Promise<Refused | { outcome: string }> {
  const { cycle, owner } = ref;
  requireSecretariat(cycle);
  const changeId = newChangeId();
  const result = await changeAction(d, ref.boardId, ref.actionId, (action, at) => planDelegationRequest(action, input, actor(ref, at, changeId)));
  if (result.refused) return { action: result.action, refused: result.refused };
  const { action } = result;
  const to = namesOf(cycle)(input.to);
  await askSecretariat(d, cycle, action, changeId, {
    purpose: 'decide-delegation',
    kind: 'action-delegation-proposed',
    render: (decideUrl) =>
      actionDelegationProposedEmail({
        board: cycle.board.name,
        secretariatEmail: cycle.secretariatEmail,
        actionNumber: action.number,
        actionText: action.text,
        ...(action.due ? { due: displayDue(action.due) } : {}),
        from: owner.name,
        to,
        reason: input.reason,
        decideUrl,
      }),
  });
  return { outcome: `You asked to hand action ${action.number} to ${to}.` };
}

/**
 * Emails the holder of an expired update link a fresh one, to their address only: at most one per
 * expired link per board day (`today`), however often the button is pressed. Returns where it went,
 * masked, and whether it went now.
 */
export async function sendFreshLink(
  d: Deps,
  input: { cycle: CycleContext; holder: Member; action: Action; expiredTokenHash: string; today: string },
): Promise<{ sent: boolean; to: string }> {
  const { cycle, holder, action } = input;
  const expiresAt = linkExpiry('update-action', { now: d.clock.now() });
  const sent = await makeSendWithLink(d)({
    key: outboxKeys.actionFreshLink(input.expiredTokenHash, input.today),
    to: holder,
    kind: 'action-fresh-link',
    link: { purpose: 'update-action', boardId: action.boardId, cycleId: action.cycleId, subject: action.actionId, expiresAt },
    render: (updateUrl) =>
      actionFreshLinkEmail({
        board: cycle.board.name,
        secretariatEmail: cycle.secretariatEmail,
        actionNumber: action.number,
        actionText: action.text,
        ...(action.due ? { due: displayDue(action.due) } : {}),
        worksUntil: cycle.day(expiresAt.toISOString()),
        updateUrl,
      }),
  });
  return { sent, to: maskEmail(holder.email) };
}

import { operator, type AuditActor } from '../shared/domain/audit';
import * as z from '../shared/validation/zod';
import { actionsToReassignEmail } from '../emails';
import { makeSendActionUpdateRequest } from '../shared/services/action-update-request';
import { changeAction } from '../shared/services/action-changes';
import { isClosed, type Planned } from '../shared/domain/action-changes';
import { loadCycleContext } from '../shared/services/cycle-context';
import { NotFoundError, StaleVersionError, ValidationError } from '../shared/domain/errors';
import { messageTo } from '../shared/services/notify';
import type { Action, Member } from '../shared/domain/types';
import { parseOrThrow } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';

/** A member by id or email, as the secretariat types it. */
async function findMember(d: Pick<CoreDeps, 'boards'>, boardId: string, who: string): Promise<{ member: Member; members: Member[] }> {
  if (!(await d.boards.getBoard(boardId))) throw new NotFoundError(`There is no board "${boardId}".`);
  const members = await d.boards.listMembers(boardId);
  const key = who.trim().toLowerCase();
  const member = members.find((m) => m.memberId === key || m.email.toLowerCase() === key);
  if (!member)
    throw new NotFoundError(`There is no member "${who}" on board ${boardId}: use a member id or email from \`npx cycle members list --board ${boardId}\`.`);
  return { member, members };
}

/** The cycle an action was agreed in: its context words the emails about it. */
const contextOf = (d: Pick<CoreDeps, 'boards' | 'cycles'>, action: Action) => loadCycleContext(d, action.boardId, action.cycleId);

export const memberLeavesInput = z.object({
  boardId: z.string().check(z.minLength(1, 'give the board')),
  member: z.string().check(z.minLength(1, 'give the member (id or email)')),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(500, 'keep the reason under 500 characters'))),
});

/**
 * A member leaves the board: their open actions go back to the secretariat to reassign (or stay with
 * their other owners), each with a history entry; pending hand-overs to or from them are withdrawn; the
 * member is removed, so their links stop working; and the secretariat gets one email listing what to
 * reassign. The board's only chair or only secretariat member cannot leave before a successor is added.
 */
export const makeMemberLeaves =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions' | 'waits' | 'workflow' | 'sendOnce' | 'clock'>, who: AuditActor = operator()) =>
  async (raw: z.input<typeof memberLeavesInput>): Promise<{ memberId: string; unassigned: number[]; kept: number[] }> => {
    const input = parseOrThrow(memberLeavesInput, raw, 'member');
    const { member, members } = await findMember(d, input.boardId, input.member);
    for (const role of ['chair', 'secretariat'] as const) {
      if (member.roles.includes(role) && members.filter((m) => m.roles.includes(role)).length === 1) {
        throw new ValidationError(`${member.name} is the board's only ${role}: import their successor first (npx cycle members import), then remove them.`);
      }
    }
    const names = new Map(members.map((m) => [m.memberId, m.name]));
    const affected = (await d.actions.listActions(input.boardId)).filter(
      (a) => !isClosed(a) && (a.ownerMemberIds.includes(member.memberId) || a.pendingDelegation?.to === member.memberId),
    );
    const unassigned: Action[] = [];
    const kept: Action[] = [];
    for (const action of affected) {
      const result = await changeAction(d, input.boardId, action.actionId, (current, at): Planned => {
        const owners = current.ownerMemberIds.filter((id) => id !== member.memberId);
        const delegation = current.pendingDelegation;
        const involved = delegation && (delegation.from === member.memberId || delegation.to === member.memberId);
        const note = `${member.name} left the board${input.reason ? ` (${input.reason})` : ''}; ${owners.length ? `the action stays with ${owners.map((id) => names.get(id) ?? id).join(', ')}` : 'it goes back to the secretariat to reassign'}.`;
        return {
          change: { ownerMemberIds: owners, ...(involved ? { pendingDelegation: null } : {}) },
          events: [{ at, by: 'secretariat', status: current.status, note, kind: 'owner-left' }],
        };
      });
      (result.action.ownerMemberIds.length ? kept : unassigned).push(result.action);
    }
    const what = { type: 'member-removed', memberId: member.memberId, name: member.name, ...(input.reason ? { reason: input.reason } : {}) } as const;
    // Recorded in the transaction that removes the member.
    await d.boards.removeMember(input.boardId, member.memberId, { at: d.clock.now().toISOString(), who, what });
    if (affected.length > 0) {
      const ctx = await contextOf(d, affected[0]!);
      const email = actionsToReassignEmail({
        board: ctx.board.name,
        secretariatEmail: ctx.secretariatEmail,
        memberName: member.name,
        unassigned: unassigned.map((a) => ({ number: a.number, text: a.text })),
        kept: kept.map((a) => ({ number: a.number, text: a.text, owners: a.ownerMemberIds.map((id) => names.get(id) ?? id).join(', ') })),
        assignCommand: `npx cycle actions assign --board ${input.boardId} --action NUMBER --to MEMBER (an id or email)`,
      });
      for (const s of ctx.secretariat)
        await d.sendOnce(outboxKeys.memberLeft(input.boardId, member.memberId, s.memberId), messageTo(s, 'actions-to-reassign', email));
    }
    return { memberId: member.memberId, unassigned: unassigned.map((a) => a.number), kept: kept.map((a) => a.number) };
  };

export const assignActionInput = z.object({
  boardId: z.string().check(z.minLength(1, 'give the board')),
  action: z.coerce.number().check(z.int('an action number is a whole number'), z.positive('an action number is 1 or more')),
  to: z.array(z.string().check(z.minLength(1))).check(z.minLength(1, 'give at least one new owner')),
  /** The version the secretariat saw (the console's form): a change since then is not overwritten. */
  expectedVersion: z.optional(z.number().check(z.int(), z.nonnegative())),
});

/**
 * The secretariat gives an action new owners (after a member left, or an unassigned action from the
 * minutes): a history entry, and each new owner gets the action with an update link.
 */
export const makeAssignAction =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions' | 'waits' | 'workflow' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config'>) =>
  async (raw: z.input<typeof assignActionInput>): Promise<{ action: number; owners: string[] }> => {
    const input = parseOrThrow(assignActionInput, raw, 'assignment');
    const owners = await Promise.all(input.to.map(async (who) => (await findMember(d, input.boardId, who)).member));
    const found = (await d.actions.listActions(input.boardId)).find((a) => a.number === input.action);
    if (!found) throw new NotFoundError(`Board ${input.boardId} has no action ${input.action}.`);
    const ids = [...new Set(owners.map((m) => m.memberId))];
    const result = await changeAction(d, input.boardId, found.actionId, (current, at): Planned => {
      if (input.expectedVersion !== undefined && current.version !== input.expectedVersion)
        throw new StaleVersionError(`Action ${current.number} was changed by someone else since you opened it.`);
      if (isClosed(current)) return { refused: { reason: 'closed', message: `Action ${current.number} is ${current.status}; it needs no owner.` } };
      const note = `Assigned by the secretariat to ${owners.map((m) => m.name).join(', ')}.`;
      return {
        change: { ownerMemberIds: ids, pendingDelegation: null },
        events: [{ at, by: 'secretariat', status: current.status, note, kind: 'reassigned' }],
      };
    });
    if (result.refused) throw new ValidationError(result.refused.message);
    const ctx = await contextOf(d, result.action);
    const send = makeSendActionUpdateRequest(d);
    const at = result.action.version;
    const why = 'The secretariat has given this action to you: it is yours now.';
    for (const owner of owners) await send(ctx, result.action, owner, outboxKeys.actionAssigned(result.action.actionId, at, owner.memberId), why);
    return { action: result.action.number, owners: ids };
  };

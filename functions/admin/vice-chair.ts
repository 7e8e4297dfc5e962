import type { AuditActor } from '../shared/domain/audit';
import { recordAudit } from '../shared/services/audit';
import * as z from '../shared/validation/zod';
import { NotFoundError, ValidationError } from '../shared/domain/errors';
import type { Member } from '../shared/domain/types';
import { ids, parseOrThrow } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

export const viceChairInput = z.object({
  boardId: ids.boardId,
  /** The new vice-chair, by member id or email; absent to leave the board without one. */
  member: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(254))),
});
export type ViceChairInput = z.input<typeof viceChairInput>;

/** Who holds the role after the change, and who held it before. */
export interface ViceChairResult {
  viceChair?: Member;
  was?: Member;
}

/**
 * Names the board's vice-chair (the `vice-chair` role, held by one member): the role moves from whoever
 * held it. The chair cannot be their own vice-chair. Without `member`, nobody holds the role.
 * @throws NotFoundError for an unknown board or member; ValidationError for the chair.
 */
export async function setViceChair(d: Pick<CoreDeps, 'boards' | 'audit' | 'clock'>, raw: ViceChairInput, who: AuditActor): Promise<ViceChairResult> {
  const input = parseOrThrow(viceChairInput, raw, 'vice-chair');
  if (!(await d.boards.getBoard(input.boardId))) throw new NotFoundError(`There is no board "${input.boardId}".`);
  const members = await d.boards.listMembers(input.boardId);
  const key = input.member?.toLowerCase();
  const next = key === undefined ? undefined : members.find((m) => m.memberId === key || m.email.toLowerCase() === key);
  if (key !== undefined && !next) {
    throw new NotFoundError(`There is no member "${input.member}" on board ${input.boardId}: use a member id or email from \`npx cycle members list\`.`);
  }
  if (next?.roles.includes('chair')) {
    throw new ValidationError(`${next.name} is the chair: the vice-chair must be someone else, who answers when the chair cannot.`, ['member is the chair']);
  }
  const holders = members.filter((m) => m.roles.includes('vice-chair') && m.memberId !== next?.memberId);
  const change = async (member: Member, roles: Member['roles']): Promise<Member> => {
    const updated = await d.boards.updateMember({ ...member, roles }, member);
    await recordAudit(d, input.boardId, who, { type: 'member-changed', memberId: member.memberId, name: member.name, fields: ['roles'] });
    return updated;
  };
  for (const holder of holders)
    await change(
      holder,
      holder.roles.filter((r) => r !== 'vice-chair'),
    );
  const viceChair = next && !next.roles.includes('vice-chair') ? await change(next, [...next.roles, 'vice-chair']) : next;
  return { ...(viceChair ? { viceChair } : {}), ...(holders[0] ? { was: holders[0] } : {}) };
}

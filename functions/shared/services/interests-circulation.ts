import { registerConfirmationDue, withheldItems } from '../domain/interests';
import { linkExpiry } from '../domain/link-policy';
import type { AgendaItem, Member } from '../domain/types';
import type { CoreDeps } from '../ports';
import type { CycleContext } from './cycle-context';
import { makeIssueLink } from './issue-link';

/** What one member's circulation email carries about interests. */
export interface MemberInterests {
  /** The link to declare an interest in an item (the main circulation only). */
  declareUrl?: string;
  /** The link to confirm their register, when its yearly confirmation is due (the main circulation only). */
  registerUrl?: string;
  /** Items whose papers the member may not have: no paper or appendix link is put in their email. */
  withheld: ReadonlySet<number>;
}

/**
 * Reads the meeting's declarations and the board's registers once, and returns what each member's email
 * carries. Call it per member only after checking the email was not sent, so a retry issues no link
 * that nobody receives. A register never confirmed, or confirmed over 12 months ago, gets its link in
 * the first main circulation after that: no separate reminder, and no change to the workflow.
 */
export async function prepareInterests(
  d: Pick<CoreDeps, 'interests' | 'links' | 'boards' | 'clock' | 'config'>,
  ctx: CycleContext,
  items: readonly AgendaItem[],
  supplementary: boolean,
): Promise<(member: Member) => Promise<MemberInterests>> {
  const { cycle } = ctx;
  const [declarations, registers] = await Promise.all([
    d.interests.listDeclarations(cycle.cycleId),
    supplementary ? Promise.resolve([]) : d.interests.listRegisters(cycle.boardId),
  ]);
  const issueLink = makeIssueLink(d);
  const now = d.clock.now();
  const basis = { now, timeline: cycle.timeline };
  const link = (purpose: 'declare-interest' | 'confirm-interests', member: Member) =>
    issueLink({ purpose, boardId: cycle.boardId, cycleId: cycle.cycleId, memberId: member.memberId, expiresAt: linkExpiry(purpose, basis) });
  return async (member) => {
    const withheld = withheldItems(items, declarations, member.memberId);
    if (supplementary) return { withheld };
    const due = registerConfirmationDue(
      registers.find((r) => r.memberId === member.memberId),
      now,
    );
    return { withheld, declareUrl: await link('declare-interest', member), ...(due ? { registerUrl: await link('confirm-interests', member) } : {}) };
  };
}

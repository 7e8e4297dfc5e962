import { createHash } from 'node:crypto';
import { proposalReceivedEmail } from '../../../emails';
import { AlreadyExistsError, LimitReachedError } from '../../../shared/domain/errors';
import { recordAudit } from '../../../shared/services/audit';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { messageTo } from '../../../shared/services/notify';
import type { Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import { outboxKeys } from '../../../shared/table/outbox-keys';
import * as z from '../../../shared/validation/zod';

/** A member's proposal; `nonce` is the form's own, so that a double click counts once. */
export const proposalForm = z.object({
  title: z.string().check(z.trim(), z.minLength(3, 'give the item a title of at least 3 characters'), z.maxLength(200, 'keep the title under 200 characters')),
  purpose: z.enum(['decision', 'discussion', 'information']),
  presenter: z.string().check(z.minLength(1)),
  minutes: z.coerce.number().check(z.int(), z.gte(5, 'allow at least 5 minutes'), z.lte(180, 'an item longer than 3 hours needs a word with the secretariat')),
  confidential: z._default(z.enum(['yes', 'no']), 'no'),
  nonce: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
});

/** A proposal, as the form sends it. */
export type ProposalInput = z.infer<typeof proposalForm>;

/** False when a concurrent submission of the same form (a double click) stored it first. */
async function addOnce(add: () => Promise<void>): Promise<boolean> {
  try {
    await add();
    return true;
  } catch (err) {
    if (err instanceof AlreadyExistsError) return false;
    throw err;
  }
}

/** Most items one member may propose for one meeting: a loop on a link cannot flood the agenda. */
export const MAX_PROPOSALS_PER_MEMBER = 10;

/**
 * Stores a member's proposal once per form (the id comes from the link and the form's nonce) and
 * thanks the proposer by email, once. Refused when the presenter is not a member of the board.
 * @throws LimitReachedError when the proposer already has MAX_PROPOSALS_PER_MEMBER proposals in the cycle
 */
export async function proposeItem(
  d: Pick<CoreDeps, 'cycles' | 'sendOnce' | 'clock' | 'audit'>,
  input: { cycle: CycleContext; proposer: Member; tokenHash: string; proposal: ProposalInput },
): Promise<{ outcome: string } | { refused: 'presenter-not-member' }> {
  const { cycle, proposer, proposal } = input;
  const presenter = cycle.members.find((m) => m.memberId === proposal.presenter);
  if (!presenter) return { refused: 'presenter-not-member' };
  const proposalId = createHash('sha256').update(`${input.tokenHash}:${proposal.nonce}`).digest('hex').slice(0, 20);
  const proposals = await d.cycles.listProposals(cycle.cycle.cycleId);
  const existing = proposals.find((p) => p.proposalId === proposalId);
  if (!existing && proposals.filter((p) => p.proposedBy === proposer.memberId).length >= MAX_PROPOSALS_PER_MEMBER) {
    throw new LimitReachedError(
      `You have proposed ${MAX_PROPOSALS_PER_MEMBER} items for this meeting, the most one member can; "${proposal.title}" was not stored. ` +
        `Please write to the secretariat at ${cycle.secretariatEmail}.`,
    );
  }
  const added =
    !existing &&
    (await addOnce(() =>
      d.cycles.addProposal({
        cycleId: cycle.cycle.cycleId,
        proposalId,
        title: proposal.title,
        purpose: proposal.purpose,
        presenterMemberId: presenter.memberId,
        estimatedMinutes: proposal.minutes,
        confidential: proposal.confidential === 'yes',
        proposedBy: proposer.memberId,
        createdAt: d.clock.now().toISOString(),
      }),
    ));
  // Keyed by the proposal: a form sent again writes a missing entry, never a second one.
  const who = { kind: 'member', name: proposer.name, email: proposer.email } as const;
  const what = { type: 'item-proposed', proposalId, title: existing?.title ?? proposal.title } as const;
  await recordAudit(d, cycle.board.boardId, who, what, { cycleId: cycle.cycle.cycleId, key: `proposal#${proposalId}` });
  if (added) {
    const email = proposalReceivedEmail({
      board: cycle.board.name,
      secretariatEmail: cycle.secretariatEmail,
      itemTitle: proposal.title,
      itemDeadline: cycle.when(cycle.cycle.timeline.itemDeadline),
    });
    await d.sendOnce(outboxKeys.proposal(cycle.cycle.cycleId, proposalId), messageTo(proposer, 'proposal-received', email));
  }
  return { outcome: `"${proposal.title}" was proposed for the agenda.` };
}

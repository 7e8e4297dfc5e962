import { createHash } from 'node:crypto';
import { proposalReceivedEmail } from '../../../emails';
import { AlreadyExistsError } from '../../../shared/domain/errors';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { messageTo } from '../../../shared/services/notify';
import type { Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import type { ProposalInput } from './schema';
import { outboxKeys } from '../../../shared/table/outbox-keys';

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

/**
 * Stores a member's proposal once per form (the id comes from the link and the form's nonce) and
 * thanks the proposer by email, once. Refused when the presenter is not a member of the board.
 */
export async function proposeItem(
  d: Pick<CoreDeps, 'cycles' | 'sendOnce' | 'clock'>,
  input: { cycle: CycleContext; proposer: Member; tokenHash: string; proposal: ProposalInput },
): Promise<{ outcome: string } | { refused: 'presenter-not-member' }> {
  const { cycle, proposer, proposal } = input;
  const presenter = cycle.members.find((m) => m.memberId === proposal.presenter);
  if (!presenter) return { refused: 'presenter-not-member' };
  const proposalId = createHash('sha256').update(`${input.tokenHash}:${proposal.nonce}`).digest('hex').slice(0, 20);
  const existing = (await d.cycles.listProposals(cycle.cycle.cycleId)).find((p) => p.proposalId === proposalId);
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

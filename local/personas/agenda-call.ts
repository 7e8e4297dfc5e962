import { PROPOSE_BUTTON } from '../../functions/http/links/propose-item/page';
import { submit } from '../people';
import type { Persona } from './context';

const PROPOSALS = ['Serious youth violence: partnership plan for 2027', 'Domestic abuse: commissioning update'];

/** A voting member who is not the chair proposes an item, until each of the two proposals is made. */
export const proposeItem: Persona = async (email, { opts, byEmail, state, who, open, expectOk, did }) => {
  const member = byEmail.get(email.to[0] ?? '');
  if (!member || state.proposalsMade >= PROPOSALS.length || !member.roles.includes('member') || member.roles.includes('chair')) return;
  const title = PROPOSALS[state.proposalsMade++] ?? '';
  const confidential: Record<string, string> = state.proposalsMade <= (opts.confidentialProposals ?? 0) ? { confidential: 'yes' } : {};
  expectOk(await submit(await open(), PROPOSE_BUTTON, { title, purpose: 'decision', minutes: '20', ...confidential }), 'Proposing an item');
  did(`${who} proposed "${title}"`);
};

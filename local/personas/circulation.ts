import { SEND_APOLOGIES_BUTTON } from '../../functions/http/links/send-apologies/page';
import { follow, submit } from '../people';
import type { Persona } from './context';
import { uploadHeldPaper } from './paper-request';

/**
 * The papers have gone out: presenters who held their paper back upload it now, and the first voting
 * members (not the chair) send apologies, the very first naming a substitute; so does the chair, when
 * `chairApologises`.
 */
export const answerCirculation: Persona = async (email, { opts, byEmail, state, who, expectOk, did }) => {
  for (const held of state.heldUploads.splice(0)) await uploadHeldPaper(held.link, byEmail.get(held.who)?.name ?? held.who, held.subject, did);
  const member = byEmail.get(email.to[0] ?? '');
  const chairAway = opts.chairApologises === true && member?.roles.includes('chair') === true;
  if (!member || (!chairAway && (state.apologiesLeft <= 0 || !member.roles.includes('member') || member.roles.includes('chair')))) return;
  // The link under the "I can’t attend" button: the plain text gives each button's address on the next line.
  const apologiesLink = /I can’t attend:\r?\n(\S+)/.exec(email.text)?.[1];
  if (!apologiesLink) throw new Error('The circulation email has no apologies link');
  const substitute = !chairAway && state.apologiesLeft === (opts.apologies ?? 0) ? 'Deputy for ' + member.name : '';
  if (!chairAway) state.apologiesLeft--;
  const page = await follow(apologiesLink);
  expectOk(await submit(page, SEND_APOLOGIES_BUTTON, { substitute }), 'Sending apologies');
  did(`${who} sent apologies${substitute ? ` (substitute: ${substitute})` : ''}`);
};

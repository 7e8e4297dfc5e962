import { SEND_APOLOGIES_BUTTON } from '../../functions/http/links/send-apologies/page';
import { follow, submit } from '../people';
import type { Persona } from './context';
import { declareInterest } from './declare-interest';
import { uploadHeldPaper } from './paper-request';

/**
 * The papers have gone out: presenters who held their paper back upload it now, and the first voting
 * members (not the chair) send apologies, the very first naming a deputy (name and address); so does the
 * chair, when `chairApologises`.
 */
export const answerCirculation: Persona = async (email, ctx) => {
  await declareInterest(email, ctx);
  const { opts, byEmail, state, who, expectOk, did } = ctx;
  for (const held of state.heldUploads.splice(0)) await uploadHeldPaper(held.link, byEmail.get(held.who)?.name ?? held.who, held.subject, did);
  const member = byEmail.get(email.to[0] ?? '');
  const chairAway = opts.chairApologises === true && member?.roles.includes('chair') === true;
  if (!member || (!chairAway && (state.apologiesLeft <= 0 || !member.roles.includes('member') || member.roles.includes('chair')))) return;
  // The link under the "I can’t attend" button: the plain text gives each button's address on the next line.
  const apologiesLink = /I can’t attend:\r?\n(\S+)/.exec(email.text)?.[1];
  if (!apologiesLink) throw new Error('The circulation email has no apologies link');
  const substitute = !chairAway && state.apologiesLeft === (opts.apologies ?? 0) ? 'Deputy for ' + member.name : '';
  // A deputy is a person with an address of their own (never a member's): they get the papers too.
  const substituteEmail = substitute ? `deputy.${member.memberId}@deputies.example.net` : '';
  if (!chairAway) state.apologiesLeft--;
  const page = await follow(apologiesLink);
  expectOk(await submit(page, SEND_APOLOGIES_BUTTON, { substitute, substituteEmail }), 'Sending apologies');
  did(`${who} sent apologies${substitute ? ` (deputy: ${substitute}, ${substituteEmail})` : ''}`);
};

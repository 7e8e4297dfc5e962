import { APPROVE_BUTTON, REQUEST_CHANGES_BUTTON } from '../../functions/http/links/approve-minutes/page';
import { replyTo } from '../mail/inbound';
import { submit } from '../people';
import type { Persona } from './context';

/**
 * Whoever is asked (the chair, or the vice-chair in their place) asks for changes `changeRounds` times,
 * then approves: on the link's page, or by replying to the email. A `chairSilent` chair never answers.
 */
export const answerApproval: Persona = async (email, { cloud, opts, state, who, open, expectOk, did, byEmail }) => {
  if (opts.chairSilent && byEmail.get(email.to[0] ?? '')?.roles.includes('chair')) return;
  const changeRounds = opts.changeRounds ?? 1;
  if (opts.chairAnswersBy === 'reply') {
    const asking = state.changeRequests < changeRounds;
    if (asking) state.changeRequests++;
    const text = asking ? `Please record the apologies received (round ${state.changeRequests}).\n\nThanks,\nAlex` : 'Approved';
    const outcome = await replyTo(cloud.deps, { original: email, text });
    if (outcome.status !== 'accepted') throw new Error(`${who}'s reply was ${outcome.status}: ${outcome.reason}`);
    did(`${who} ${asking ? 'asked for changes' : 'approved the minutes'} by replying to the email`);
    return;
  }
  const page = await open();
  if (state.changeRequests < changeRounds) {
    state.changeRequests++;
    const comment = `Please record the apologies received (round ${state.changeRequests}).`;
    expectOk(await submit(page, REQUEST_CHANGES_BUTTON, { comment }), 'Requesting changes');
    did(`${who} asked for changes`);
  } else {
    expectOk(await submit(page, APPROVE_BUTTON), 'Approving');
    did(`${who} approved the minutes`);
  }
};

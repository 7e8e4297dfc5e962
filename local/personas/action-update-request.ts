import { SAVE_UPDATE_BUTTON } from '../../functions/http/links/update-action/page';
import { replyTo } from '../mail/inbound';
import { submit } from '../people';
import type { Persona } from './context';

/** An action's owner updates it on the link's page, by replying to the email, or not at all (`updateBy`, `ownersUpdate`). */
export const updateAction: Persona = async (email, { cloud, opts, who, open, expectOk, did }) => {
  const number = Number(/action (\d+)/.exec(email.subject)?.[1]);
  const how = opts.updateBy?.(number) ?? (opts.ownersUpdate === false ? 'none' : 'link');
  if (how === 'none') return;
  if (how === 'reply') {
    const outcome = await replyTo(cloud.deps, { original: email, text: 'In progress: spoke to the council; their figures are due next week.' });
    if (outcome.status !== 'accepted') throw new Error(`${who}'s reply about action ${number} was ${outcome.status}: ${outcome.reason}`);
    did(`${who} updated action ${number} by replying to the email`);
    return;
  }
  expectOk(await submit(await open(), SAVE_UPDATE_BUTTON, { status: 'in-progress', note: 'Draft plan shared with partners.' }), 'Updating the action');
  did(`${who} updated action ${number}`);
};

import { APPROVE_LATE_ITEM_BUTTON, REFUSE_LATE_ITEM_BUTTON } from '../../functions/http/links/decide-late-item/page';
import { submit } from '../people';
import type { Persona } from './context';

/**
 * The chair answers a late item: approves it, stating as the special circumstances the reason the
 * secretariat offered (the page fills it in), refuses it, or leaves it (`chairOnLateItems`).
 */
export const decideLateItem: Persona = async (_email, { opts, who, open, expectOk, did }) => {
  const answer = opts.chairOnLateItems ?? 'approve';
  if (answer === 'ignore') return;
  const page = await open();
  if (answer === 'approve') {
    expectOk(await submit(page, APPROVE_LATE_ITEM_BUTTON), 'Approving the late item');
    did(`${who} approved a late item as urgent business`);
  } else {
    expectOk(await submit(page, REFUSE_LATE_ITEM_BUTTON, { reason: 'It can wait for the next meeting.' }), 'Refusing the late item');
    did(`${who} refused a late item`);
  }
};

import { CONFIRM_AGENDA_BUTTON } from '../../functions/http/links/confirm-agenda/page';
import { submit } from '../people';
import type { Persona } from './context';

/** The secretariat confirms the draft agenda as it stands. */
export const confirmAgenda: Persona = async (_email, { who, open, expectOk, did }) => {
  expectOk(await submit(await open(), CONFIRM_AGENDA_BUTTON), 'Confirming the agenda');
  did(`${who} confirmed the agenda`);
};

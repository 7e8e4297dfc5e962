import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { callbackInput } from '../shared/services/callbacks';
import { makeWaitForAgendaConfirmation } from './wait-for-agenda-confirmation';

export const handler = taskHandler(callbackInput, (input) => makeWaitForAgendaConfirmation(deps())(input));

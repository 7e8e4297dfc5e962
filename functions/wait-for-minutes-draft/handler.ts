import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { callbackInput } from '../shared/services/callbacks';
import { makeWaitForMinutesDraft } from './wait-for-minutes-draft';

export const handler = taskHandler(callbackInput, (input) => makeWaitForMinutesDraft(deps())(input));

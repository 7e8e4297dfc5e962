import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { callbackInput } from '../shared/services/callbacks';
import { makeWaitForChairApproval } from './wait-for-chair-approval';

export const handler = taskHandler(callbackInput, (input) => makeWaitForChairApproval(deps())(input));

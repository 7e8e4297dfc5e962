import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeFollowUpActions } from './follow-up-actions';

export const handler = taskHandler(cycleRef, (input) => makeFollowUpActions(deps())(input));

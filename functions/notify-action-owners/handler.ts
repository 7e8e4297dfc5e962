import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeNotifyActionOwners } from './notify-action-owners';

export const handler = taskHandler(cycleRef, (input) => makeNotifyActionOwners(deps())(input));

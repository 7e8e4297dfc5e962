import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeCloseCycle } from './close-cycle';

export const handler = taskHandler(cycleRef, (input) => makeCloseCycle(deps())(input));

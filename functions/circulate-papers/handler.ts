import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeCirculatePapers } from './circulate-papers';

export const handler = taskHandler(cycleRef, (input) => makeCirculatePapers(deps())(input));

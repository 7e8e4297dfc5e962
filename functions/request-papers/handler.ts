import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeRequestPapers } from './request-papers';

export const handler = taskHandler(cycleRef, (input) => makeRequestPapers(deps(), { onlyMissing: false })(input));

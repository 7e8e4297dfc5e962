import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeRequestPapers } from '../request-papers/request-papers';

/** Same core as RequestPapers, limited to presenters whose paper is missing. */
export const handler = taskHandler(cycleRef, (input) => makeRequestPapers(deps(), { onlyMissing: true })(input));

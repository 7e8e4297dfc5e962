import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeReportMissingPapers } from './report-missing-papers';

export const handler = taskHandler(cycleRef, (input) => makeReportMissingPapers(deps())(input));

import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { failureInput } from './schema';
import { makeRecordFailure } from './record-failure';

export const handler = taskHandler(failureInput, (input) => makeRecordFailure(deps())(input));

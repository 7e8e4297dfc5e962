import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { minutesRef } from './schema';
import { makeExtractActions } from './extract-actions';

export const handler = taskHandler(minutesRef, (input) => makeExtractActions(deps())(input));

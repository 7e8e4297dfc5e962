import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { chaseInput } from './schema';
import { makeChaseCallback } from './chase-callback';

export const handler = taskHandler(chaseInput, (input) => makeChaseCallback(deps())(input));

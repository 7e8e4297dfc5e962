import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { minutesRef } from '../extract-actions/schema';
import { makePublishMinutes } from './publish-minutes';

export const handler = taskHandler(minutesRef, (input) => makePublishMinutes(deps())(input));

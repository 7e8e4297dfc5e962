import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeSendSupplementaryCirculation } from './send-supplementary-circulation';

export const handler = taskHandler(cycleRef, (input) => makeSendSupplementaryCirculation(deps())(input));

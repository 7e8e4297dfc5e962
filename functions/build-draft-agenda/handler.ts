import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeBuildDraftAgenda } from './build-draft-agenda';

export const handler = taskHandler(cycleRef, (input) => makeBuildDraftAgenda(deps())(input));

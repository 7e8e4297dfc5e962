import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeBuildBoardPack } from './build-board-pack';

export const handler = taskHandler(cycleRef, (input) => makeBuildBoardPack(deps())(input));
